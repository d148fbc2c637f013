import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { SelectAndAward } from '#actions/calls/select_and_award'
import { ShortlistConceptNotes } from '#actions/calls/shortlist_concept_notes'
import { documentTypes } from '#domain/documents'
import type { EligibilityView } from '#queries/eligibility_facts'
import { eligibilityFacts } from '#queries/eligibility_facts'
import { gridMaximum, hasLargeSpread, logframeScore, sheetTotal } from '#domain/calls/grid'
import Application from '#models/application'
import Call from '#models/call'
import ConflictWaiver from '#models/conflict_waiver'
import User from '#models/user'
import CallPolicy from '#policies/call_policy'

/** The funder's evaluation desk for a call: checks, assessors, scores, spreads and the shortlist. */
export default class CallEvaluationsController {
  async show({ auth, params, view, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const call = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(CallPolicy).authorize('manage', call)
    const stage =
      call.procedure === 'open' ||
      ['shortlisted', 'full_applications_closed', 'evaluated', 'awarded', 'closed'].includes(
        call.status
      )
        ? 'full_application'
        : 'concept_note'
    const grid = stage === 'concept_note' ? call.conceptGrid : call.fullGrid
    const applications = await Application.query()
      .where('call_id', call.id)
      .whereNotIn('status', ['draft', 'withdrawn'])
      .preload('organisation')
      .preload('assignments', (a) =>
        a.where('stage', stage).preload('assessor').preload('scores').orderBy('id')
      )
      .orderBy('id')
    const rows = applications.map((application) => {
      const submitted = application.assignments.filter((a) => a.status === 'submitted')
      const totals = submitted.map((a) => sheetTotal(grid, a.sheet))
      return {
        application,
        totals,
        /* Each assessor's total with the criteria's weights, as the average counts it. */
        totalOf: Object.fromEntries(submitted.map((a) => [a.id, sheetTotal(grid, a.sheet)])),
        logframe:
          stage === 'full_application'
            ? logframeScore(
                grid,
                submitted.map((a) => a.sheet)
              )
            : null,
        largeSpread: hasLargeSpread(totals, gridMaximum(grid), call.spreadFlagBp),
      }
    })
    const assessors = await User.query()
      .whereHas('memberships', (m) => m.where('role', 'assessor'))
      .orderBy('full_name')
    const waivers = await ConflictWaiver.query()
      .whereIn(
        'application_id',
        applications.map((a) => a.id)
      )
      .orderBy('id')
    const eligibility =
      call.status === 'evaluated' ? await this.eligibilityFacts(call, applications) : {}
    const checkerIds = applications.flatMap((a) => a.eligibilityCheckedById ?? [])
    const checkers = Object.fromEntries(
      (checkerIds.length ? await User.query().whereIn('id', checkerIds) : []).map((u) => [
        u.id,
        u.fullName,
      ])
    )
    return view.render('pages/calls/evaluation', {
      call,
      stage,
      grid,
      rows,
      assessors,
      waivers,
      eligibility,
      checkers,
      documentTypes,
      maximum: gridMaximum(grid),
    })
  }

  /** What the verification of eligibility looks at, with the warnings, for the provisionally selected. */
  private async eligibilityFacts(call: Call, applications: Application[]) {
    const facts: Record<number, EligibilityView> = {}
    for (const application of applications.filter((a) => a.status === 'provisionally_selected')) {
      facts[application.id] = await eligibilityFacts(call, application)
    }
    return facts
  }

  @inject()
  async select(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    action: SelectAndAward
  ) {
    const user = auth.getUserOrFail()
    const call = await Call.findOrFail(Number(params.id) || 0)
    await bouncer.with(CallPolicy).authorize('manage', call)
    await action.select(call.id, user, request.ip())
    session.flash('success', i18n.t('messages.evaluation.selected'))
    return response.redirect().toPath(`/calls/${call.id}/evaluation`)
  }

  @inject()
  async award(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    action: SelectAndAward
  ) {
    const user = auth.getUserOrFail()
    const call = await Call.findOrFail(Number(params.id) || 0)
    await bouncer.with(CallPolicy).authorize('manage', call)
    await action.award(call.id, user, request.ip())
    session.flash('success', i18n.t('messages.evaluation.awarded'))
    return response.redirect().toPath(`/calls/${call.id}/evaluation`)
  }

  @inject()
  async shortlist(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    action: ShortlistConceptNotes
  ) {
    const user = auth.getUserOrFail()
    const call = await Call.findOrFail(Number(params.id) || 0)
    await bouncer.with(CallPolicy).authorize('manage', call)
    await action.handle(call.id, user, request.ip())
    session.flash('success', i18n.t('messages.evaluation.shortlisted'))
    return response.redirect().toPath(`/calls/${call.id}/evaluation`)
  }
}
