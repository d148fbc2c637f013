import { DateTime } from 'luxon'

/** Kosovo's time zone: calendar dates ("today") are taken there. */
export const KOSOVO_ZONE = 'Europe/Belgrade'

/** Today's date in Kosovo, as `YYYY-MM-DD`. Only actions, jobs and controllers call it. */
export function todayInKosovo(now: DateTime = DateTime.now()) {
  return now.setZone(KOSOVO_ZONE).toISODate()!
}
