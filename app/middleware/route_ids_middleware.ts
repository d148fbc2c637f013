import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { errors } from '@adonisjs/core/http'
import { isRecordId } from '#validators/ids'

/**
 * Every route parameter named `id` or `…Id` must be a record id, or the
 * route does not exist (404) — checked before any query runs, on the web
 * and the API alike, so a new route cannot forget it.
 */
export default class RouteIdsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    for (const [name, value] of Object.entries(ctx.params ?? {})) {
      if ((name === 'id' || name.endsWith('Id')) && !isRecordId(value)) {
        throw new errors.E_ROUTE_NOT_FOUND([ctx.request.method(), ctx.request.url()])
      }
    }
    return next()
  }
}
