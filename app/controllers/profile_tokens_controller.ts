import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { CreateApiToken } from '#actions/auth/create_api_token'
import { RevokeApiToken } from '#actions/auth/revoke_api_token'
import { profileTokenValidator } from '#validators/auth'

/** A person's own API tokens on the profile page: made and revoked there. */
export default class ProfileTokensController {
  @inject()
  async store(
    { auth, request, response, session, i18n }: HttpContext,
    createToken: CreateApiToken
  ) {
    const data = await request.validateUsing(profileTokenValidator)
    const token = await createToken.handle(auth.getUserOrFail(), data, request.ip())
    session.flash('newApiToken', { name: data.name, value: token.value })
    session.flash('success', i18n.t('api_tokens.created'))
    return response.redirect().toPath('/profile#api-tokens')
  }

  @inject()
  async destroy(
    { auth, params, request, response, session, i18n }: HttpContext,
    revokeToken: RevokeApiToken
  ) {
    const revoked = await revokeToken.handle(auth.getUserOrFail(), params.id, request.ip())
    if (!revoked) return response.notFound()
    session.flash('success', i18n.t('api_tokens.revoked'))
    return response.redirect().toPath('/profile#api-tokens')
  }
}
