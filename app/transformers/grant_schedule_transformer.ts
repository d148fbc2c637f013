import { reasonsFromText } from '#domain/grants/payment_option'
import type { ForecastProblem } from '#domain/grants/planned_schedule'
import { formatMoney } from '#domain/money'
import type Grant from '#models/grant'
import type { grantFinances } from '#queries/grant_finances'

type Finances = Awaited<ReturnType<typeof grantFinances>>
type Translate = (key: string, data?: Record<string, unknown>) => string

/**
 * The forecasts of a grant as the API shows them: what the grantee entered
 * per period, what the schedule uses (the same when entered and fitting,
 * otherwise the spread by days) and where those come from.
 */
export function grantForecastsJson(grant: Grant, finances: Finances) {
  const entered = new Map(finances.enteredForecasts.map((f) => [f.periodNumber, f]))
  return {
    grantId: grant.id,
    currency: grant.currency,
    source: finances.forecastSource.source,
    spreadReason: finances.forecastSource.source === 'spread' ? finances.forecastSource.why : null,
    budgetWithoutContingencyCents: grant.totalEligibleCents - finances.facts.contingencyCents,
    periods: grant.periods.map((period, index) => ({
      periodNumber: period.number,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      enteredCents: entered.get(period.number)?.forecastCents ?? null,
      scheduleCents: finances.facts.forecastsCents[index],
    })),
  }
}

/** A sentence for each problem, naming the amounts and the difference. */
export function forecastProblemMessage(
  problem: ForecastProblem,
  t: Translate,
  currency: string,
  locale = 'en'
) {
  const money = (cents: number) => formatMoney(cents, currency, locale)
  if (problem.code === 'WRONG_PERIOD_COUNT') {
    return t('grant_forecasts.problems.wrong_period_count', {
      expected: problem.expected,
      given: problem.given,
    })
  }
  return t(
    problem.differenceCents > 0
      ? 'grant_forecasts.problems.sum_too_high'
      : 'grant_forecasts.problems.sum_too_low',
    {
      sum: money(problem.sumCents),
      expected: money(problem.expectedCents),
      difference: money(Math.abs(problem.differenceCents)),
    }
  )
}

/**
 * Why the grant follows its payment option, as stored when it was created
 * ("option 1: F ≤ €100,000.00"); empty for grants created before the
 * reason was kept.
 */
export function paymentOptionWhy(grant: Grant, t: Translate, locale = 'en') {
  const option = t(`grant_forecasts.option_short.${grant.paymentOption}`)
  const data = {
    option,
    months: grant.optionOneMaxMonths,
    amount: formatMoney(grant.optionOneMaxFunderCents, grant.currency, locale),
  }
  return reasonsFromText(grant.paymentOptionReason).map((reason) =>
    t(`grant_forecasts.reasons.${reason}`, data)
  )
}

/** The schedule as CSV rows: the same rows and cents as the grant page, the PDF and the API. */
export function scheduleCsvRows(
  grant: Grant,
  schedule: readonly {
    number: number
    kind: string
    period: number | null
    plannedCents: number
    payableCents: number | null
    paidCents: number
  }[]
) {
  return {
    header: [
      'grant',
      'number',
      'tranche',
      'period',
      'currency',
      'planned_cents',
      'payable_cents',
      'paid_cents',
    ],
    rows: schedule.map((row) => [
      grant.reference,
      row.number,
      row.kind,
      row.period ?? '',
      grant.currency,
      row.plannedCents,
      row.payableCents ?? '',
      row.paidCents,
    ]),
  }
}

/** Cents as the text a money field accepts back ("473684.21"). */
export function amountText(cents: number) {
  const whole = BigInt(cents)
  const sign = whole < 0n ? '-' : ''
  const magnitude = whole < 0n ? -whole : whole
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`
}

/** The rows of the forecast form: each period with the entered forecast and the one the schedule uses. */
export function forecastRows(grant: Grant, finances: Finances) {
  const json = grantForecastsJson(grant, finances)
  return json.periods.map((period) => ({
    ...period,
    inputText: amountText(period.enteredCents ?? period.scheduleCents),
  }))
}
