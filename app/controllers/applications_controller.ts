import { DateTime } from 'luxon'
import { canMoveApplication } from '#domain/calls/application_lifecycle'
import { isBeforeDeadline } from '#domain/calls/call_lifecycle'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ConceptNotes } from '#actions/applications/concept_notes'
import Application from '#models/application'
import Call from '#models/call'
import type User from '#models/user'
import ApplicationPolicy from '#policies/application_policy'
import CallPolicy from '#policies/call_policy'
import { conceptNoteValidator } from '#validators/application'

/** An NGO's application to a call: the concept note, then the full application. */
export default class ApplicationsController {
  @inject()
  async store(
    { auth, params, request, response, bouncer }: HttpContext,
    conceptNotes: ConceptNotes
  ) {
    const user = auth.getUserOrFail()
    const call = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(CallPolicy).authorize('apply', call)
    const organisation = user.memberships.find((m) => m.role === 'applicant')!
    const application = await conceptNotes.start(
      call,
      organisation.organisationId,
      user,
      request.ip()
    )
    return response
      .redirect()
      .toPath(
        call.procedure === 'open'
          ? `/applications/${application.id}/full`
          : `/applications/${application.id}`
      )
  }

  async show({ auth, params, view, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await application.load((loader) =>
      loader.load('call', (q) => q.preload('funder')).load('organisation')
    )
    const mayEdit = await bouncer.with(ApplicationPolicy).allows('edit', application)
    const mayReopen =
      mayEdit &&
      canMoveApplication(application.status, 'draft') &&
      application.call.status === 'published' &&
      isBeforeDeadline(application.call.conceptDeadlineAt.toISO()!, DateTime.utc().toISO()!)
    return view.render('pages/applications/show', {
      application,
      call: application.call,
      mayEdit,
      mayReopen,
    })
  }

  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    conceptNotes: ConceptNotes
  ) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('edit', application)
    const input = await request.validateUsing(conceptNoteValidator)
    await conceptNotes.save(application, input, user, request.ip())
    session.flash('success', i18n.t('messages.applications.saved'))
    return response.redirect().toPath(`/applications/${application.id}`)
  }
}

/** An application the user may see, or 404. */
export function findVisibleApplication(user: User, id: unknown) {
  return Application.query()
    .withScopes((s) => s.visibleTo(user))
    .where('applications.id', Number(id) || 0)
    .firstOrFail()
}
