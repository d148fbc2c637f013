import type { HttpContext } from '@adonisjs/core/http'
import TranslatedException from '#exceptions/translated_exception'
import { withinAction } from '#domain/settings/programme_settings'

/**
 * A date of a decision lies outside the action in force on the day it is
 * taken (ADR 0035): HTTP 422 naming the field, in the reader's language; a
 * form gets the message beside the field.
 */
export default class OutsideActionException extends TranslatedException {
  static status = 422
  static code = 'E_OUTSIDE_ACTION'

  constructor(
    readonly field: string,
    which: 'start' | 'end',
    action: { actionStartsOn: string; actionEndsOn: string }
  ) {
    super(`settings3.errors.period_${which}_outside_action`, {
      start: action.actionStartsOn,
      end: action.actionEndsOn,
    })
  }

  async handle(error: this, ctx: HttpContext) {
    const message = error.messageFor(ctx)
    const wantsJson = ctx.request.accepts(['html', 'json']) === 'json'
    if (!wantsJson && 'session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'passwordConfirmation'])
      ctx.session.flash('error', message)
      ctx.session.flashErrors({ [error.field]: message })
      return ctx.response.redirect().back()
    }
    return ctx.response
      .status(422)
      .send({ errors: [{ code: OutsideActionException.code, field: error.field, message }] })
  }
}

/** The first of the period's dates (YYYY-MM-DD) outside the action, as a refusal; nothing when both lie within. */
export function checkWithinAction(
  period: { startsOn: string; endsOn: string },
  action: { actionStartsOn: string; actionEndsOn: string },
  fields: { start: string; end: string }
) {
  const outside = (date: string) => !withinAction(date, action)
  if (outside(period.startsOn)) throw new OutsideActionException(fields.start, 'start', action)
  if (outside(period.endsOn)) throw new OutsideActionException(fields.end, 'end', action)
}
