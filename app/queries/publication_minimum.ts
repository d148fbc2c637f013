import { programmeSettingsAt } from '#services/programme_settings'
import { todayInKosovo } from '#services/clock'

/**
 * The publication minimum in force today (programme setting
 * `publicationMinimum`, DOMAIN-RULES §9): counts from 1 to minimum − 1 are
 * hidden outside the shelter. Suppression is an act of publication, so
 * every outlet uses today's value, for old reports too (ADR 0025).
 */
export async function publicationMinimumToday() {
  const settings = await programmeSettingsAt(todayInKosovo())
  return settings.publicationMinimum
}
