import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import RuleRefusalException from '#exceptions/rule_refusal_exception'
import NarrativeRefusalException from '#exceptions/narrative_refusal_exception'
import LogframeIncompleteException from '#exceptions/logframe_incomplete_exception'
import { readerOf } from '#exceptions/translated_validation'

export interface ApiError {
  code: string
  message: string
  field?: string
}

const codeByStatus: Record<number, string> = {
  400: 'E_BAD_REQUEST',
  401: 'E_UNAUTHORIZED',
  403: 'E_FORBIDDEN',
  404: 'E_NOT_FOUND',
  409: 'E_CONFLICT',
  422: 'E_UNPROCESSABLE',
  429: 'E_TOO_MANY_REQUESTS',
}

/** Maps any thrown error to the API's error body and status, in the reader's language. */
export function toApiErrors(
  error: unknown,
  ctx: HttpContext
): { status: number; body: { errors: ApiError[] } } {
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const messages = error.messages as { field: string; message: string; rule: string }[]
    return {
      status: 422,
      body: {
        errors: messages.map((m) => ({
          code: `E_VALIDATION_${m.rule.toUpperCase()}`,
          message: m.message,
          field: m.field,
        })),
      },
    }
  }

  const e = (error ?? {}) as { status?: number; code?: string; message?: string }
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500
  if (status >= 500) {
    ctx.logger.error({ err: error }, 'unhandled API error')
    const message = readerOf(ctx).t('texts.api.internal_error')
    return { status, body: { errors: [{ code: 'E_INTERNAL', message }] } }
  }
  if (status === 404) {
    const message = readerOf(ctx).t('texts.api.not_found')
    return { status, body: { errors: [{ code: 'E_NOT_FOUND', message }] } }
  }
  const code = e.code && e.code.startsWith('E_') ? e.code : (codeByStatus[status] ?? 'E_ERROR')
  if (error instanceof RuleRefusalException) {
    const errors = error.refusals.map((r) => ({
      code: `E_${r.key.toUpperCase()}`,
      message: RuleRefusalException.render([r], readerOf(ctx).locale, error.currency),
      field: r.field,
    }))
    return { status, body: { errors } }
  }
  if (error instanceof NarrativeRefusalException) {
    const errors = error.problems.map((p) => ({
      code: `E_${p.code.toUpperCase()}`,
      message: NarrativeRefusalException.render([p], readerOf(ctx).locale),
      field: p.field,
    }))
    return { status, body: { errors } }
  }
  if (error instanceof LogframeIncompleteException) {
    return { status, body: { errors: error.errorsFor(ctx) } }
  }
  const translated = error as { messageFor?: (context: HttpContext) => string }
  const message =
    typeof translated.messageFor === 'function' ? translated.messageFor(ctx) : e.message
  return { status, body: { errors: [{ code, message: message ?? code }] } }
}
