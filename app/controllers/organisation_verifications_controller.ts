import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { VerifyOrganisation } from '#actions/organisations/verify_organisation'
import Organisation from '#models/organisation'
import OrganisationPolicy from '#policies/organisation_policy'
import { verificationValidator } from '#validators/registration'

/** A grant manager of the funder approves a registered NGO or sends it back. */
export default class OrganisationVerificationsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    verifyOrganisation: VerifyOrganisation
  ) {
    const organisation = await Organisation.findOrFail(Number(params.id) || 0)
    await bouncer.with(OrganisationPolicy).authorize('verify', organisation)
    const data = await request.validateUsing(verificationValidator)
    await verifyOrganisation.handle(
      organisation.id,
      data.decision === 'approve'
        ? { decision: 'approve' }
        : { decision: 'return', reason: data.reason ?? '' },
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash(
      'success',
      i18n.t(
        data.decision === 'approve'
          ? 'onboarding.verification.approved'
          : 'onboarding.verification.returned'
      )
    )
    return response.redirect().toPath(`/organisations/${organisation.id}`)
  }
}
