import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Notification from '#models/notification'
import { SessionLifetime } from '#services/session_lifetime'

/**
 * Resolves the web user when there is one, so every page knows who is
 * looking. A session past its idle or absolute timeout is signed out here,
 * so the pages behind sign-in send the person to the login page.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.view.share({ ...ctx.bouncer.edgeHelpers, auth: ctx.auth })
    if ((await ctx.auth.use('web').check()) && (await SessionLifetime.endIfExpired(ctx))) {
      return ctx.response.redirect().toPath('/login')
    }
    if (ctx.auth.use('web').isAuthenticated) {
      const user = ctx.auth.use('web').user!
      await user.loadMemberships()
      const [{ total }] = await Notification.query()
        .where('user_id', user.id)
        .whereNull('read_at')
        .count('* as total')
        .pojo<{ total: number | string }>()
      ctx.view.share({ unreadNotifications: Number(total) })
    }
    return next()
  }
}
