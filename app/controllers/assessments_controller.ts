import { inject } from '@adonisjs/core'
import { applicationLogframeView } from '#queries/narrative_view'
import type { HttpContext } from '@adonisjs/core/http'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { SubmitAssessment } from '#actions/assessments/submit_assessment'
import { sheetTotal } from '#domain/calls/grid'
import AssessorAssignment from '#models/assessor_assignment'
import AssessorDeclaration from '#models/assessor_declaration'
import Call from '#models/call'
import { declineValidator, scoresValidator } from '#validators/assessment'
import { readScoreSheet } from '#domain/calls/score_sheet_input'
import { budgetOf } from '#actions/applications/full_applications'
import { budgetHeadings } from '#domain/budget/budget'
import { documentTypes } from '#domain/documents'
import type Application from '#models/application'
import DocumentVersion from '#models/document_version'
import OrganisationDocument from '#models/organisation_document'
import { FileStore } from '#services/file_store'

/** The full application as the assessor reads it beside the score sheet. */
async function assessorView(application: Application) {
  await application.load((loader) => loader.load('budgetLines').load('cofinancingRows'))
  const documents = await OrganisationDocument.query()
    .where('organisation_id', application.organisationId)
    .preload('versions', (v) => v.orderBy('version', 'desc'))
  return {
    budget: budgetOf(application.call, application, application.budgetLines),
    lines: application.budgetLines,
    cofinancing: application.cofinancingRows,
    documents,
  }
}

/**
 * The assessor's side: their assignments, the declaration of impartiality
 * per call, and the score sheet. Other assessors' scores stay hidden until
 * the assessor has submitted their own.
 */
export default class AssessmentsController {
  async index({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const assignments = await AssessorAssignment.query()
      .where('assessor_id', user.id)
      .preload('application', (a) => a.preload('call').preload('organisation'))
      .orderBy('id', 'desc')
    const declarations = await AssessorDeclaration.query().where('user_id', user.id)
    const signed = new Set(declarations.map((d) => d.callId))
    return view.render('pages/assessments/index', { assignments, signed: [...signed] })
  }

  async declaration({ auth, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const call = await this.assignedCall(user.id, params.id)
    const declaration = await AssessorDeclaration.query()
      .where({ callId: call.id, userId: user.id })
      .first()
    return view.render('pages/assessments/declaration', { call, declaration })
  }

  @inject()
  async sign(
    { auth, params, request, response, session, i18n }: HttpContext,
    assignments: AssessorAssignments
  ) {
    const user = auth.getUserOrFail()
    const call = await this.assignedCall(user.id, params.id)
    await assignments.sign(call.id, user, request.ip())
    session.flash('success', i18n.t('messages.assessments.signed'))
    return response.redirect().toPath('/assessments')
  }

  async show({ auth, params, view, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const assignment = await AssessorAssignment.query()
      .where('id', Number(params.id) || 0)
      .where('assessor_id', user.id)
      .preload('application', (a) => a.preload('call').preload('organisation'))
      .preload('scores')
      .preload('comments')
      .firstOrFail()
    const call = assignment.application.call
    const declaration = await AssessorDeclaration.query()
      .where({ callId: call.id, userId: user.id })
      .first()
    if (!declaration) return response.redirect().toPath(`/calls/${call.id}/declaration`)
    const grid = assignment.stage === 'concept_note' ? call.conceptGrid : call.fullGrid
    const full =
      assignment.stage === 'full_application' && assignment.status !== 'declined'
        ? await assessorView(assignment.application)
        : null
    const others =
      assignment.status === 'submitted'
        ? await AssessorAssignment.query()
            .where({
              applicationId: assignment.applicationId,
              stage: assignment.stage,
              status: 'submitted',
            })
            .whereNot('id', assignment.id)
            .preload('scores')
            .preload('assessor')
        : []
    return view.render('pages/assessments/show', {
      assignment,
      application: assignment.application,
      call,
      grid,
      sheet: assignment.sheet,
      comments: Object.fromEntries(assignment.comments.map((c) => [c.sectionKey, c.comment])),
      others: others.map((o) => ({ name: o.assessor.fullName, total: sheetTotal(grid, o.sheet) })),
      full,
      headings: budgetHeadings,
      documentTypes,
      ...(await applicationLogframeView(assignment.application.id)),
    })
  }

  /**
   * GET /assignments/:id/documents/:versionId: a document of the assessed
   * organisation, for the assessor of a full application who declared
   * impartiality (404 for anyone else's assignment, 403 before declaring).
   */
  async document({ auth, params, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const assignment = await AssessorAssignment.query()
      .where('id', Number(params.id) || 0)
      .where('assessor_id', user.id)
      .whereNot('status', 'declined')
      .preload('application')
      .firstOrFail()
    const declared = await AssessorDeclaration.query()
      .where({ callId: assignment.application.callId, userId: user.id })
      .first()
    if (!declared) return response.forbidden({ error: i18n.t('ux.api.declaration_first') })
    const version = await DocumentVersion.query()
      .join(
        'organisation_documents',
        'organisation_documents.id',
        'document_versions.organisation_document_id'
      )
      .where('document_versions.id', Number(params.versionId) || 0)
      .where('organisation_documents.organisation_id', assignment.application.organisationId)
      .select('document_versions.*')
      .firstOrFail()
    const bytes = await FileStore.read(version.fileKey)
    response.header('content-type', version.contentType)
    response.header(
      'content-disposition',
      `attachment; filename="${version.fileName.replace(/["\r\n]/g, '')}"`
    )
    return response.send(Buffer.from(bytes))
  }

  @inject()
  async score(
    { auth, params, request, response, session, i18n }: HttpContext,
    submit: SubmitAssessment
  ) {
    const user = auth.getUserOrFail()
    const assignment = await this.ownAssignment(user.id, params.id)
    const data = await request.validateUsing(scoresValidator)
    /* Form keys carry a letter prefix (c1.1, s1) so that numeric keys are not read as arrays. */
    const unprefix = <T>(record: Record<string, T>) =>
      Object.fromEntries(Object.entries(record).map(([key, value]) => [key.slice(1), value]))
    const comments: Record<string, string> = {}
    for (const [key, value] of Object.entries(unprefix(data.comments ?? {}))) {
      if (value) comments[key] = value
    }
    await assignment.load('application', (a) => a.preload('call'))
    const call = assignment.application.call
    const grid = assignment.stage === 'concept_note' ? call.conceptGrid : call.fullGrid
    const { scores, problems } = readScoreSheet(grid, unprefix(data.scores))
    if (problems.length > 0) {
      /* Every score and comment comes back, each problem under its criterion. */
      session.flashExcept(['_csrf', '_method'])
      session.flash(
        'inputErrorsBag',
        Object.fromEntries(
          problems.map((p) => [
            `scores.c${p.key}`,
            [i18n.t(`forms.scores.${p.problem}`, { max: p.max })],
          ])
        )
      )
      return response.redirect().toPath(`/assignments/${assignment.id}`)
    }
    await submit.handle(assignment.id, scores, comments, user, request.ip())
    session.flash('success', i18n.t('messages.assessments.submitted'))
    return response.redirect().toPath(`/assignments/${assignment.id}`)
  }

  @inject()
  async decline(
    { auth, params, request, response, session, i18n }: HttpContext,
    assignments: AssessorAssignments
  ) {
    const user = auth.getUserOrFail()
    const assignment = await this.ownAssignment(user.id, params.id)
    const { reason } = await request.validateUsing(declineValidator)
    await assignments.decline(assignment, reason, user, request.ip())
    session.flash('success', i18n.t('messages.assessments.declined'))
    return response.redirect().toPath('/assessments')
  }

  private ownAssignment(userId: number, id: unknown) {
    return AssessorAssignment.query()
      .where('id', Number(id) || 0)
      .where('assessor_id', userId)
      .firstOrFail()
  }

  /** A call in which the user holds an assignment (others get 404). */
  private assignedCall(userId: number, id: unknown) {
    return Call.query()
      .where('id', Number(id) || 0)
      .whereHas('applications', (a) =>
        a.whereHas('assignments', (s) => s.where('assessor_id', userId))
      )
      .firstOrFail()
  }
}
