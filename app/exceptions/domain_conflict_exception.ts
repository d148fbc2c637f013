import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A rule forbids this action in the current state (HTTP 409). The API
 * answers 409 with the message; a form is sent back with the message shown.
 */
export default class DomainConflictException extends Exception {
  static status = 409
  static code = 'E_CONFLICT'

  async handle(error: this, ctx: HttpContext) {
    if ('session' in ctx && ctx.session && ctx.request.method() !== 'GET') {
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'passwordConfirmation'])
      ctx.session.flash('error', error.message)
      return ctx.response.redirect().back()
    }
    return ctx.response.status(409).send(error.message)
  }
}
