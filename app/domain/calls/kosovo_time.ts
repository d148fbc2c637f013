import { DateTime } from 'luxon'

/** The zone in which calls are run and deadlines are read (Kosovo). */
export const KOSOVO_ZONE = 'Europe/Belgrade'

/**
 * An instant as people in Kosovo read it, for messages that quote a date
 * or deadline: `2027-03-01 17:00 (Kosovo time)`. Never the UTC ISO form.
 */
export function kosovoDeadline(at: DateTime | string, zone: string = KOSOVO_ZONE) {
  const instant = typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : at
  return `${instant.setZone(zone || KOSOVO_ZONE).toFormat('yyyy-MM-dd HH:mm')} (Kosovo time)`
}

/** The same in the reader's language, for a translated refusal (`ux.kosovo_time`). */
export function kosovoDeadlineIn(at: DateTime | string, zone: string = KOSOVO_ZONE) {
  const instant = typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : at
  const time = instant.setZone(zone || KOSOVO_ZONE).toFormat('yyyy-MM-dd HH:mm')
  return (reader: { t(key: string): string }) => `${time} (${reader.t('ux.kosovo_time')})`
}
