import InforeuroRate from '#models/inforeuro_rate'

/** The InforEuro table, newest month first, optionally one currency and/or one month. */
export function inforEuroRates(filter: { currency?: string; month?: string }) {
  const query = InforeuroRate.query().orderBy('month', 'desc').orderBy('currency')
  if (filter.currency) query.where('currency', filter.currency)
  if (filter.month) query.where('month', filter.month)
  return query
}
