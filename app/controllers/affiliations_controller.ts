import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { affiliationValidator } from '#validators/assessment'

/** An assessor's declared affiliations, kept on their profile. */
export default class AffiliationsController {
  @inject()
  async store(
    { auth, request, response, session, i18n }: HttpContext,
    assignments: AssessorAssignments
  ) {
    const data = await request.validateUsing(affiliationValidator)
    await assignments.declareAffiliation(auth.getUserOrFail(), data, request.ip())
    session.flash('success', i18n.t('messages.affiliations.saved'))
    return response.redirect().toPath('/profile#affiliations')
  }
}
