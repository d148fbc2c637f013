import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Organisation from '#models/organisation'

/** A bank account of an organisation; the primary one is named on payment orders. */
export default class OrganisationBankAccount extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  /** Electronic format, no spaces, checked by ibantools. */
  @column()
  declare iban: string

  @column()
  declare holderName: string

  @column()
  declare bankName: string | null

  @column()
  declare currency: string

  @column({ consume: (value) => Boolean(value) })
  declare isPrimary: boolean

  @column({ serializeAs: null })
  declare certificateFileKey: string | null

  @column()
  declare certificateFileName: string | null

  @column()
  declare certificateContentType: string | null

  @column({ columnName: 'certificate_sha256' })
  declare certificateSha256: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  /** The IBAN in groups of four, as people read it. */
  get printedIban() {
    return this.iban.replace(/(.{4})(?=.)/g, '$1 ')
  }
}
