import type { HttpContext } from '@adonisjs/core/http'
import { apiText } from '#services/request_locale'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { needsWriteScope } from '#domain/api_tokens'
import { TwoFactor } from '#services/two_factor'

/** What a person who must enrol in two-factor sign-in may still open. */
const enrolmentRoutes = new Set([
  'profile.two_factor.show',
  'profile.two_factor.store',
  'session.destroy',
])

/**
 * Requires a signed-in, active user and loads their memberships, on which
 * every tenancy scope and policy depends. An API token of read scope is
 * refused (403) on the routes that change data. When two-factor sign-in is
 * required, the staff roles that have not enrolled are sent to enrol first.
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
        errors: [
          {
            code: 'E_ACCOUNT_DISABLED',
            message: apiText(ctx.request, 'ux.api.account_disabled', {}, user.locale),
          },
        ],
      })
    }
    if (
      ctx.auth.authenticatedViaGuard === 'api' &&
      needsWriteScope(ctx.request.method(), ctx.route?.name) &&
      !ctx.auth.use('api').user!.currentAccessToken.allows('write')
    ) {
      return ctx.response.forbidden({
        errors: [
          {
            code: 'E_TOKEN_SCOPE',
            message: apiText(ctx.request, 'ux.api.read_only_token', {}, user.locale),
          },
        ],
      })
    }
    await user.loadMemberships()
    if (TwoFactor.mustEnrol(user) && !enrolmentRoutes.has(ctx.route?.name ?? '')) {
      if (ctx.auth.authenticatedViaGuard === 'api') {
        return ctx.response.forbidden({
          errors: [
            {
              code: 'E_TWO_FACTOR_ENROLMENT_REQUIRED',
              message: apiText(ctx.request, 'ux.api.enrol_two_factor', {}, user.locale),
            },
          ],
        })
      }
      return ctx.response.redirect().toPath('/profile/two-factor')
    }
    return next()
  }
}
