import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Resolves the web user when there is one, so every page knows who is looking. */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (await ctx.auth.use('web').check()) {
      await ctx.auth.use('web').user!.loadMemberships()
    }
    return next()
  }
}
