import type { DateTime } from 'luxon'
import { KOSOVO_ZONE } from '#services/clock'
import type { HistoryEntry } from '#queries/subject_history'

interface Translator {
  locale: string
  t(key: string, params?: Record<string, unknown>): string
  hasMessage(key: string): boolean
}

/** An instant in Kosovo time, in the reader's language ("3 Dec 2026 14:05"). */
export function instantInWords(at: DateTime, i18n: Translator) {
  return at.setZone(KOSOVO_ZONE).setLocale(i18n.locale).toFormat('d LLL yyyy HH:mm')
}

/**
 * One event in people's words: "Ana Krasniqi approved the report on
 * 3 Dec 2026 14:05". An action without words of its own reads as a
 * change recorded, never as its code.
 */
export function historyLine(entry: HistoryEntry, i18n: Translator) {
  const actor = entry.actorName ?? i18n.t('inbox.history.system')
  const key = `inbox.history.actions.${entry.action}`
  const what = i18n.hasMessage(key)
    ? i18n.t(key, { actor })
    : i18n.t('inbox.history.generic', { actor })
  return {
    id: entry.id,
    text: i18n.t('inbox.history.sentence', { what, when: instantInWords(entry.at, i18n) }),
    at: entry.at.toUTC().toISO(),
    reason: entry.reason,
  }
}
