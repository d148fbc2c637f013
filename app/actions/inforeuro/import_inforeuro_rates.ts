import db from '@adonisjs/lucid/services/db'
import { rateText } from '#domain/reports/exchange'
import { editableReport } from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'
import InforeuroRate from '#models/inforeuro_rate'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { InforEuroRow } from '#services/inforeuro_import'

/** An arbitrary key for the PostgreSQL advisory lock that serialises rate imports. */
const IMPORT_LOCK_KEY = 7_340_290

/**
 * Saves validated InforEuro rates. Every month in the file replaces that
 * month of the table (currencies absent from the file are removed from it),
 * recorded in the audit trail with the month's rates before and after.
 * Reports the grantee still holds are converted again at the new rates.
 */
export class ImportInforEuroRates {
  async handle(rows: readonly InforEuroRow[], by: User, ip: string) {
    const months = [...new Set(rows.map((row) => row.month))].sort()
    return db.transaction(async (trx) => {
      // Two imports of the same month one after the other, never interleaved.
      if (trx.dialect.name === 'postgres') {
        await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [IMPORT_LOCK_KEY])
      }
      for (const month of months) {
        const existing = await InforeuroRate.query({ client: trx })
          .where('month', month)
          .orderBy('currency')
        const incoming = rows
          .filter((row) => row.month === month)
          .sort((a, b) => a.currency.localeCompare(b.currency))
        await InforeuroRate.query({ client: trx }).where('month', month).delete()
        await InforeuroRate.createMany(
          incoming.map((row) => ({
            currency: row.currency,
            month,
            rateMicro: row.rateMicro,
            importedById: by.id,
          })),
          { client: trx }
        )
        await AuditTrail.record(trx, {
          actorId: by.id,
          action: existing.length > 0 ? 'inforeuro.month_replaced' : 'inforeuro.month_imported',
          subjectType: 'inforeuro_month',
          subjectId: month,
          before:
            existing.length > 0
              ? Object.fromEntries(existing.map((r) => [r.currency, rateText(r.rateMicro)]))
              : null,
          after: Object.fromEntries(incoming.map((r) => [r.currency, rateText(r.rateMicro)])),
          ip,
        })
      }

      // Open reports with lines in another currency in these months: convert and flag again.
      const reportIds = await trx
        .from('expense_lines')
        .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
        .whereIn('expense_reports.status', ['draft', 'returned'])
        .whereNot('expense_lines.currency', 'EUR')
        .where((query) => {
          for (const month of months) {
            query.orWhere((inMonth) =>
              inMonth
                .where('expense_lines.spent_on', '>=', `${month}-01`)
                .where('expense_lines.spent_on', '<', nextMonthStart(month))
            )
          }
        })
        .distinct('expense_reports.id as id')
        .orderBy('expense_reports.id')
      for (const { id } of reportIds) {
        const { report, grant, budgetLines } = await editableReport(trx, Number(id))
        await refreshReport(trx, report, grant, budgetLines)
      }
      return { months, rates: rows.length, reportsRefreshed: reportIds.length }
    })
  }
}

/** "2026-12" → "2027-01-01". */
function nextMonthStart(month: string) {
  const [year, number] = month.split('-').map(Number)
  return number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`
}
