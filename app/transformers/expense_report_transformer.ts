import type ExpenseLine from '#models/expense_line'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import type { expenseReportView } from '#queries/expense_report_view'

type ReportView = Awaited<ReturnType<typeof expenseReportView>>

export function expenseLineJson(line: ExpenseLine) {
  return {
    id: line.id,
    position: line.position,
    spentOn: line.spentOn.toISODate(),
    supplier: line.supplier,
    description: line.description,
    budgetLineId: line.grantBudgetLineId,
    standard: line.standardCode,
    currency: line.currency,
    amountCents: line.amountCents,
    exchangeRateMicro: line.exchangeRateMicro,
    rateSource: line.rateSource,
    claimedCents: line.claimedCents,
    vat: line.vat,
    supplierCountry: line.supplierCountry,
    receiptNumber: line.receiptNumber,
    receipts: (line.receipts ?? []).map((r) => ({ id: r.id, fileName: r.fileName })),
    flags: line.flags,
    admittedCents: line.admittedCents,
    admissionReason: line.admissionReason,
  }
}

/** An expense report with the same figures as its page. */
export function expenseReportJson(
  report: ExpenseReport,
  grant: Grant,
  view: ReportView,
  extra: Record<string, unknown> = {}
) {
  return {
    id: report.id,
    grantId: grant.id,
    grantReference: grant.reference,
    periodNumber: report.periodNumber,
    kind: report.kind,
    status: report.status,
    version: report.version,
    currency: report.currency,
    claimedCents: report.claimedCents,
    admittedCents: report.admittedCents,
    summary: report.summary,
    returnComment: report.returnComment,
    submittedAt: report.submittedAt?.toISO() ?? null,
    lines: view.lines.map(expenseLineJson),
    totals: view.totals,
    accepted: view.accepted,
    budgetVsActual: view.actual,
    changesSinceReturn: view.diff,
    history: view.versions.map((v) => ({
      version: v.version,
      event: v.event,
      at: v.createdAt.toISO(),
      claimedCents: v.snapshot.claimedCents,
      comment: v.comment,
    })),
    ...extra,
  }
}
