import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as vineErrors } from '@vinejs/vine'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { toApiErrors } from '#exceptions/api_errors'
import { tellValidationMessages } from '#exceptions/translated_validation'

/**
 * API requests (under /api/) always get `{"errors":[{code,message,field?}]}`
 * with the right status. Web requests get the framework's behaviour
 * (validation errors flashed back to the form) and friendly status pages.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest

  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, ctx) => this.renderPage(ctx, 403, error),
    '404': (error, ctx) => this.renderPage(ctx, 404, error),
    '409': (error, ctx) => this.renderPage(ctx, 409, error),
    '429': (error, ctx) => this.renderPage(ctx, 429, error),
    '500..599': (error, ctx) => this.renderPage(ctx, 500, error),
  }

  private async renderPage(ctx: HttpContext, status: number, error: unknown) {
    const hasWebContext = 'session' in ctx && Boolean(ctx.session) && Boolean(ctx.i18n)
    if (!hasWebContext) {
      return ctx.view.render('pages/errors/bare', { status })
    }
    return ctx.view.render('pages/errors/status', { status, error })
  }

  async handle(error: unknown, ctx: HttpContext) {
    // Field errors raised as keys (actions, middleware) in the reader's language.
    tellValidationMessages(error, ctx)
    if (ctx.request.url().startsWith('/api/')) {
      const { status, body } = toApiErrors(error, ctx)
      return ctx.response.status(status).send(body)
    }
    if (error instanceof vineErrors.E_VALIDATION_ERROR && !('session' in ctx && ctx.session)) {
      const { status, body } = toApiErrors(error, ctx)
      return ctx.response.status(status).send(body)
    }
    if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE && ctx.request.method() === 'GET') {
      return ctx.response.status(403).send(await this.renderPage(ctx, 403, error))
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
