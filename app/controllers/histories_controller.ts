import type { HttpContext } from '@adonisjs/core/http'
import Application from '#models/application'
import Licence from '#models/licence'
import { visibleExpenseReport, visibleGrant } from '#queries/grant_access'
import { subjectHistory, type HistorySubject } from '#queries/subject_history'
import { historyLine } from '#transformers/history_transformer'

/**
 * The history tab of a grant, an application, an expense report and a
 * licence: the audit trail of the object in people's words. Each action
 * finds the object as its page does (a 404 for whoever may not see it).
 */
export default class HistoriesController {
  async grant(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const grant = await visibleGrant(user, ctx.params.id)
    return this.render(ctx, 'grant', grant.id, grant.granteeOrganisationId, {
      label: grant.reference,
      href: `/grants/${grant.id}`,
    })
  }

  async application(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const application = await Application.query()
      .withScopes((s) => s.visibleTo(user))
      .where('applications.id', Number(ctx.params.id) || 0)
      .firstOrFail()
    return this.render(ctx, 'application', application.id, application.organisationId, {
      label: application.title,
      href: `/applications/${application.id}`,
    })
  }

  async expenseReport(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, ctx.params.id)
    return this.render(ctx, 'expense_report', report.id, grant.granteeOrganisationId, {
      label: `${grant.reference} · ${report.periodNumber}`,
      href: `/expense-reports/${report.id}`,
    })
  }

  async licence(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const licence = await Licence.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(ctx.params.id) || 0)
      .firstOrFail()
    return this.render(ctx, 'licence', licence.id, licence.organisationId, {
      label: licence.number,
      href: `/licences/${licence.id}`,
    })
  }

  private async render(
    { auth, view, i18n }: HttpContext,
    type: HistorySubject,
    id: number,
    ownerId: number,
    subject: { label: string; href: string }
  ) {
    const entries = await subjectHistory(auth.getUserOrFail(), { type, id }, ownerId)
    return view.render('pages/history/show', {
      type,
      subject,
      lines: entries.map((entry) => historyLine(entry, i18n)),
    })
  }
}
