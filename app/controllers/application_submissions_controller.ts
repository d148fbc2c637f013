import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { findVisibleApplication } from '#controllers/applications_controller'
import ApplicationPolicy from '#policies/application_policy'

/** Submitting a concept note (store) and withdrawing it (destroy). */
export default class ApplicationSubmissionsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    conceptNotes: ConceptNotes
  ) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('submit', application)
    await conceptNotes.submit(application.id, user, request.ip())
    session.flash('success', i18n.t('messages.applications.submitted'))
    return response.redirect().toPath(`/applications/${application.id}`)
  }

  @inject()
  async destroy(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    conceptNotes: ConceptNotes
  ) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('withdraw', application)
    await conceptNotes.withdraw(application.id, user, request.ip())
    session.flash('success', i18n.t('messages.applications.withdrawn'))
    return response.redirect().toPath(`/applications/${application.id}`)
  }
}
