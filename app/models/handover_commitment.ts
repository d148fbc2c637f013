import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import HandoverTransfer from '#models/handover_transfer'
import Organisation from '#models/organisation'
import Shelter from '#models/shelter'
import User from '#models/user'

export const commitmentReferenceKinds = ['budget_law', 'mtef', 'decision'] as const
export type CommitmentReferenceKind = (typeof commitmentReferenceKinds)[number]

/**
 * The state's commitment to fund a shelter in a year: who (the ministry of
 * the time, kept by name), under which budget line or MTEF reference, how
 * much, and the evidence document. One recorded with a mistake is
 * cancelled with a reason, and its transfers with it; never deleted.
 */
export default class HandoverCommitment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare shelterId: number

  @column()
  declare year: number

  @column()
  declare funderOrganisationId: number | null

  @column()
  declare funderName: string

  @column()
  declare referenceKind: CommitmentReferenceKind

  @column()
  declare budgetReference: string

  @column.date()
  declare committedOn: DateTime

  @column()
  declare currency: string

  @column({ consume: Number })
  declare amountCents: number

  @column()
  declare evidenceFileKey: string | null

  @column()
  declare evidenceFileName: string | null

  @column({ columnName: 'evidence_sha256' })
  declare evidenceSha256: string | null

  @column()
  declare recordedById: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancelledById: number | null

  @column()
  declare cancellationReason: string | null

  @belongsTo(() => User, { foreignKey: 'cancelledById' })
  declare cancelledBy: BelongsTo<typeof User>

  /** Cancelled (recorded with a mistake): kept on record, left out of every figure. */
  get isCancelled() {
    return this.cancelledAt !== null
  }

  @belongsTo(() => Shelter)
  declare shelter: BelongsTo<typeof Shelter>

  @belongsTo(() => Organisation, { foreignKey: 'funderOrganisationId' })
  declare funder: BelongsTo<typeof Organisation>

  @hasMany(() => HandoverTransfer, {
    foreignKey: 'commitmentId',
    onQuery: (q) => q.orderBy('transferred_on').orderBy('id'),
  })
  declare transfers: HasMany<typeof HandoverTransfer>
}
