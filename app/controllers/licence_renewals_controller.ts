import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DecideRenewal } from '#actions/licences/decide_renewal'
import { RequestRenewal } from '#actions/licences/request_renewal'
import Licence from '#models/licence'
import type User from '#models/user'
import LicencePolicy from '#policies/licence_policy'
import { FileStore } from '#services/file_store'
import {
  renewalGrantValidator,
  renewalRefusalValidator,
  renewalRequestValidator,
} from '#validators/licence'

/** The renewal of a licence: requested, then granted (a new licence) or refused. */
export default class LicenceRenewalsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    requestRenewal: RequestRenewal
  ) {
    const licence = await this.licence(auth.getUserOrFail(), params.id)
    await bouncer.with(LicencePolicy).authorize('renew')
    const data = await request.validateUsing(renewalRequestValidator)
    await requestRenewal.handle(licence.id, data.requestedOn, auth.getUserOrFail(), request.ip())
    session.flash(
      'success',
      i18n.t('messages.licences.renewal_requested', { number: licence.number })
    )
    return response.redirect().toPath(`/licences/${licence.id}`)
  }

  @inject()
  async grant(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    decide: DecideRenewal
  ) {
    const licence = await this.licence(auth.getUserOrFail(), params.id)
    await bouncer.with(LicencePolicy).authorize('renew')
    /* A renewal may keep a service retired since the licence was issued. */
    const data = await request.validateUsing(renewalGrantValidator, {
      meta: { keptServices: licence.services },
    })
    const upload = await FileStore.accept(request.file('decisionFile'), 'licences', [
      'application/pdf',
    ])
    if (!upload.ok) {
      session.flashAll()
      session.flashErrors({ decisionFile: i18n.t(`messages.files.${upload.reason}`) })
      return response.redirect().back()
    }
    const decisionFile = upload.file
    const created = await decide.grant(
      licence.id,
      { ...data, decisionFile },
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash(
      'success',
      i18n.t('messages.licences.renewal_granted', { number: created.number })
    )
    return response.redirect().toPath(`/licences/${created.id}`)
  }

  @inject()
  async refuse(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    decide: DecideRenewal
  ) {
    const licence = await this.licence(auth.getUserOrFail(), params.id)
    await bouncer.with(LicencePolicy).authorize('renew')
    const data = await request.validateUsing(renewalRefusalValidator)
    await decide.refuse(licence.id, data.decidedOn, data.reason, auth.getUserOrFail(), request.ip())
    session.flash(
      'success',
      i18n.t('messages.licences.renewal_refused', { number: licence.number })
    )
    return response.redirect().toPath(`/licences/${licence.id}`)
  }

  private licence(user: User, id: unknown) {
    return Licence.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(id) || 0)
      .firstOrFail()
  }
}
