import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/**
 * Requires a signed-in, active user and loads their memberships, on which
 * every tenancy scope and policy depends.
 */
export default class AuthMiddleware {
  redirectTo = '/login'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    const user = await ctx.auth.authenticateUsing(options.guards, { loginRoute: this.redirectTo })
    if (!user.isActive) {
      await ctx.auth
        .use('web')
        .logout()
        .catch(() => {})
      return ctx.response.unauthorized({
        errors: [{ code: 'E_ACCOUNT_DISABLED', message: 'This account is disabled' }],
      })
    }
    await user.loadMemberships()
    return next()
  }
}
