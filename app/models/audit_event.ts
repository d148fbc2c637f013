import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { StoredEvent } from '#domain/audit_chain'
import Organisation from '#models/organisation'
import User from '#models/user'

/** One row of the append-only audit trail; written only by AuditTrail. */
export default class AuditEvent extends BaseModel {
  static table = 'audit_events'

  @column({ isPrimary: true, consume: (value) => Number(value) })
  declare id: number

  @column()
  declare actorId: number | null

  @column()
  declare organisationId: number | null

  @column()
  declare action: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  @column()
  declare beforeJson: string | null

  @column()
  declare afterJson: string | null

  @column()
  declare ip: string | null

  @column.dateTime()
  declare createdAt: DateTime

  @column()
  declare prevHash: string

  @column()
  declare hash: string

  /** 1: legacy unkeyed SHA-256; 2: HMAC-SHA256 under the audit key. */
  @column({ consume: (value) => Number(value) })
  declare chainVersion: number

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  get before(): unknown {
    return this.beforeJson ? JSON.parse(this.beforeJson) : null
  }

  get after(): unknown {
    return this.afterJson ? JSON.parse(this.afterJson) : null
  }

  /** The fields covered by the hash, as they are stored. */
  toChainedFields(): StoredEvent {
    return {
      id: this.id,
      hash: this.hash,
      chainVersion: this.chainVersion,
      prevHash: this.prevHash,
      actorId: this.actorId === null ? null : Number(this.actorId),
      organisationId: this.organisationId === null ? null : Number(this.organisationId),
      action: this.action,
      subjectType: this.subjectType,
      subjectId: this.subjectId,
      beforeJson: this.beforeJson,
      afterJson: this.afterJson,
      ip: this.ip,
      createdAt: chainTimestamp(this.createdAt),
    }
  }
}

export function chainTimestamp(instant: DateTime) {
  return instant.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'")
}
