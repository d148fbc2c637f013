import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { apiText } from '#services/request_locale'
import { AttemptLogin } from '#actions/auth/attempt_login'
import { CreateApiToken } from '#actions/auth/create_api_token'
import { VerifySecondFactor } from '#actions/auth/verify_second_factor'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { TwoFactor } from '#services/two_factor'
import { createTokenValidator } from '#validators/auth'

/**
 * API access tokens: created with email and password (named, read or
 * write, expiring; write and 30 days unless asked otherwise), revoked by
 * their holder.
 */
export default class TokensController {
  @inject()
  async store(
    { request, response }: HttpContext,
    attemptLogin: AttemptLogin,
    createToken: CreateApiToken
  ) {
    const data = await request.validateUsing(createTokenValidator)
    const result = await attemptLogin.handle(data.email, data.password, request.ip())
    if (!result.ok) {
      if (result.reason === 'too_many_attempts') {
        response.header('retry-after', String(result.retryAfterSeconds))
        return response.tooManyRequests({
          errors: [
            {
              code: 'E_TOO_MANY_REQUESTS',
              message: apiText(request, 'ux.api.too_many_attempts'),
            },
          ],
        })
      }
      return response.unauthorized({
        errors: [
          {
            code: 'E_INVALID_CREDENTIALS',
            message: apiText(request, 'ux.api.invalid_credentials'),
          },
        ],
      })
    }
    const refusal = await this.secondFactorRefusal(result.user, data.otp, request)
    if (refusal) return response.status(refusal.status).send({ errors: [refusal.error] })
    const scope = data.scope ?? 'write'
    const token = await createToken.handle(
      result.user,
      { name: data.name ?? 'api', scope, expiresInDays: data.expiresInDays },
      request.ip()
    )
    return response.created({ type: 'bearer', token: token.value, scope })
  }

  /** Accounts with two-factor sign-in also give a code (`otp`); staff who must enrol cannot get tokens yet. */
  private async secondFactorRefusal(
    user: User,
    otp: string | undefined,
    request: HttpContext['request']
  ) {
    const ip = request.ip()
    await user.loadMemberships()
    if (TwoFactor.mustEnrol(user)) {
      return {
        status: 403,
        error: {
          code: 'E_TWO_FACTOR_ENROLMENT_REQUIRED',
          message: apiText(request, 'ux.api.enrol_two_factor', {}, user.locale),
        },
      }
    }
    if (!user.hasTwoFactor) return null
    if (!otp) {
      return {
        status: 401,
        error: {
          code: 'E_TWO_FACTOR_REQUIRED',
          message: apiText(request, 'ux.api.otp_required', {}, user.locale),
        },
      }
    }
    const checked = await new VerifySecondFactor().handle(user, otp, ip)
    if (checked.ok) return null
    return checked.reason === 'too_many_attempts'
      ? {
          status: 429,
          error: {
            code: 'E_TOO_MANY_REQUESTS',
            message: apiText(request, 'ux.api.too_many_attempts', {}, user.locale),
          },
        }
      : {
          status: 401,
          error: {
            code: 'E_INVALID_TWO_FACTOR_CODE',
            message: apiText(request, 'ux.api.wrong_code', {}, user.locale),
          },
        }
  }

  async destroy({ auth, response, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const token = user.currentAccessToken
    await User.accessTokens.delete(user, token.identifier)
    await AuditTrail.recordNow({
      actorId: user.id,
      action: 'api_token.revoked',
      subjectType: 'access_token',
      subjectId: String(token.identifier),
      ip: request.ip(),
    })
    return response.noContent()
  }
}
