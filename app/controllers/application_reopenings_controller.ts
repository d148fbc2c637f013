import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ReopenConceptNote } from '#actions/applications/reopen_concept_note'
import { findVisibleApplication } from '#controllers/applications_controller'
import ApplicationPolicy from '#policies/application_policy'
import { applicationJson } from '#transformers/call_transformer'

/** POST /applications/:id/reopening: a withdrawn concept note back to a draft before the deadline. */
export default class ApplicationReopeningsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    reopen: ReopenConceptNote
  ) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('reopen', application)
    await reopen.handle(application.id, user, request.ip())
    session.flash('success', i18n.t('evaluation.reopened'))
    return response.redirect().toPath(`/applications/${application.id}`)
  }

  /** POST /api/v1/applications/:id/reopening */
  @inject()
  async apiStore({ auth, params, request, bouncer }: HttpContext, reopen: ReopenConceptNote) {
    const user = auth.use('api').getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('reopen', application)
    return { data: applicationJson(await reopen.handle(application.id, user, request.ip())) }
  }
}
