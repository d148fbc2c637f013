import { DateTime } from 'luxon'
import { createHash } from 'node:crypto'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading } from '#domain/budget/budget'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { eligibilityFlagsInSteps, type VatTreatment } from '#domain/reports/eligibility'
import { toCents } from '#domain/money'
import ContingencyRelease from '#models/contingency_release'
import ExpenseLine from '#models/expense_line'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import { budgetVersions, headingAmountsOf } from '#actions/grants/budget_change_support'
import {
  claimedEurCents,
  inforEuroRateFor,
  monthOf,
  rateKey,
  type InforEuroTable,
} from '#domain/reports/exchange'
import GrantBudgetLine from '#models/grant_budget_line'
import InforeuroRate from '#models/inforeuro_rate'

/** What the checks read of a line: plain values, not a model (see refreshReport). */
export interface LineFacts {
  id: number
  spentOn: string
  supplier: string
  receiptNumber: string | null
  hasReceipt: boolean
  vat: VatTreatment
  grantBudgetLineId: number | null
  currency: string
  amountCents: number
  exchangeRateMicro: number | null
  claimedCents: number
  admittedCents: number | null
  supplierCountry: string
  flagsJson: string
}

/** Lines read per query, with a turn of the event loop between pages. */
const pageRows = 5_000

/** Lines checked between two turns of the event loop (ADR 0032). */
const linesPerTurn = 2_000

/** What a check of a report found: the changes to write, and the token of what it read. */
export interface ReportCheck {
  /**
   * A hash of everything the checks read besides the added lines: the
   * stored lines, the grant's other lines, the budget, releases, rates and
   * dates. The flags are a function of these and the added lines, so the
   * same token means the same result (see checkReport's `reuse`).
   */
  token: string
  changed: { claimed: Map<number, number>; flags: Map<number, string> }
  claimedCents: number
  lines: number
}

/**
 * Recomputes every line's eligibility flags (duplicates and the heading
 * limit depend on the other lines) and the report's claimed total. The
 * heading limit is 125 % of the baseline heading (DOMAIN-RULES §5).
 *
 * The lines are read as plain rows of the columns the checks need, a page
 * at a time: an imported report holds up to 50 000 lines, and hydrating
 * them as models bound to the transaction took seconds (ADR 0013).
 *
 * `added` are lines about to be inserted (an import): they are checked with
 * the stored ones, and their `claimedCents` and `flagsJson` are set here so
 * that they are inserted final, rather than inserted and then updated.
 * Returns the number of lines.
 */
export async function refreshReport(
  trx: TransactionClientContract,
  report: ExpenseReport,
  grant: Grant,
  budgetLines: readonly GrantBudgetLine[],
  added: LineFacts[] = []
) {
  const check = await checkReport(trx, report, grant, budgetLines, added)
  await applyCheck(trx, report, check)
  return check.lines
}

/** Writes what a check found: the changed lines and the report's total. */
export async function applyCheck(
  trx: TransactionClientContract,
  report: ExpenseReport,
  check: ReportCheck
) {
  await saveChanged(trx, check.changed)
  report.claimedCents = check.claimedCents
  await report.save()
}

/**
 * The checks of refreshReport without writing anything; `client` may be
 * outside a transaction (an import computes the flags of its lines ahead,
 * ADR 0024). With `reuse`, a check made earlier with the same `added`
 * lines: when what the checks read has not changed since (same token),
 * its result is returned without computing the flags again.
 */
export async function checkReport(
  client: QueryClientContract,
  report: ExpenseReport,
  grant: Grant,
  budgetLines: readonly GrantBudgetLine[],
  added: LineFacts[] = [],
  reuse?: ReportCheck
): Promise<ReportCheck> {
  const trx = client
  const stored = await lineFactsOf(trx, report.id)
  const lines = added.length > 0 ? [...stored, ...added] : stored
  const isStored = (index: number) => index < stored.length
  const changed = { claimed: new Map<number, number>(), flags: new Map<number, string>() }
  // Every version's lines: an expense line on a line a change dropped keeps its heading.
  const everyVersion = await GrantBudgetLine.query({ client: trx }).where('grant_id', grant.id)
  const headingOf = new Map<number, BudgetHeading>(
    [...everyVersion, ...budgetLines].map((line) => [line.id, line.heading])
  )
  // The flexibility limit is taken on the baseline, never on the current budget.
  const { baseLines } = await budgetVersions(grant, trx)
  const headingBudgetCents: Partial<Record<BudgetHeading, number>> = headingAmountsOf(baseLines)
  // Plain rows, not models bound to the transaction (see linesOf).
  const earlierRows = await trx
    .from('expense_lines')
    .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
    .where('expense_reports.grant_id', grant.id)
    .whereNot('expense_reports.id', report.id)
    .select(
      'expense_lines.grant_budget_line_id',
      'expense_lines.admitted_cents',
      'expense_lines.receipt_number',
      'expense_lines.supplier',
      'expense_lines.amount_cents',
      'expense_reports.status as report_status'
    )
  const earlier = earlierRows.map((row) => ({
    reportStatus: row.report_status as string,
    grantBudgetLineId: row.grant_budget_line_id as number | null,
    admittedCents: row.admitted_cents === null ? null : Number(row.admitted_cents),
    receiptNumber: row.receipt_number as string | null,
    supplier: row.supplier as string,
    amountCents: Number(row.amount_cents),
  }))
  const headingClaimedBeforeCents: Partial<Record<BudgetHeading, number>> = {}
  for (const line of earlier) {
    if (line.reportStatus !== 'approved') continue
    const heading = line.grantBudgetLineId ? headingOf.get(line.grantBudgetLineId) : undefined
    if (!heading) continue
    headingClaimedBeforeCents[heading] =
      (headingClaimedBeforeCents[heading] ?? 0) + (line.admittedCents ?? 0)
  }
  const period = grant.periods.find((p) => p.number === report.periodNumber)!
  const rates = await inforEuroTableFor(trx, lines)
  const lateCostLines = await lateCostBudgetLines(trx, lines)
  const contingencyReleasedCents = await ContingencyRelease.approvedCents(grant.id, trx)
  const headingReleasedCents = await ContingencyRelease.approvedCentsByHeading(grant.id, trx)
  const token = createHash('sha256')
    .update(
      JSON.stringify([
        stored,
        [...headingOf],
        headingBudgetCents,
        earlier,
        period,
        [...rates],
        [...lateCostLines],
        contingencyReleasedCents,
        headingReleasedCents,
        grant.startsOn.toISODate(),
        grant.endsOn.toISODate(),
        grant.flexibilityBp,
      ])
    )
    .digest('hex')
  if (reuse && reuse.token === token && reuse.lines === lines.length) return reuse
  const inforEuroRates = lines.map((line) => inforEuroRateFor(rates, line.currency, line.spentOn))
  for (const [index, line] of lines.entries()) {
    // The amount is converted again while the verifier has not decided on it.
    const claimedCents = claimedEurCents({
      currency: line.currency,
      amountCents: line.amountCents,
      rateMicro: line.exchangeRateMicro,
      inforEuroRateMicro: inforEuroRates[index],
    })
    if (line.admittedCents === null && claimedCents !== line.claimedCents) {
      line.claimedCents = claimedCents
      if (isStored(index)) changed.claimed.set(line.id, claimedCents)
    }
    if ((index + 1) % linesPerTurn === 0) await nextTurn()
  }
  await nextTurn()
  // In steps: the flags of 50 000 lines are about a second of CPU (ADR 0032).
  const flags = await eligibilityFlagsInSteps(
    lines.map((line, index) => ({
      key: line.id,
      spentOn: line.spentOn,
      supplier: line.supplier,
      receiptNumber: line.receiptNumber,
      hasReceipt: line.hasReceipt,
      vat: line.vat,
      budgetLineId: line.grantBudgetLineId,
      heading: line.grantBudgetLineId ? (headingOf.get(line.grantBudgetLineId) ?? null) : null,
      currency: line.currency,
      rateMicro: line.exchangeRateMicro,
      inforEuroRateMicro: inforEuroRates[index],
      supplierCountry: line.supplierCountry,
      claimedCents: line.claimedCents,
      amountCents: line.amountCents,
      lateCostAllowed: line.grantBudgetLineId !== null && lateCostLines.has(line.grantBudgetLineId),
    })),
    {
      implementationStartsOn: grant.startsOn.toISODate()!,
      implementationEndsOn: grant.endsOn.toISODate()!,
      periodStartsOn: period.startsOn,
      periodEndsOn: period.endsOn,
      headingBudgetCents,
      headingClaimedBeforeCents,
      flexibilityBp: grant.flexibilityBp,
      contingencyReleasedCents,
      headingReleasedCents,
      earlierReceipts: earlier
        .filter((line) => line.receiptNumber)
        .map((line) => ({
          supplier: line.supplier,
          receiptNumber: line.receiptNumber!,
          amountCents: line.amountCents,
        })),
    },
    () => nextTurn()
  )
  for (const [index, line] of lines.entries()) {
    if ((index + 1) % linesPerTurn === 0) await nextTurn()
    const next = JSON.stringify(
      flags[index].map((flag) => ({
        code: flag.code,
        ...(flag.detail ? { detail: flag.detail } : {}),
      }))
    )
    if (!isStored(index)) line.flagsJson = next
    else if (next !== line.flagsJson) changed.flags.set(line.id, next)
  }
  await nextTurn()
  return {
    token,
    changed,
    claimedCents: lines.reduce((total, line) => total + line.claimedCents, 0),
    lines: lines.length,
  }
}

/**
 * The report's lines in position order as the checks read them, a page at
 * a time (keyset on position and id), with whether each has a receipt.
 */
async function lineFactsOf(trx: QueryClientContract, reportId: number) {
  const receipts = await trx
    .from('expense_receipts')
    .distinct('expense_line_id')
    .whereIn('expense_line_id', (query) =>
      query.from('expense_lines').select('id').where('expense_report_id', reportId)
    )
  const withReceipt = new Set<number>(receipts.map((row) => Number(row.expense_line_id)))
  const lines: LineFacts[] = []
  let after: { position: number; id: number } | null = null
  for (;;) {
    const query = trx
      .from('expense_lines')
      .where('expense_report_id', reportId)
      .select(
        'id',
        'position',
        'spent_on',
        'supplier',
        'receipt_number',
        'vat',
        'grant_budget_line_id',
        'currency',
        'amount_cents',
        'exchange_rate_micro',
        'claimed_cents',
        'admitted_cents',
        'supplier_country',
        'flags_json'
      )
      .orderBy('position')
      .orderBy('id')
      .limit(pageRows)
    if (after) {
      const { position, id } = after
      query.where((q) =>
        q
          .where('position', '>', position)
          .orWhere((same) => same.where('position', position).where('id', '>', id))
      )
    }
    const rows = await query
    for (const row of rows) {
      const id = Number(row.id)
      lines.push({
        id,
        spentOn: isoDateOf(row.spent_on),
        supplier: row.supplier,
        receiptNumber: row.receipt_number,
        hasReceipt: withReceipt.has(id),
        vat: row.vat,
        grantBudgetLineId:
          row.grant_budget_line_id === null ? null : Number(row.grant_budget_line_id),
        currency: row.currency,
        amountCents: toCents(row.amount_cents),
        exchangeRateMicro:
          row.exchange_rate_micro === null ? null : Number(row.exchange_rate_micro),
        claimedCents: toCents(row.claimed_cents),
        admittedCents: row.admitted_cents === null ? null : toCents(row.admitted_cents),
        supplierCountry: row.supplier_country,
        flagsJson:
          typeof row.flags_json === 'string' ? row.flags_json : JSON.stringify(row.flags_json),
      })
    }
    if (rows.length < pageRows) return lines
    const last = rows[rows.length - 1]
    after = { position: Number(last.position), id: Number(last.id) }
    await nextTurn()
  }
}

/** A `date` column as YYYY-MM-DD: text on SQLite, a local-midnight Date from node-postgres. */
function isoDateOf(value: string | Date) {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
  }
  return String(value).slice(0, 10)
}

/** The InforEuro rates of the currencies and months of these lines. */
export async function inforEuroTableFor(
  trx: QueryClientContract,
  lines: readonly { currency: string; spentOn: string }[]
): Promise<InforEuroTable> {
  const foreign = lines.filter((line) => line.currency.toUpperCase() !== 'EUR')
  if (foreign.length === 0) return new Map()
  const months = [...new Set(foreign.map((line) => monthOf(line.spentOn)))]
  const currencies = [...new Set(foreign.map((line) => line.currency.toUpperCase()))]
  const rows = await InforeuroRate.query({ client: trx })
    .whereIn('month', months)
    .whereIn('currency', currencies)
  return new Map(rows.map((row) => [rateKey(row.currency, row.month), row.rateMicro]))
}

/** The budget lines of these lines on which the verifier accepts late costs. */
async function lateCostBudgetLines(
  trx: QueryClientContract,
  lines: readonly { grantBudgetLineId: number | null }[]
) {
  const ids = [...new Set(lines.map((line) => line.grantBudgetLineId))].filter(
    (id): id is number => id !== null
  )
  if (ids.length === 0) return new Set<number>()
  const accepted = await GrantBudgetLine.query({ client: trx })
    .whereIn('id', ids)
    .where('late_costs_accepted', true)
  return new Set(accepted.map((line) => line.id))
}

/**
 * Writes the changed claims and flags with one UPDATE per distinct value
 * and 500 lines, not one per line: an import of thousands of lines
 * usually gives most of them the same flags.
 */
async function saveChanged(
  trx: QueryClientContract,
  changed: { claimed: Map<number, number>; flags: Map<number, string> }
) {
  const updatedAt = DateTime.utc().toFormat(trx.dialect.dateTimeFormat)
  const byValue = <T>(values: Map<number, T>) => {
    const groups = new Map<T, number[]>()
    for (const [id, value] of values) {
      const ids = groups.get(value)
      if (ids) ids.push(id)
      else groups.set(value, [id])
    }
    return groups
  }
  const update = async (ids: number[], values: Record<string, unknown>) => {
    for (let from = 0; from < ids.length; from += 500) {
      await ExpenseLine.query({ client: trx })
        .whereIn('id', ids.slice(from, from + 500))
        .update({ ...values, updated_at: updatedAt })
    }
  }
  for (const [claimedCents, ids] of byValue(changed.claimed)) {
    await update(ids, { claimed_cents: claimedCents })
  }
  for (const [flags, ids] of byValue(changed.flags)) {
    await update(ids, { flags_json: flags })
  }
}
