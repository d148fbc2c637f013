import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { claimedEurCents } from '#domain/reports/exchange'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseLine from '#models/expense_line'
import type { VatTreatment } from '#domain/reports/eligibility'
import ExpenseReport from '#models/expense_report'
import type { ReportSnapshot } from '#models/expense_report_version'
import Grant from '#models/grant'
import type GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { currentBudgetLines } from '#queries/grant_finances'
import { withReceipts } from '#queries/expense_lines'
import { AuditTrail } from '#services/audit_trail'

export interface LineInput {
  spentOn: string
  supplier: string
  description: string
  budgetLineId: number
  standard: string
  amountCents: number
  currency: string
  /** InforEuro rate in micro-units (currency per EUR); required for a currency other than EUR. */
  rateMicro: number | null
  rateSource: string | null
  vat: VatTreatment
  receiptNumber: string | null
  /** ISO 3166 alpha-2 of the supplier; XK (Kosovo) by default. */
  supplierCountry: string
}

/** The report, locked for the transaction on PostgreSQL, and its grant. */
export async function lockedReport(trx: TransactionClientContract, reportId: number) {
  const query = ExpenseReport.query({ client: trx }).where('id', reportId)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  const report = await query.firstOrFail()
  const grant = await Grant.findOrFail(report.grantId, { client: trx })
  return { report, grant }
}

/** Lines, statistics and the self-assessment change only while the grantee holds the report. */
export function assertEditable(report: ExpenseReport) {
  if (!report.isEditable) {
    throw new DomainConflictException('ux.conflicts.the_report_is_with_the_funder_it')
  }
}

export async function editableReport(trx: TransactionClientContract, reportId: number) {
  const { report, grant } = await lockedReport(trx, reportId)
  assertEditable(report)
  const budgetLines = await currentBudgetLines(grant, trx)
  return { report, grant, budgetLines }
}

/** A submitted report moves under verification at the verifier's first step. */
export async function reportUnderVerification(
  trx: TransactionClientContract,
  reportId: number,
  by: User,
  ip: string
) {
  const { report, grant } = await lockedReport(trx, reportId)
  if (!['submitted', 'under_verification'].includes(report.status)) {
    throw new DomainConflictException('ux.conflicts.only_a_submitted_report_is_verified')
  }
  if (report.status === 'submitted') {
    report.merge({ status: 'under_verification', verificationStartedAt: DateTime.utc() })
    await report.save()
    await AuditTrail.record(trx, {
      actorId: by.id,
      organisationId: grant.granteeOrganisationId,
      action: 'expense_report.verification_started',
      subjectType: 'expense_report',
      subjectId: report.id,
      before: { status: 'submitted' },
      after: { status: 'under_verification' },
      ip,
    })
  }
  return { report, grant }
}

export function assertBudgetLine(budgetLines: readonly GrantBudgetLine[], id: number) {
  if (!budgetLines.some((line) => line.id === id)) {
    throw new DomainConflictException('ux.conflicts.the_budget_line_is_not_in_the')
  }
}

export function lineAttributes(input: LineInput) {
  const foreign = input.currency !== 'EUR'
  return {
    spentOn: DateTime.fromISO(input.spentOn),
    supplier: input.supplier,
    description: input.description,
    grantBudgetLineId: input.budgetLineId,
    standardCode: input.standard,
    currency: input.currency,
    amountCents: input.amountCents,
    exchangeRateMicro: foreign ? input.rateMicro : null,
    rateSource: foreign ? input.rateSource : null,
    // Provisional: refreshReport converts at the InforEuro rate of the month.
    claimedCents: claimedEurCents({ ...input, inforEuroRateMicro: null }),
    vat: input.vat,
    receiptNumber: input.receiptNumber,
    supplierCountry: input.supplierCountry,
    admittedCents: null,
    admissionReason: null,
    decidedById: null,
    decidedAt: null,
  }
}

/**
 * The report's lines, read in the transaction but not bound to it: a model
 * bound to a transaction adds two `once` listeners to it, and a commit that
 * removes 100 000 of them one by one took 17 s for an import of 50 000 lines.
 * The lines are read-only here; changes go through queries on `trx`.
 */
export async function linesOf(trx: TransactionClientContract, report: ExpenseReport) {
  const rows = await trx
    .from(ExpenseLine.table)
    .where('expense_report_id', report.id)
    .orderBy('position')
    .orderBy('id')
  return withReceipts(ExpenseLine.$createMultipleFromAdapterResult(rows), report.id, trx)
}

export function snapshotLine(line: ExpenseLine, budgetLines: readonly GrantBudgetLine[]) {
  const budgetLine = budgetLines.find((b) => b.id === line.grantBudgetLineId)
  return {
    id: line.id,
    spentOn: line.spentOn.toISODate()!,
    supplier: line.supplier,
    description: line.description,
    budgetLine: budgetLine ? budgetLine.label : null,
    standard: line.standardCode,
    claimedCents: line.claimedCents,
    admittedCents: line.admittedCents,
    admissionReason: line.admissionReason,
  }
}

export function snapshotOf(
  report: ExpenseReport,
  lines: readonly ExpenseLine[],
  budgetLines: readonly GrantBudgetLine[]
): ReportSnapshot {
  return {
    claimedCents: report.claimedCents,
    admittedCents: report.admittedCents,
    lines: lines.map((line) => snapshotLine(line, budgetLines)),
  }
}
