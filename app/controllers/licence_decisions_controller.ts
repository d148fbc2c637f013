import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { RecordLicenceDecision } from '#actions/licences/record_licence_decision'
import Licence from '#models/licence'
import LicencePolicy from '#policies/licence_policy'
import { licenceDecisionValidator } from '#validators/licence'

/** Suspension, revocation and reinstatement of a licence. */
export default class LicenceDecisionsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    record: RecordLicenceDecision
  ) {
    const user = auth.getUserOrFail()
    const licence = await Licence.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(LicencePolicy).authorize('decide')
    const data = await request.validateUsing(licenceDecisionValidator)
    await record.handle(licence.id, data.kind, data.effectiveOn, data.reason, user, request.ip())
    session.flash(
      'success',
      i18n.t(`messages.licences.decided.${data.kind}`, { number: licence.number })
    )
    return response.redirect().toPath(`/licences/${licence.id}`)
  }
}
