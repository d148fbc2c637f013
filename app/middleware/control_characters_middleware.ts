import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { keyedValidationError } from '#exceptions/translated_validation'

/** Deeper than any form or API body we accept; refused before any validator walks it. */
const MAX_DEPTH = 16
/** More strings, keys and values than any body we accept holds. */
const MAX_NODES = 20_000

/** C0 controls and DEL, except tab, line feed and carriage return (multi-line text). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** A refused field, its rule and the key of its message (`texts.input.*`). */
type Problem = { field: string; key: string; rule: string }

/**
 * Finds the first string (value or key) with a control character or a lone
 * surrogate, walking at most MAX_DEPTH levels and MAX_NODES nodes.
 */
export function findMalformedInput(input: unknown, root: string): Problem | null {
  let nodes = 0
  const walk = (value: unknown, path: string, depth: number): Problem | null => {
    if (++nodes > MAX_NODES) {
      return { field: root, key: 'texts.input.too_many_fields', rule: 'size' }
    }
    if (typeof value === 'string') {
      return CONTROL.test(value) || !value.isWellFormed()
        ? { field: path || root, key: 'texts.input.control_characters', rule: 'text' }
        : null
    }
    if (value === null || typeof value !== 'object') return null
    if (depth >= MAX_DEPTH) {
      return { field: path || root, key: 'texts.input.too_deep', rule: 'depth' }
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key
      if (CONTROL.test(key) || !key.isWellFormed()) {
        return { field: childPath, key: 'texts.input.control_characters', rule: 'text' }
      }
      const problem = walk(child, childPath, depth + 1)
      if (problem) return problem
    }
    return null
  }
  return walk(input, '', 0)
}

/**
 * Runs after the body parser on every route: a NUL byte or another control
 * character in any field of the query string or the body (JSON, form or
 * multipart fields) is refused with 422 naming the field, before any
 * validator or query sees it (PostgreSQL rejects NUL; SQLite cuts at it).
 * The message is told in the reader's language by the exception handler.
 */
export default class ControlCharactersMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const problem =
      findMalformedInput(ctx.request.qs(), 'query') ??
      findMalformedInput(ctx.request.body(), 'body')
    if (problem) throw keyedValidationError([problem])
    return next()
  }
}
