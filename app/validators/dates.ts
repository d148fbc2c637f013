import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import { todayInKosovo } from '#services/clock'

/** No date the app records lies before the programmes it serves. */
export const EARLIEST_DATE = '2000-01-01'

/** Today in Kosovo plus `days`, as YYYY-MM-DD: read at validation time. */
const daysAhead = (days: number) => () =>
  DateTime.fromISO(todayInKosovo()).plus({ days }).toISODate()!

/**
 * A calendar date typed as YYYY-MM-DD, checked to exist, and kept as that
 * text. It lies between 2000-01-01 and ten years from today (`maxDaysAhead`
 * narrows that); `notBefore` names another date field it may not precede.
 */
export const isoDate = (options: { maxDaysAhead?: number; notBefore?: string } = {}) => {
  let date = vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrEqual(EARLIEST_DATE)
    .beforeOrEqual(daysAhead(options.maxDaysAhead ?? 3653))
  if (options.notBefore) date = date.afterOrSameAs(options.notBefore)
  return date.transform((value) => {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
  })
}

/**
 * The date of something that has happened (a decision, an issue, a request,
 * a payment, a transfer): not after tomorrow (time zones), never in 9999.
 */
export const pastDate = () => isoDate({ maxDaysAhead: 1 })
