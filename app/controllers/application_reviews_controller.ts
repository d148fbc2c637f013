import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { RecordAdminCheck } from '#actions/applications/record_admin_check'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { findVisibleApplication } from '#controllers/applications_controller'
import Call from '#models/call'
import ConflictWaiver from '#models/conflict_waiver'
import type User from '#models/user'
import CallPolicy from '#policies/call_policy'
import { SelectAndAward } from '#actions/calls/select_and_award'
import {
  adminCheckValidator,
  assignmentValidator,
  eligibilityValidator,
  waiverValidator,
} from '#validators/assessment'

/** What the funder's grant managers do to one application: the checklist, assessors and waivers. */
export default class ApplicationReviewsController {
  @inject()
  async adminCheck(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    check: RecordAdminCheck
  ) {
    const user = auth.getUserOrFail()
    const application = await managedApplication(user, params.id, bouncer)
    const { checklist } = await request.validateUsing(adminCheckValidator)
    const checked = await check.handle(application.id, checklist ?? {}, user, request.ip())
    session.flash('success', i18n.t(`messages.evaluation.checked.${checked.status}`))
    return response.redirect().toPath(`/calls/${application.callId}/evaluation`)
  }

  @inject()
  async eligibility(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    action: SelectAndAward
  ) {
    const user = auth.getUserOrFail()
    const application = await managedApplication(user, params.id, bouncer)
    const data = await request.validateUsing(eligibilityValidator)
    await action.verifyEligibility(
      application.id,
      data.eligible === 'yes',
      data.note,
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.evaluation.eligibility_recorded'))
    return response
      .redirect()
      .toPath(`/calls/${application.callId}/evaluation#app-${application.id}`)
  }

  @inject()
  async promote(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    action: SelectAndAward
  ) {
    const user = auth.getUserOrFail()
    const application = await managedApplication(user, params.id, bouncer)
    await action.promote(application.id, user, request.ip())
    session.flash('success', i18n.t('messages.evaluation.promoted'))
    return response.redirect().toPath(`/calls/${application.callId}/evaluation`)
  }

  @inject()
  async assign(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    assignments: AssessorAssignments
  ) {
    const user = auth.getUserOrFail()
    const application = await managedApplication(user, params.id, bouncer)
    const data = await request.validateUsing(assignmentValidator)
    const result = await assignments.assign(
      application,
      data.assessorId,
      data.stage,
      user,
      request.ip()
    )
    if (result.ok) session.flash('success', i18n.t('messages.evaluation.assigned'))
    else
      session.flash(
        'error',
        i18n.t(`messages.evaluation.refused.${result.reason}`, { kind: result.kind ?? '' })
      )
    return response.redirect().toPath(`/calls/${application.callId}/evaluation`)
  }

  @inject()
  async requestWaiver(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    assignments: AssessorAssignments
  ) {
    const user = auth.getUserOrFail()
    const application = await managedApplication(user, params.id, bouncer)
    const data = await request.validateUsing(waiverValidator)
    await assignments.requestWaiver(application, data.assessorId, data.reason, user, request.ip())
    session.flash('success', i18n.t('messages.evaluation.waiver_requested'))
    return response.redirect().toPath(`/calls/${application.callId}/evaluation`)
  }

  @inject()
  async approveWaiver(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    assignments: AssessorAssignments
  ) {
    const user = auth.getUserOrFail()
    const waiver = await ConflictWaiver.findOrFail(Number(params.id) || 0)
    const application = await findVisibleApplication(user, waiver.applicationId)
    await bouncer.with(CallPolicy).authorize('manage', await Call.findOrFail(application.callId))
    await assignments.approveWaiver(waiver, user, request.ip())
    session.flash('success', i18n.t('messages.evaluation.waiver_approved'))
    return response.redirect().toPath(`/calls/${application.callId}/evaluation`)
  }
}

/** An application of a call the user manages (404 when not visible, 403 when not the funder's). */
async function managedApplication(user: User, id: unknown, bouncer: HttpContext['bouncer']) {
  const application = await findVisibleApplication(user, id)
  await bouncer.with(CallPolicy).authorize('manage', await Call.findOrFail(application.callId))
  return application
}
