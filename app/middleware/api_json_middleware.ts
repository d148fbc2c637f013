import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { refreshSharedSettings } from '#services/programme_settings'

/** API requests always negotiate JSON, so errors come back as JSON too. */
export default class ApiJsonMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.request.request.headers.accept = 'application/json'
    /* The languages an answer may be in (Accept-Language, the person's) are the programme's. */
    await refreshSharedSettings()
    return next()
  }
}
