import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { AuthManager } from '@adonisjs/auth'
import type { Authenticators } from '@adonisjs/auth/types'
/* Brings the `ctx.auth` declaration of the stock middleware. */
import type {} from '@adonisjs/auth/initialize_auth_middleware'

/**
 * Creates the request's authenticator, as the stock `initialize_auth_middleware`
 * does, without sharing it with the view: there, `'view' in ctx` is always true
 * and the getter builds an Edge renderer on every request, JSON ones included.
 * The web group's silent auth middleware shares `auth` with the templates.
 */
export default class InitializeAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const manager = (await ctx.containerResolver.make(
      'auth.manager'
    )) as AuthManager<Authenticators>
    ctx.auth = manager.createAuthenticator(ctx)
    return next()
  }
}
