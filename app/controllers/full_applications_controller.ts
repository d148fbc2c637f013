import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { budgetOf, FullApplications } from '#actions/applications/full_applications'
import { findVisibleApplication } from '#controllers/applications_controller'
import { budgetHeadings } from '#domain/budget/budget'
import { cofinancingKinds } from '#domain/calls/cofinancing'
import { fullApplicationBudget } from '#domain/calls/full_application'
import ApplicationPolicy from '#policies/application_policy'
import { applicationLogframeView } from '#queries/narrative_view'
import { applicationJson } from '#transformers/call_transformer'
import { fullApplicationValidator, withoutBlankRows } from '#validators/full_application'
import { keptRowIndexes, numberRowErrors } from '#services/row_errors'
import { ruleText } from '#services/rule_text'

/** The full application of a shortlisted applicant, with its budget builder. */
export default class FullApplicationsController {
  async edit({ auth, params, view, i18n }: HttpContext) {
    const application = await findVisibleApplication(auth.getUserOrFail(), params.id)
    await application.load((loader) =>
      loader.load('call').load('organisation').load('budgetLines').load('cofinancingRows')
    )
    const budget = budgetOf(application.call, application, application.budgetLines)
    return view.render('pages/applications/full', {
      ruleText: (code: string, figures: Record<string, unknown>) =>
        ruleText(code, figures, i18n, application.currency),
      application,
      call: application.call,
      budget,
      headings: budgetHeadings,
      cofinancingKinds,
      cofinancingSourcesCents: application.cofinancingRows.reduce((t, r) => t + r.amountCents, 0),
      editable: application.status === 'shortlisted',
      ...(await applicationLogframeView(application.id)),
    })
  }

  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    full: FullApplications
  ) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('edit', application)
    const input = await validateFullApplication(request.body(), i18n)
    await full.save(application, input, user, request.ip())
    session.flash('success', i18n.t('messages.full.saved'))
    return response.redirect().toPath(`/applications/${application.id}/full`)
  }

  /** The budget as typed, computed by the same rules, for the live totals (nothing stored). */
  async preview({ auth, params, request, i18n }: HttpContext) {
    const application = await findVisibleApplication(auth.getUserOrFail(), params.id)
    await application.load('call')
    const input = await validateFullApplication(request.body(), i18n)
    const budget = fullApplicationBudget(
      application.call,
      (input.lines ?? []).map((line) => ({ ...line, unitCostCents: line.unitCost })),
      input.requested ?? null,
      application.requestedCents
    )
    return {
      directCents: budget.directCents,
      indirectCents: budget.indirectCents,
      contingencyCents: budget.contingencyCents,
      totalEligibleCents: budget.totalEligibleCents,
      maxFunderCents: budget.maxFunderCents,
      funderCents: budget.funderCents,
      cofinancingCents: budget.cofinancingCents,
      lineTotalsCents: budget.lineTotalsCents,
      headingsCents: budget.headings,
      violations: budget.violations.map((v) => ({
        ...v,
        text: ruleText(v.code, v.params, i18n, application.currency),
      })),
    }
  }

  @inject()
  async submit(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    full: FullApplications
  ) {
    const user = auth.getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('submit', application)
    /* Submitted from the full-application form: what is typed is saved first, so a refusal loses nothing. */
    if (request.input('periodStartOn') !== undefined) {
      await bouncer.with(ApplicationPolicy).authorize('edit', application)
      const input = await fullApplicationValidator.validate(
        withoutBlankRows(request.body(), ['lines', 'cofinancing']),
        { messagesProvider: i18n.createMessagesProvider() }
      )
      await full.save(application, input, user, request.ip())
    }
    await full.submit(application.id, user, request.ip())
    session.flash('success', i18n.t('messages.full.submitted'))
    return response.redirect().toPath(`/applications/${application.id}/full`)
  }

  /** POST /api/v1/applications/:id/full-submission: submits the full application as saved. */
  @inject()
  async apiSubmit({ auth, params, request, bouncer }: HttpContext, full: FullApplications) {
    const user = auth.use('api').getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('submit', application)
    return { data: applicationJson(await full.submit(application.id, user, request.ip())) }
  }
}

/** Validates the form as typed, with errors on repeated rows named by their row in the form. */
async function validateFullApplication(body: Record<string, unknown>, i18n: HttpContext['i18n']) {
  const groups = ['lines', 'cofinancing']
  const cleaned = withoutBlankRows(body, groups)
  try {
    return await fullApplicationValidator.validate(cleaned, {
      messagesProvider: i18n.createMessagesProvider(),
    })
  } catch (error) {
    const maps = Object.fromEntries(groups.map((g) => [g, keptRowIndexes(body, cleaned, g)]))
    throw numberRowErrors(error, maps, (key, data) => i18n.t(key, data))
  }
}
