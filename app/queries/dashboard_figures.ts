import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { LicenceStatus } from '#domain/licences/licence'
import type { ExpenseReportStatus } from '#models/expense_report'
import { expenseReportStatuses } from '#models/expense_report'
import Grant from '#models/grant'
import Licence from '#models/licence'
import Payment from '#models/payment'
import type User from '#models/user'
import { grantFinances } from '#queries/grant_finances'

/** Most grants summed into the disbursement chart (a programme has a few dozen). */
const grantLimit = 200

export interface YearAmounts {
  year: number
  plannedCents: number
  paidCents: number
}

/**
 * The figures of the role dashboards: money planned and paid over the
 * years (the funder's grant managers and finance officers, for their own
 * funders only), reports by status, licences by status and expiry (MLSW).
 */
export class DashboardFigures {
  constructor(
    private user: User,
    private today: string
  ) {}

  /** The organisations whose grants this person follows as the funder's staff. */
  async funderIds() {
    const memberships = await this.user.loadMemberships()
    return [
      ...new Set(
        memberships
          .filter((m) => m.role === 'grant_manager' || m.role === 'finance_officer')
          .map((m) => m.organisationId)
      ),
    ]
  }

  /**
   * Planned tranches (each in the year its period starts; the balance in
   * the year the grant ends) against payments by value date, both
   * cumulative per year.
   */
  async disbursement(funderIds: readonly number[]): Promise<YearAmounts[]> {
    if (funderIds.length === 0) return []
    const grants = await Grant.query()
      .whereIn('funder_organisation_id', [...funderIds])
      .whereNot('status', 'draft')
      .orderBy('id')
      .limit(grantLimit)
    const planned = new Map<number, number>()
    for (const grant of grants) {
      const finances = await grantFinances(grant)
      const periods = grant.periods
      for (const row of finances.position.schedule) {
        const start = row.period === null ? null : periods[row.period - 1]?.startsOn
        const year = Number((start ?? grant.endsOn.toISODate()!).slice(0, 4))
        planned.set(year, (planned.get(year) ?? 0) + row.plannedCents)
      }
    }
    const payments = await Payment.query()
      .whereIn(
        'grant_id',
        grants.map((g) => g.id)
      )
      .select('value_date', 'amount_cents')
    const paid = new Map<number, number>()
    for (const payment of payments) {
      const year = payment.valueDate.year
      paid.set(year, (paid.get(year) ?? 0) + payment.amountCents)
    }
    const years = [...new Set([...planned.keys(), ...paid.keys()])].sort((a, b) => a - b)
    let plannedTotal = 0
    let paidTotal = 0
    return years.map((year) => {
      plannedTotal += planned.get(year) ?? 0
      paidTotal += paid.get(year) ?? 0
      return { year, plannedCents: plannedTotal, paidCents: paidTotal }
    })
  }

  /** Expense reports by status, counted in SQL: of the given funders' grants, or all (null). */
  async reportsByStatus(funderIds: readonly number[] | null) {
    const query = db.from('expense_reports').select('status').count('* as total').groupBy('status')
    if (funderIds !== null) {
      query.whereIn(
        'grant_id',
        db
          .from('grants')
          .whereIn('funder_organisation_id', [...funderIds])
          .select('id')
      )
    }
    const rows = (await query) as { status: ExpenseReportStatus; total: string | number }[]
    const counts = new Map(rows.map((r) => [r.status, Number(r.total)]))
    return expenseReportStatuses.map((status) => ({ status, count: counts.get(status) ?? 0 }))
  }

  /** Current licences (not replaced by a renewal) by status, and the active ones by time to expiry. */
  async licences() {
    const licences = await Licence.query()
      .withScopes((s) => s.withFacts())
      .whereNotExists((sub) =>
        sub
          .from('licences as successor')
          .whereColumn('successor.replaces_licence_id', 'licences.id')
      )
    const byStatus = new Map<LicenceStatus, number>()
    const bands = { within_30: 0, within_60: 0, within_90: 0, later: 0 }
    const today = DateTime.fromISO(this.today)
    for (const licence of licences) {
      const status = licence.statusOn(this.today)
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
      if (status !== 'active' && status !== 'expiring' && status !== 'renewal_pending') continue
      const days = licence.validUntil.diff(today, 'days').days
      if (days < 0) continue
      if (days <= 30) bands.within_30++
      else if (days <= 60) bands.within_60++
      else if (days <= 90) bands.within_90++
      else bands.later++
    }
    return {
      byStatus: [...byStatus.entries()].map(([status, count]) => ({ status, count })),
      expiry: Object.entries(bands).map(([band, count]) => ({ band, count })),
    }
  }
}
