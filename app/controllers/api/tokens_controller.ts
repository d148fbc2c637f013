import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AttemptLogin } from '#actions/auth/attempt_login'
import { CreateApiToken } from '#actions/auth/create_api_token'
import User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
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
            { code: 'E_TOO_MANY_REQUESTS', message: 'Too many failed attempts; try again later' },
          ],
        })
      }
      return response.unauthorized({
        errors: [{ code: 'E_INVALID_CREDENTIALS', message: 'Invalid email or password' }],
      })
    }
    const scope = data.scope ?? 'write'
    const token = await createToken.handle(
      result.user,
      { name: data.name ?? 'api', scope, expiresInDays: data.expiresInDays },
      request.ip()
    )
    return response.created({ type: 'bearer', token: token.value, scope })
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
