import { DateTime } from 'luxon'

/** Grant lifecycle (issue: grants and sub-grants). */
export const grantStatuses = [
  'draft',
  'signed',
  'in_implementation',
  'suspended',
  'implementation_ended',
  'final_report_submitted',
  'closed',
] as const
export type GrantStatus = (typeof grantStatuses)[number]

/** Grants that count as running: they hold payments and sub-grant money. */
export const activeGrantStatuses: readonly GrantStatus[] = [
  'signed',
  'in_implementation',
  'suspended',
]

export interface ReportingPeriod {
  number: number
  startsOn: string
  endsOn: string
  /** Interim reports are due 60 days after a period; the final one 3 months after the end. */
  reportDueOn: string
  isFinal: boolean
}

/** Reporting periods of `months` each from the start; the last may be shorter. */
export function reportingPeriods(startsOn: string, endsOn: string, months = 12): ReportingPeriod[] {
  const periods: ReportingPeriod[] = []
  let start = DateTime.fromISO(startsOn)
  const end = DateTime.fromISO(endsOn)
  for (let number = 1; start <= end; number++) {
    const natural = start.plus({ months }).minus({ days: 1 })
    const periodEnd = natural < end ? natural : end
    const isFinal = periodEnd.equals(end)
    periods.push({
      number,
      startsOn: start.toISODate()!,
      endsOn: periodEnd.toISODate()!,
      reportDueOn: (isFinal
        ? periodEnd.plus({ months: 3 })
        : periodEnd.plus({ days: 60 })
      ).toISODate()!,
      isFinal,
    })
    start = periodEnd.plus({ days: 1 })
  }
  return periods
}
