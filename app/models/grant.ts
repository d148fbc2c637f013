import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { GrantStatus } from '#domain/grants/grant_terms'
import { reportingPeriods } from '#domain/grants/grant_terms'
import { grantOrganisationIds, seesAllOrganisations } from '#domain/roles'
import Call from '#models/call'
import ExpenseReport from '#models/expense_report'
import GrantBudgetLine from '#models/grant_budget_line'
import GrantCofinancingSource from '#models/grant_cofinancing_source'
import PaymentRequest from '#models/payment_request'
import Organisation from '#models/organisation'
import type User from '#models/user'

/** How a licence note on a sub-grant awarded with its renewal pending begins. */
export const renewalPendingNote = 'renewal_pending:'

export default class Grant extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare reference: string

  @column()
  declare applicationId: number | null

  @column()
  declare callId: number | null

  @column()
  declare granteeOrganisationId: number

  @column()
  declare funderOrganisationId: number

  @column()
  declare parentGrantId: number | null

  @column()
  declare currency: string

  @column({ consume: Number })
  declare totalEligibleCents: number

  @column({ consume: Number })
  declare funderCents: number

  @column({ consume: Number })
  declare cofinancingCents: number

  @column()
  declare paymentOption: 'option_1' | 'option_2'

  @column()
  declare prefinancingCapBp: number

  /**
   * Contract terms copied from the programme settings in force when the
   * contract was prepared; later versions never change them: the heading
   * flexibility of §5, the cap on accepted indirect costs (of accepted
   * direct costs) and option 1's single pre-financing.
   */
  @column()
  declare flexibilityBp: number

  @column()
  declare indirectCapBp: number

  @column()
  declare optionOnePrefinancingBp: number

  /** Why the payment option applies: `short_period`, `small_contribution` or `long_and_large`, comma-separated. */
  @column()
  declare paymentOptionReason: string | null

  /** Option 1 thresholds the option was derived with (DOMAIN-RULES §4.4). */
  @column()
  declare optionOneMaxMonths: number

  @column({ consume: Number })
  declare optionOneMaxFunderCents: number

  @column.date()
  declare startsOn: DateTime

  @column.date()
  declare endsOn: DateTime

  @column()
  declare reportingPeriodMonths: number

  @column()
  declare status: GrantStatus

  @column()
  declare granteeSignedById: number | null

  @column.dateTime()
  declare granteeSignedAt: DateTime | null

  @column()
  declare funderSignedById: number | null

  @column.dateTime()
  declare funderSignedAt: DateTime | null

  @column()
  declare createdById: number

  /** Why the grant was suspended, or ended early. */
  @column()
  declare statusReason: string | null

  /**
   * A sub-grant awarded while its licence renewal was pending records it
   * here, as `renewal_pending:<date the cover ends>` (`licenceNoteIn`).
   */
  @column()
  declare licenceNote: string | null

  /** The licence note in the reader's words; a note written as text is shown as it is. */
  licenceNoteIn(reader: { t(key: string, data?: Record<string, unknown>): string }) {
    const note = this.licenceNote ?? ''
    if (!note.startsWith(renewalPendingNote)) return note
    return reader.t('texts.licence_note.renewal_pending', {
      date: note.slice(renewalPendingNote.length),
    })
  }

  /**
   * The grant's documents would reveal a shelter: its PDFs carry no EU
   * emblem and are marked confidential instead (with the reason).
   */
  @column({ consume: (value) => Boolean(value) })
  declare documentsConfidential: boolean

  @column()
  declare documentsConfidentialReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime | null

  @belongsTo(() => Organisation, { foreignKey: 'granteeOrganisationId' })
  declare grantee: BelongsTo<typeof Organisation>

  @belongsTo(() => Organisation, { foreignKey: 'funderOrganisationId' })
  declare funder: BelongsTo<typeof Organisation>

  @belongsTo(() => Call)
  declare call: BelongsTo<typeof Call>

  @belongsTo(() => Grant, { foreignKey: 'parentGrantId' })
  declare parent: BelongsTo<typeof Grant>

  @hasMany(() => GrantBudgetLine, { onQuery: (q) => q.orderBy('position') })
  declare budgetLines: HasMany<typeof GrantBudgetLine>

  /**
   * The grantee's and the funder's people, and programme-wide roles. An
   * assessor's membership of the funder opens no grant: they score
   * applications, not the money of running grants.
   */
  static visibleTo = scope((query, user: User) => {
    if (seesAllOrganisations(user.memberships)) return
    const own = grantOrganisationIds(user.memberships)
    query.where((w) =>
      w
        .whereIn('grants.grantee_organisation_id', own)
        .orWhereIn('grants.funder_organisation_id', own)
    )
  })

  @hasMany(() => GrantCofinancingSource, { onQuery: (q) => q.orderBy('position') })
  declare cofinancingSources: HasMany<typeof GrantCofinancingSource>

  @hasMany(() => ExpenseReport)
  declare expenseReports: HasMany<typeof ExpenseReport>

  @hasMany(() => PaymentRequest)
  declare paymentRequests: HasMany<typeof PaymentRequest>

  /** The grant, locked for the rest of the transaction on PostgreSQL (SQLite runs one writer). */
  static findForUpdate(trx: TransactionClientContract, id: number) {
    const query = Grant.query({ client: trx }).where('id', id)
    if (trx.dialect.name === 'postgres') query.forUpdate()
    return query.firstOrFail()
  }

  get isSubGrant() {
    return typeof this.parentGrantId === 'number'
  }

  get periods() {
    return reportingPeriods(
      this.startsOn.toISODate()!,
      this.endsOn.toISODate()!,
      this.reportingPeriodMonths
    )
  }
}
