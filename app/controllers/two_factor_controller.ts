import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DisableTwoFactor } from '#actions/auth/disable_two_factor'
import { EnableTwoFactor } from '#actions/auth/enable_two_factor'
import { ReplaceRecoveryCodes } from '#actions/auth/replace_recovery_codes'
import { VerifySecondFactor } from '#actions/auth/verify_second_factor'
import { TwoFactor } from '#services/two_factor'
import { enrolTwoFactorValidator, secondFactorValidator } from '#validators/auth'

/** The secret offered for enrolment, kept in the session until confirmed. */
const PENDING_SECRET = 'two_factor_pending_secret'

/** Two-factor sign-in on the profile page: enrolment with a QR code and recovery codes. */
export default class TwoFactorController {
  async show({ auth, view, session }: HttpContext) {
    const user = auth.getUserOrFail()
    if (user.hasTwoFactor) {
      return view.render('pages/profile/two_factor', {
        enabled: true,
        enabledOn: user.twoFactorEnabledAt?.toISODate(),
        unusedRecoveryCodes: await TwoFactor.unusedRecoveryCodes(user),
        mandatory: TwoFactor.isMandatoryFor(user),
      })
    }
    let secret = session.get(PENDING_SECRET) as string | undefined
    if (!secret) {
      secret = TwoFactor.newSecret()
      session.put(PENDING_SECRET, secret)
    }
    const { qrCode, uri } = await TwoFactor.enrolment(user, secret)
    return view.render('pages/profile/two_factor', {
      enabled: false,
      required: TwoFactor.mustEnrol(user),
      secret,
      qrCode,
      uri,
    })
  }

  @inject()
  async store(
    { auth, request, response, session, i18n }: HttpContext,
    enableTwoFactor: EnableTwoFactor
  ) {
    const user = auth.getUserOrFail()
    const { code } = await request.validateUsing(enrolTwoFactorValidator)
    const secret = session.get(PENDING_SECRET) as string | undefined
    const codes =
      secret && !user.hasTwoFactor
        ? await enableTwoFactor.handle(user, secret, code, request.ip())
        : null
    if (!codes) {
      session.flashErrors({ code: i18n.t('two_factor.wrong_code') })
      return response.redirect().toPath('/profile/two-factor')
    }
    session.forget(PENDING_SECRET)
    session.flash('recoveryCodes', codes)
    session.flash('success', i18n.t('two_factor.enabled'))
    return response.redirect().toPath('/profile/two-factor')
  }

  /** New recovery codes, after a current code proves the person holds the authenticator. */
  @inject()
  async replaceRecoveryCodes(
    { auth, request, response, session, i18n }: HttpContext,
    verifySecondFactor: VerifySecondFactor,
    replaceRecoveryCodes: ReplaceRecoveryCodes
  ) {
    const user = auth.getUserOrFail()
    const { code } = await request.validateUsing(secondFactorValidator)
    const checked = await verifySecondFactor.handle(user, code, request.ip())
    if (!checked.ok) {
      session.flashErrors({ code: i18n.t('two_factor.wrong_code') })
      return response.redirect().toPath('/profile/two-factor')
    }
    session.flash('recoveryCodes', await replaceRecoveryCodes.handle(user, request.ip()))
    session.flash('success', i18n.t('two_factor.recovery_codes_replaced'))
    return response.redirect().toPath('/profile/two-factor')
  }

  /** Switches two-factor sign-in off, with a current code; not for roles that must keep it. */
  @inject()
  async destroy(
    { auth, request, response, session, i18n }: HttpContext,
    verifySecondFactor: VerifySecondFactor,
    disableTwoFactor: DisableTwoFactor
  ) {
    const user = auth.getUserOrFail()
    const { code } = await request.validateUsing(secondFactorValidator)
    if (TwoFactor.isMandatoryFor(user)) {
      session.flash('error', i18n.t('two_factor.cannot_disable'))
      return response.redirect().toPath('/profile/two-factor')
    }
    const checked = await verifySecondFactor.handle(user, code, request.ip())
    if (!checked.ok) {
      session.flashErrors({ code: i18n.t('two_factor.wrong_code') })
      return response.redirect().toPath('/profile/two-factor')
    }
    await disableTwoFactor.handle(user, request.ip())
    session.flash('success', i18n.t('two_factor.disabled'))
    return response.redirect().toPath('/profile')
  }
}
