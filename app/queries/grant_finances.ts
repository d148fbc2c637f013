import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { GrantMoneyFacts } from '#domain/grants/grant_finances'
import { grantMoneyPosition, payableBySchedule } from '#domain/grants/grant_finances'
import { scheduleForecasts } from '#domain/grants/planned_schedule'
import { acceptedCostsOfGrant } from '#queries/accepted_costs'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import GrantForecast from '#models/grant_forecast'
import LedgerEntry from '#models/ledger_entry'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import RecoveryOrder from '#models/recovery_order'

/** The budget lines of the grant's current (latest) version. */
export async function currentBudgetLines(grant: Grant, client?: QueryClientContract) {
  const latest = await GrantBudgetLine.query({ client })
    .where('grant_id', grant.id)
    .max('version as latest_version')
  const version = Number(latest[0]?.$extras.latest_version ?? 1)
  return GrantBudgetLine.query({ client })
    .where('grant_id', grant.id)
    .where('version', version)
    .orderBy('position')
}

/** C: the contingency reserve of a budget. */
export function contingencyOf(lines: readonly GrantBudgetLine[]) {
  return lines
    .filter((line) => line.heading === 'contingency')
    .reduce((total, line) => total + line.totalCents, 0)
}

/** TEC − C of a budget: what the forecasts per period must add up to. */
export function budgetWithoutContingency(lines: readonly GrantBudgetLine[]) {
  return lines
    .filter((line) => line.heading !== 'contingency')
    .reduce((total, line) => total + line.totalCents, 0)
}

/** The length of each reporting period in days. */
export function periodDays(grant: Grant) {
  return grant.periods.map(
    (p) => DateTime.fromISO(p.endsOn).diff(DateTime.fromISO(p.startsOn), 'days').days + 1
  )
}

/** The grantee's forecasts of a grant, by period. */
export function enteredForecasts(grant: Grant, client?: QueryClientContract) {
  return GrantForecast.query({ client }).where('grant_id', grant.id).orderBy('period_number')
}

/**
 * The forecast of each reporting period, excluding contingency: the
 * grantee's own when entered and adding up to TEC − C, otherwise the
 * budget without contingency spread by period length (and which it is).
 */
export function forecastsOf(
  grant: Grant,
  lines: readonly GrantBudgetLine[],
  entered: readonly GrantForecast[]
) {
  return scheduleForecasts(
    entered.map((f) => f.forecastCents),
    budgetWithoutContingency(lines),
    periodDays(grant)
  )
}

/**
 * Everything the payment path needs about one grant, read in a handful of
 * queries (no per-row loading): budget, reports, requests, payments and
 * recovery orders, with the money position computed by the domain rules.
 */
export async function grantFinances(grant: Grant, client?: QueryClientContract) {
  // One after the other: inside a transaction the queries share one connection.
  const lines = await currentBudgetLines(grant, client)
  const reports = await ExpenseReport.query({ client })
    .where('grant_id', grant.id)
    .orderBy('period_number')
  const requests = await PaymentRequest.query({ client })
    .where('grant_id', grant.id)
    .orderBy('number')
  const payments = await Payment.query({ client }).where('grant_id', grant.id).orderBy('id')
  const recoveries = await RecoveryOrder.query({ client }).where('grant_id', grant.id).orderBy('id')
  const entered = await enteredForecasts(grant, client)
  const forecasts = forecastsOf(grant, lines, entered)
  const kindOf = new Map(requests.map((r) => [r.id, r.kind]))
  // §3: indirect capped at 7 % of accepted direct, contingency within approved releases.
  const accepted = await acceptedCostsOfGrant(grant.id, client)
  const acceptedCostsCents = accepted.acceptedCents
  const facts: GrantMoneyFacts = {
    paymentOption: grant.paymentOption,
    funderCents: grant.funderCents,
    totalEligibleCents: grant.totalEligibleCents,
    contingencyCents: contingencyOf(lines),
    prefinancingCapBp: grant.prefinancingCapBp,
    optionOnePrefinancingBp: grant.optionOnePrefinancingBp,
    forecastsCents: forecasts.forecastsCents,
    payments: payments.map((p) => ({
      kind: kindOf.get(p.paymentRequestId) ?? 'further_prefinancing',
      amountCents: p.amountCents,
    })),
    acceptedCostsCents,
    recoveredCents: recoveries
      .filter((r) => r.status === 'settled')
      .reduce((total, r) => total + r.amountCents, 0),
  }
  return {
    lines,
    reports,
    requests,
    payments,
    recoveries,
    enteredForecasts: entered,
    forecastSource: forecasts.from,
    facts,
    accepted,
    position: grantMoneyPosition(facts),
    openRecoveryCents: recoveries
      .filter((r) => r.status === 'open')
      .reduce((total, r) => total + r.amountCents, 0),
  }
}

/**
 * The schedule as every view shows it (grant page, contract PDF, CSV,
 * API): the planned tranches with what is payable and what was paid.
 */
export function scheduleOf(finances: Awaited<ReturnType<typeof grantFinances>>) {
  return payableBySchedule(
    finances.position,
    finances.requests,
    finances.reports.some((r) => r.kind === 'final' && r.status === 'approved')
  )
}

/** Ledger totals by kind for one grant, summed in SQL. */
export async function ledgerTotals(grantId: number, client?: QueryClientContract) {
  const rows = await LedgerEntry.query({ client })
    .where('grant_id', grantId)
    .groupBy('kind')
    .select('kind')
    .sum('amount_cents as total')
  const total = (kind: string) => Number(rows.find((r) => r.kind === kind)?.$extras.total ?? 0)
  return {
    committedCents: total('commitment') - total('decommitment'),
    disbursedCents: total('disbursement'),
    recoveredCents: total('recovery'),
  }
}

/**
 * The FSTP line of a lead grant and what its sub-grants take from it:
 * awarded (their funder contributions) and paid to the shelters net of
 * recoveries, which is the lead grant's expenditure on the line.
 */
export async function fstpRollup(grant: Grant, lines: readonly GrantBudgetLine[]) {
  const lineCents = lines
    .filter((line) => line.heading === 'other' && line.thirdParty)
    .reduce((total, line) => total + line.totalCents, 0)
  const awarded = await Grant.query()
    .where('parent_grant_id', grant.id)
    .sum('funder_cents as total')
    .count('* as count')
  const moved = await LedgerEntry.query()
    .join('grants', 'grants.id', 'ledger_entries.grant_id')
    .where('grants.parent_grant_id', grant.id)
    .groupBy('ledger_entries.kind')
    .select('ledger_entries.kind')
    .sum('ledger_entries.amount_cents as total')
  const total = (kind: string) => Number(moved.find((r) => r.kind === kind)?.$extras.total ?? 0)
  return {
    lineCents,
    subGrantCount: Number(awarded[0]?.$extras.count ?? 0),
    awardedCents: Number(awarded[0]?.$extras.total ?? 0),
    expenditureCents: total('disbursement') - total('recovery'),
  }
}
