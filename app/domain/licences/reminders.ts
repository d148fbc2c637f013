import { daysBetween, licenceDefaults } from '#domain/licences/licence'

/**
 * Which expiry reminder is due for a licence on `today`: the smallest
 * threshold (90, 60, 30 days before; 0 = on expiry) that has been reached
 * and not sent yet. Larger thresholds reached at the same time are
 * passed over (reported in `skip`), so a late first run sends one reminder,
 * not three; once a smaller threshold is sent, larger ones never are.
 */
export function dueReminder(
  validUntil: string,
  today: string,
  alreadySent: readonly number[],
  thresholds: readonly number[] = licenceDefaults.reminderDaysBefore
): { threshold: number; skip: number[] } | null {
  const daysLeft = daysBetween(today, validUntil)
  const reached = [...thresholds].filter((t) => daysLeft <= t).sort((a, b) => a - b)
  if (reached.length === 0) return null
  const [smallest, ...larger] = reached
  if (alreadySent.includes(smallest)) return null
  return { threshold: smallest, skip: larger.filter((t) => !alreadySent.includes(t)) }
}
