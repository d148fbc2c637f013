import type { HttpContext } from '@adonisjs/core/http'
import { findVisibleApplication } from '#controllers/applications_controller'
import Application from '#models/application'
import Call from '#models/call'
import CallPolicy from '#policies/call_policy'
import { evaluationReportPdf, resultLetterPdf } from '#services/pdf/evaluation_report'
import { asDownload } from '#services/downloads'

const decided = ['not_compliant', 'not_shortlisted', 'rejected', 'awarded', 'not_awarded']

/**
 * The evaluation report (the funder's managers) and result letters (the
 * applicant, after the decision), in the reader's language.
 */
export default class EvaluationDocumentsController {
  async report({ auth, params, response, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const call = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .preload('funder')
      .firstOrFail()
    await bouncer.with(CallPolicy).authorize('manage', call)
    const applications = await Application.query()
      .where('call_id', call.id)
      .whereNotIn('status', ['draft', 'withdrawn'])
      .preload('organisation')
      .preload('assignments', (a) => a.where('status', 'submitted').preload('scores'))
    const rows = (stage: 'concept_note' | 'full_application') =>
      applications
        .filter((a) => stage === 'concept_note' || a.fullSubmittedAt !== null)
        .map((application) => ({
          application,
          sheets: application.assignments.filter((a) => a.stage === stage).map((a) => a.sheet),
        }))
    const pdf = await evaluationReportPdf(
      call,
      rows('concept_note'),
      rows('full_application'),
      i18n
    )
    asDownload(response, `evaluation-${call.reference}.pdf`, 'application/pdf')
    return response.send(pdf)
  }

  async letter({ auth, params, response, i18n }: HttpContext) {
    const application = await findVisibleApplication(auth.getUserOrFail(), params.id)
    if (!decided.includes(application.status)) return response.notFound()
    await application.load((loader) =>
      loader
        .load('call')
        .load('organisation')
        .load('assignments', (a) => a.where('status', 'submitted').preload('comments'))
    )
    const comments = application.assignments.flatMap((a) => a.comments.map((c) => c.comment))
    const pdf = await resultLetterPdf(application.call, application, comments, i18n)
    asDownload(response, `result-${application.id}.pdf`, 'application/pdf')
    return response.send(pdf)
  }
}
