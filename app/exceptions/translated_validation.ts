import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { errors as vineErrors } from '@vinejs/vine'
import type { ConflictValue, Reader } from '#exceptions/domain_conflict_exception'
import { requestI18n } from '#services/request_locale'

/** A field error written as a message key and its values. */
export interface KeyedProblem {
  field: string
  rule: string
  key: string
  values?: Record<string, ConflictValue>
}

interface KeyedMessage {
  field: string
  rule: string
  message: string
  meta?: { messageKey?: string; values?: Record<string, ConflictValue> }
}

function say(reader: Reader, key: string, values: Record<string, ConflictValue> = {}) {
  return reader.t(
    key,
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        typeof value === 'function' ? value(reader) : value,
      ])
    )
  )
}

/**
 * A 422 raised outside a validator (an action, a middleware) whose
 * messages are keys: its own messages are the English text (logs, tests),
 * and the exception handler tells them in the reader's language.
 */
export function keyedValidationError(problems: KeyedProblem[]) {
  const english = i18nManager.locale(i18nManager.defaultLocale)
  return new vineErrors.E_VALIDATION_ERROR(
    problems.map((problem): KeyedMessage => ({
      field: problem.field,
      rule: problem.rule,
      message: say(english, problem.key, problem.values),
      meta: { messageKey: problem.key, values: problem.values ?? {} },
    }))
  )
}

/** The reader of a request: the page's language, else Accept-Language, else the person's, else English. */
export function readerOf(ctx: HttpContext): Reader {
  if ('i18n' in ctx && ctx.i18n) return ctx.i18n
  const user = (ctx as { auth?: { user?: { locale?: string | null } } }).auth?.user
  return requestI18n(ctx.request, user?.locale)
}

/** Rewrites the keyed messages of a validation error in the reader's language. */
export function tellValidationMessages(error: unknown, ctx: HttpContext) {
  if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) return
  const messages = error.messages as KeyedMessage[]
  if (!messages.some((message) => message.meta?.messageKey)) return
  const reader = readerOf(ctx)
  for (const message of messages) {
    if (message.meta?.messageKey) {
      message.message = say(reader, message.meta.messageKey, message.meta.values)
    }
  }
}
