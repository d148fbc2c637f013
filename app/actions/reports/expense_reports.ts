import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading } from '#domain/budget/budget'
import { eligibilityFlags } from '#domain/reports/eligibility'
import { toEurCents } from '#domain/reports/exchange'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import ExpenseLine from '#models/expense_line'
import ExpenseReceipt from '#models/expense_receipt'
import type { StoredFile } from '#services/file_store'
import type { VatTreatment } from '#domain/reports/eligibility'
import ExpenseReport from '#models/expense_report'
import ExpenseReportVersion from '#models/expense_report_version'
import type { ReportSnapshot } from '#models/expense_report_version'
import Grant from '#models/grant'
import type GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { currentBudgetLines } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'
import { noticeOf } from '#services/grant_notices'

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
  lateCostAllowed: boolean
}

const runningStatuses = ['signed', 'in_implementation', 'suspended']

/**
 * Expense reports of a reporting period: the grantee prepares lines (typed
 * or imported), submits; the funder's finance officer admits an amount per
 * line (or accepts the unflagged lines in bulk), then approves or returns
 * the report. Each submission, return and approval keeps a snapshot, so a
 * resubmitted report shows what changed.
 */
export class ExpenseReports {
  /** The report of a period, created as a draft the first time. */
  async open(grantId: number, periodNumber: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const grant = await Grant.findForUpdate(trx, grantId)
      const period = grant.periods.find((p) => p.number === periodNumber)
      if (!period) throw new DomainConflictException('The grant has no such reporting period.')
      const existing = await ExpenseReport.query({ client: trx })
        .where('grant_id', grant.id)
        .where('period_number', period.number)
        .first()
      if (existing) return existing
      const kind = period.isFinal ? 'final' : 'interim'
      if (
        kind === 'final' &&
        !['implementation_ended', ...runningStatuses].includes(grant.status)
      ) {
        throw new DomainConflictException('The grant is not running; no report is due.')
      }
      if (kind === 'interim' && !runningStatuses.includes(grant.status)) {
        throw new DomainConflictException('The grant is not running; no interim report is due.')
      }
      const report = await ExpenseReport.create(
        {
          grantId: grant.id,
          periodNumber: period.number,
          kind,
          status: 'draft',
          currency: grant.currency,
          claimedCents: 0,
          admittedCents: null,
          version: 0,
          createdById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.created',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: { grant: grant.reference, period: period.number, kind },
        ip,
      })
      return report
    })
  }

  /** Adds lines (one typed, or all the rows of an import) in one transaction: all or none. */
  async addLines(reportId: number, inputs: LineInput[], by: User, ip: string, source = 'form') {
    return db.transaction(async (trx) => {
      const { report, grant, budgetLines } = await editableReport(trx, reportId)
      const last = await ExpenseLine.query({ client: trx })
        .where('expense_report_id', report.id)
        .max('position as last_position')
      let position = Number(last[0]?.$extras.last_position ?? 0)
      const lines: ExpenseLine[] = []
      for (const input of inputs) {
        assertBudgetLine(budgetLines, input.budgetLineId)
        lines.push(
          await ExpenseLine.create(
            {
              expenseReportId: report.id,
              position: ++position,
              ...lineAttributes(input),
              flags: [],
              createdById: by.id,
            },
            { client: trx }
          )
        )
      }
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.lines_added',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: {
          source,
          lines: lines.length,
          claimedCents: lines.reduce((total, line) => total + line.claimedCents, 0),
        },
        ip,
      })
      return lines
    })
  }

  async updateLine(lineId: number, input: LineInput, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant, budgetLines } = await editableReport(trx, line.expenseReportId)
      assertBudgetLine(budgetLines, input.budgetLineId)
      const before = snapshotLine(line, budgetLines)
      line.merge(lineAttributes(input))
      await line.save()
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.updated',
        subjectType: 'expense_line',
        subjectId: line.id,
        before,
        after: snapshotLine(line, budgetLines),
        ip,
      })
      return line
    })
  }

  async deleteLine(lineId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant, budgetLines } = await editableReport(trx, line.expenseReportId)
      const before = snapshotLine(line, budgetLines)
      await line.delete()
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.deleted',
        subjectType: 'expense_line',
        subjectId: lineId,
        before,
        ip,
      })
      return report
    })
  }

  /** Attaches a stored receipt file to a line; the "no receipt" flag goes away. */
  async attachReceipt(lineId: number, file: StoredFile, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant, budgetLines } = await editableReport(trx, line.expenseReportId)
      const receipt = await ExpenseReceipt.create(
        {
          expenseLineId: line.id,
          fileKey: file.key,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          uploadedById: by.id,
        },
        { client: trx }
      )
      await refreshReport(trx, report, grant, budgetLines)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.receipt_attached',
        subjectType: 'expense_line',
        subjectId: line.id,
        after: { receipt: receipt.id, fileName: file.fileName, sha256: file.sha256 },
        ip,
      })
      return receipt
    })
  }

  async saveSummary(reportId: number, summary: string | null, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await editableReport(trx, reportId)
      const before = report.summary
      report.summary = summary
      await report.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.summary_saved',
        subjectType: 'expense_report',
        subjectId: report.id,
        before: { summary: before },
        after: { summary },
        ip,
      })
      return report
    })
  }

  /** Sends the report to the funder; a final report moves the grant to "final report submitted". */
  async submit(reportId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant, budgetLines } = await editableReport(trx, reportId)
      const lines = await refreshReport(trx, report, grant, budgetLines)
      if (lines.length === 0) {
        throw new DomainConflictException('Add at least one expense line before submitting.')
      }
      if (report.kind === 'final' && grant.status !== 'implementation_ended') {
        throw new DomainConflictException(
          'The final report is submitted once the implementation has ended.'
        )
      }
      const before = { status: report.status, version: report.version }
      report.merge({
        status: 'submitted',
        version: report.version + 1,
        submittedById: by.id,
        submittedAt: DateTime.utc(),
        returnComment: null,
        admittedCents: null,
      })
      await report.save()
      await ExpenseReportVersion.create(
        {
          expenseReportId: report.id,
          version: report.version,
          event: 'submitted',
          snapshot: snapshotOf(report, lines, budgetLines),
          comment: null,
          createdById: by.id,
        },
        { client: trx }
      )
      if (report.kind === 'final') {
        grant.status = 'final_report_submitted'
        await grant.save()
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.submitted',
        subjectType: 'expense_report',
        subjectId: report.id,
        before,
        after: { status: 'submitted', version: report.version, claimedCents: report.claimedCents },
        ip,
      })
      await noticeOf(trx, grant, 'funderFinance', {
        kind: 'report_submitted',
        key: `expense_report:${report.id}:submitted:${report.version}`,
        href: `/expense-reports/${report.id}`,
        params: { period: report.periodNumber },
      })
      return report
    })
  }

  /**
   * The verifier's decision on one line: an admitted amount from 0 to the
   * claimed one, with a reason whenever it is less.
   */
  async admitLine(
    lineId: number,
    admittedCents: number,
    reason: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const line = await ExpenseLine.query({ client: trx }).where('id', lineId).firstOrFail()
      const { report, grant } = await reportUnderVerification(trx, line.expenseReportId, by, ip)
      if (admittedCents > line.claimedCents) {
        throw new DomainConflictException('The admitted amount cannot exceed the claimed amount.')
      }
      if (admittedCents < line.claimedCents && !reason) {
        throw new DomainConflictException('Give the reason for admitting less than claimed.')
      }
      const before = { admittedCents: line.admittedCents, reason: line.admissionReason }
      line.merge({
        admittedCents,
        admissionReason: admittedCents < line.claimedCents ? reason : null,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
      })
      await line.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_line.admitted',
        subjectType: 'expense_line',
        subjectId: line.id,
        before,
        after: { admittedCents, reason: line.admissionReason, report: report.id },
        ip,
      })
      return line
    })
  }

  /** Admits in full every undecided line that has no flag. */
  async acceptUnflagged(reportId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const lines = await ExpenseLine.query({ client: trx })
        .where('expense_report_id', report.id)
        .whereNull('admitted_cents')
      const clean = lines.filter((line) => line.flags.length === 0)
      for (const line of clean) {
        line.merge({
          admittedCents: line.claimedCents,
          admissionReason: null,
          decidedById: by.id,
          decidedAt: DateTime.utc(),
        })
        await line.save()
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.unflagged_accepted',
        subjectType: 'expense_report',
        subjectId: report.id,
        after: { lines: clean.map((line) => line.id) },
        ip,
      })
      return clean.length
    })
  }

  /** Approves once every line has a decision; the report's admitted amount is their sum. */
  async approve(reportId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const budgetLines = await currentBudgetLines(grant, trx)
      const lines = await linesOf(trx, report)
      const undecided = lines.filter((line) => line.admittedCents === null)
      if (undecided.length > 0) {
        throw new DomainConflictException(
          `${undecided.length} line(s) still need an admitted amount.`
        )
      }
      const admitted = lines.reduce((total, line) => total + (line.admittedCents ?? 0), 0)
      report.merge({
        status: 'approved',
        admittedCents: admitted,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
      })
      await report.save()
      await ExpenseReportVersion.create(
        {
          expenseReportId: report.id,
          version: report.version,
          event: 'approved',
          snapshot: snapshotOf(report, lines, budgetLines),
          comment: null,
          createdById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.approved',
        subjectType: 'expense_report',
        subjectId: report.id,
        before: { status: 'under_verification' },
        after: { status: 'approved', claimedCents: report.claimedCents, admittedCents: admitted },
        ip,
      })
      await noticeOf(trx, grant, 'grantee', {
        kind: 'report_approved',
        key: `expense_report:${report.id}:approved`,
        href: `/expense-reports/${report.id}`,
        params: { period: report.periodNumber },
      })
      return report
    })
  }

  /** Sends the report back for revision with comments; the line decisions stay visible. */
  async returnForRevision(reportId: number, comment: string, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const budgetLines = await currentBudgetLines(grant, trx)
      const lines = await linesOf(trx, report)
      report.merge({
        status: 'returned',
        returnComment: comment,
        decidedById: by.id,
        decidedAt: DateTime.utc(),
      })
      await report.save()
      await ExpenseReportVersion.create(
        {
          expenseReportId: report.id,
          version: report.version,
          event: 'returned',
          snapshot: snapshotOf(report, lines, budgetLines),
          comment,
          createdById: by.id,
        },
        { client: trx }
      )
      if (report.kind === 'final' && grant.status === 'final_report_submitted') {
        grant.status = 'implementation_ended'
        await grant.save()
      }
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: grant.granteeOrganisationId,
        action: 'expense_report.returned',
        subjectType: 'expense_report',
        subjectId: report.id,
        before: { status: 'under_verification' },
        after: { status: 'returned', comment },
        ip,
      })
      await noticeOf(trx, grant, 'grantee', {
        kind: 'report_returned',
        key: `expense_report:${report.id}:returned:${report.version}`,
        href: `/expense-reports/${report.id}`,
        params: { period: report.periodNumber },
      })
      return report
    })
  }
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
    throw new DomainConflictException(
      'The report is with the funder; it can change again only if it is returned.'
    )
  }
}

async function editableReport(trx: TransactionClientContract, reportId: number) {
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
    throw new DomainConflictException('Only a submitted report is verified.')
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

function assertBudgetLine(budgetLines: readonly GrantBudgetLine[], id: number) {
  if (!budgetLines.some((line) => line.id === id)) {
    throw new DomainConflictException('The budget line is not in the grant’s current budget.')
  }
}

function lineAttributes(input: LineInput) {
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
    // Without the month's rate the line cannot be converted: it claims nothing until the rate is entered.
    claimedCents: !foreign
      ? input.amountCents
      : input.rateMicro
        ? toEurCents(input.amountCents, input.rateMicro)
        : 0,
    vat: input.vat,
    receiptNumber: input.receiptNumber,
    lateCostAllowed: input.lateCostAllowed,
    admittedCents: null,
    admissionReason: null,
    decidedById: null,
    decidedAt: null,
  }
}

function linesOf(trx: TransactionClientContract, report: ExpenseReport) {
  return ExpenseLine.query({ client: trx })
    .where('expense_report_id', report.id)
    .preload('receipts')
    .orderBy('position')
    .orderBy('id')
}

/**
 * Recomputes every line's eligibility flags (duplicates and the heading
 * limit depend on the other lines) and the report's claimed total.
 */
export async function refreshReport(
  trx: TransactionClientContract,
  report: ExpenseReport,
  grant: Grant,
  budgetLines: readonly GrantBudgetLine[]
) {
  const lines = await linesOf(trx, report)
  const headingOf = new Map(budgetLines.map((line) => [line.id, line.heading]))
  const headingBudgetCents: Partial<Record<BudgetHeading, number>> = {}
  for (const line of budgetLines) {
    headingBudgetCents[line.heading] = (headingBudgetCents[line.heading] ?? 0) + line.totalCents
  }
  const earlier = await ExpenseLine.query({ client: trx })
    .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
    .where('expense_reports.grant_id', grant.id)
    .whereNot('expense_reports.id', report.id)
    .select('expense_lines.*', 'expense_reports.status as report_status')
  const headingClaimedBeforeCents: Partial<Record<BudgetHeading, number>> = {}
  for (const line of earlier) {
    if (line.$extras.report_status !== 'approved') continue
    const heading = line.grantBudgetLineId ? headingOf.get(line.grantBudgetLineId) : undefined
    if (!heading) continue
    headingClaimedBeforeCents[heading] =
      (headingClaimedBeforeCents[heading] ?? 0) + (line.admittedCents ?? 0)
  }
  const period = grant.periods.find((p) => p.number === report.periodNumber)!
  const flags = eligibilityFlags(
    lines.map((line) => ({
      key: line.id,
      spentOn: line.spentOn.toISODate()!,
      supplier: line.supplier,
      receiptNumber: line.receiptNumber,
      hasReceipt: line.receipts.length > 0,
      vat: line.vat,
      budgetLineId: line.grantBudgetLineId,
      heading: line.grantBudgetLineId ? (headingOf.get(line.grantBudgetLineId) ?? null) : null,
      currency: line.currency,
      rateMicro: line.exchangeRateMicro,
      claimedCents: line.claimedCents,
      amountCents: line.amountCents,
      lateCostAllowed: line.lateCostAllowed,
    })),
    {
      implementationStartsOn: grant.startsOn.toISODate()!,
      implementationEndsOn: grant.endsOn.toISODate()!,
      periodStartsOn: period.startsOn,
      periodEndsOn: period.endsOn,
      headingBudgetCents,
      headingClaimedBeforeCents,
      earlierReceipts: earlier
        .filter((line) => line.receiptNumber)
        .map((line) => ({
          supplier: line.supplier,
          receiptNumber: line.receiptNumber!,
          amountCents: line.amountCents,
        })),
    }
  )
  for (const [index, line] of lines.entries()) {
    const next = flags[index].map((flag) => ({
      code: flag.code,
      ...(flag.detail ? { detail: flag.detail } : {}),
    }))
    if (JSON.stringify(next) !== JSON.stringify(line.flags)) {
      line.flags = next
      await line.save()
    }
  }
  report.claimedCents = lines.reduce((total, line) => total + line.claimedCents, 0)
  await report.save()
  return lines
}

function snapshotLine(line: ExpenseLine, budgetLines: readonly GrantBudgetLine[]) {
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

function snapshotOf(
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
