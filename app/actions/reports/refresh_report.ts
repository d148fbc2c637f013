import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading } from '#domain/budget/budget'
import { eligibilityFlags } from '#domain/reports/eligibility'
import ContingencyRelease from '#models/contingency_release'
import ExpenseLine from '#models/expense_line'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import { budgetVersions, headingAmountsOf } from '#actions/grants/budget_change_support'
import { linesOf } from '#actions/reports/expense_report_support'
import {
  claimedEurCents,
  inforEuroRateFor,
  monthOf,
  rateKey,
  type InforEuroTable,
} from '#domain/reports/exchange'
import GrantBudgetLine from '#models/grant_budget_line'
import InforeuroRate from '#models/inforeuro_rate'

/**
 * Recomputes every line's eligibility flags (duplicates and the heading
 * limit depend on the other lines) and the report's claimed total. The
 * heading limit is 125 % of the baseline heading (DOMAIN-RULES §5).
 */
export async function refreshReport(
  trx: TransactionClientContract,
  report: ExpenseReport,
  grant: Grant,
  budgetLines: readonly GrantBudgetLine[]
) {
  const lines = await linesOf(trx, report)
  const changed = { claimed: new Map<number, number>(), flags: new Map<number, string>() }
  // Every version's lines: an expense line on a line a change dropped keeps its heading.
  const everyVersion = await GrantBudgetLine.query({ client: trx }).where('grant_id', grant.id)
  const headingOf = new Map<number, BudgetHeading>(
    [...everyVersion, ...budgetLines].map((line) => [line.id, line.heading])
  )
  // The flexibility limit is taken on the baseline, never on the current budget.
  const { baseLines } = await budgetVersions(grant, trx)
  const headingBudgetCents: Partial<Record<BudgetHeading, number>> = headingAmountsOf(baseLines)
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
  const rates = await inforEuroTableFor(trx, lines)
  const lateCostLines = await lateCostBudgetLines(trx, lines)
  const inforEuroRates = lines.map((line) =>
    inforEuroRateFor(rates, line.currency, line.spentOn.toISODate()!)
  )
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
      changed.claimed.set(line.id, claimedCents)
    }
  }
  const flags = eligibilityFlags(
    lines.map((line, index) => ({
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
      contingencyReleasedCents: await ContingencyRelease.approvedCents(grant.id, trx),
      headingReleasedCents: await ContingencyRelease.approvedCentsByHeading(grant.id, trx),
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
      changed.flags.set(line.id, JSON.stringify(next))
    }
  }
  await saveChanged(trx, changed)
  report.claimedCents = lines.reduce((total, line) => total + line.claimedCents, 0)
  await report.save()
  return lines
}

/** The InforEuro rates of the currencies and months of these lines. */
export async function inforEuroTableFor(
  trx: TransactionClientContract,
  lines: readonly ExpenseLine[]
): Promise<InforEuroTable> {
  const foreign = lines.filter((line) => line.currency.toUpperCase() !== 'EUR')
  if (foreign.length === 0) return new Map()
  const months = [...new Set(foreign.map((line) => monthOf(line.spentOn.toISODate()!)))]
  const currencies = [...new Set(foreign.map((line) => line.currency.toUpperCase()))]
  const rows = await InforeuroRate.query({ client: trx })
    .whereIn('month', months)
    .whereIn('currency', currencies)
  return new Map(rows.map((row) => [rateKey(row.currency, row.month), row.rateMicro]))
}

/** The budget lines of these lines on which the verifier accepts late costs. */
async function lateCostBudgetLines(trx: TransactionClientContract, lines: readonly ExpenseLine[]) {
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
  trx: TransactionClientContract,
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
