import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { standardSetInForce } from '#domain/reports/minimum_standards'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import MinimumStandard from '#models/minimum_standard'
import { todayInKosovo } from '#services/clock'

/**
 * The versions of the minimum standards catalogue (migration 0280): the
 * standards in force on a date, and the date a report is judged on.
 */
export class MinimumStandardCatalogue {
  constructor(private client?: QueryClientContract) {}

  /** The standards of the version in force on `date`, in catalogue order. */
  async on(date = todayInKosovo()): Promise<MinimumStandard[]> {
    const rows = await MinimumStandard.query({ client: this.client })
      .where('effective_from', '<=', date)
      .orderBy('position')
    return standardSetInForce(rows, date, (row) => row.effectiveFromIso)
  }

  /** The dates versions take effect from, oldest first. */
  async versionDates(): Promise<string[]> {
    const rows = await MinimumStandard.query({ client: this.client })
      .distinct('effective_from')
      .orderBy('effective_from')
    return rows.map((row) => row.effectiveFromIso)
  }

  /** The standards a report is judged against: those in force when its period began. */
  forReport(report: Pick<ExpenseReport, 'periodNumber'>, grant: Grant) {
    return this.on(reportStandardsDate(report, grant))
  }
}

/** The day a report's period began (the grant's start for a period past the schedule). */
export function reportStandardsDate(report: Pick<ExpenseReport, 'periodNumber'>, grant: Grant) {
  const period = grant.periods.find((p) => p.number === report.periodNumber)
  return period?.startsOn ?? grant.startsOn.toISODate()!
}
