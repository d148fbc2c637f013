import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ChangePassword } from '#actions/users/change_password'
import { UpdateProfile } from '#actions/users/update_profile'
import { defaultTokenDays, maxTokenDays, scopeOf, tokenScopes } from '#domain/api_tokens'
import { affiliationKinds } from '#domain/calls/conflicts'
import Affiliation from '#models/affiliation'
import Organisation from '#models/organisation'
import User from '#models/user'
import { changePasswordValidator, profileValidator } from '#validators/user'
import { offeredLocale } from '#services/programme_settings'

function isoDate(value: Date | null) {
  return value ? value.toISOString().slice(0, 10) : null
}

export default class ProfileController {
  async show({ view, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const affiliations = await Affiliation.query()
      .where('user_id', user.id)
      .preload('organisation')
      .orderBy('id')
    const organisations = user.hasRole('assessor') ? await Organisation.query().orderBy('name') : []
    const tokens = await User.accessTokens.all(user)
    const apiTokens = tokens.map((token) => ({
      id: String(token.identifier),
      name: token.name,
      scope: scopeOf(token.abilities),
      createdOn: isoDate(token.createdAt),
      lastUsedOn: isoDate(token.lastUsedAt),
      expiresOn: isoDate(token.expiresAt),
    }))
    return view.render('pages/profile/show', {
      affiliations,
      organisations,
      affiliationKinds,
      apiTokens,
      tokenScopes,
      defaultTokenDays,
      maxTokenDays,
    })
  }

  @inject()
  async update(
    { auth, request, response, session, i18n }: HttpContext,
    updateProfile: UpdateProfile
  ) {
    const data = await request.validateUsing(profileValidator)
    /* Only a language the programme offers may be chosen. */
    if (data.locale && !offeredLocale(data.locale)) {
      session.flashAll()
      session.flashErrors({ locale: i18n.t('settings3.errors.language_not_offered') })
      return response.redirect().back()
    }
    await updateProfile.handle(
      auth.getUserOrFail(),
      { fullName: data.fullName, locale: data.locale ?? null },
      request.ip()
    )
    session.flash('success', i18n.t('messages.profile.saved'))
    return response.redirect().toPath('/profile')
  }

  @inject()
  async updatePassword(
    { auth, request, response, session, i18n }: HttpContext,
    changePassword: ChangePassword
  ) {
    const data = await request.validateUsing(changePasswordValidator)
    const changed = await changePassword.handle(
      auth.getUserOrFail(),
      data.currentPassword,
      data.password,
      request.ip(),
      session.sessionId
    )
    if (!changed) {
      session.flashErrors({ currentPassword: i18n.t('messages.profile.wrong_password') })
      return response.redirect().toPath('/profile')
    }
    session.flash('success', i18n.t('messages.profile.password_changed'))
    return response.redirect().toPath('/profile')
  }
}
