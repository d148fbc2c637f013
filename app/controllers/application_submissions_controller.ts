import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { findVisibleApplication } from '#controllers/applications_controller'
import ApplicationPolicy from '#policies/application_policy'
import { conceptNoteValidator } from '#validators/application'

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
    /* Submitted from the concept-note form: what is typed is saved first, so a refused submission loses nothing. */
    if (request.input('title') !== undefined) {
      await bouncer.with(ApplicationPolicy).authorize('edit', application)
      const input = await request.validateUsing(conceptNoteValidator)
      await conceptNotes.save(application, input, user, request.ip())
    }
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
