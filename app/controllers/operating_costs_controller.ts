import type { HttpContext } from '@adonisjs/core/http'
import { DeclareOperatingCost } from '#actions/reports/declare_operating_cost'
import { VerifyOperatingCost } from '#actions/reports/verify_operating_cost'
import ExpenseReportPolicy from '#policies/expense_report_policy'
import { visibleExpenseReport } from '#queries/grant_access'
import type OperatingCostDeclaration from '#models/operating_cost_declaration'
import {
  apiOperatingCostValidator,
  declareOperatingCostValidator,
  verifyOperatingCostValidator,
} from '#validators/operating_cost'

/** The shelter's total operating cost on an expense report: declared by the grantee, verified by the funder. */
export default class OperatingCostsController {
  async store({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('declareOperatingCost', grant)
    const { amount, note } = await request.validateUsing(declareOperatingCostValidator)
    await new DeclareOperatingCost().handle(
      report.id,
      { amountCents: amount, note: note || null },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('operating_cost.declared'))
    return response.redirect().toPath(`/expense-reports/${report.id}#operating-cost`)
  }

  async verify({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verifyOperatingCost', grant)
    const { amount, note } = await request.validateUsing(verifyOperatingCostValidator)
    await new VerifyOperatingCost().handle(
      report.id,
      { amountCents: amount, note: note || null },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('operating_cost.verified'))
    return response.redirect().toPath(`/expense-reports/${report.id}#operating-cost`)
  }

  /** PUT /api/v1/expense-reports/:id/operating-cost */
  async apiStore({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('declareOperatingCost', grant)
    const { amountCents, note } = await request.validateUsing(apiOperatingCostValidator)
    const declaration = await new DeclareOperatingCost().handle(
      report.id,
      { amountCents, note: note || null },
      user,
      request.ip()
    )
    return { data: operatingCostJson(declaration) }
  }

  /** POST /api/v1/expense-reports/:id/operating-cost/verification */
  async apiVerify({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const { report, grant } = await visibleExpenseReport(user, params.id)
    await bouncer.with(ExpenseReportPolicy).authorize('verifyOperatingCost', grant)
    const { amountCents, note } = await request.validateUsing(apiOperatingCostValidator)
    const declaration = await new VerifyOperatingCost().handle(
      report.id,
      { amountCents, note: note || null },
      user,
      request.ip()
    )
    return { data: operatingCostJson(declaration) }
  }
}

function operatingCostJson(declaration: OperatingCostDeclaration) {
  return {
    expenseReportId: declaration.expenseReportId,
    currency: declaration.currency,
    declaredCents: declaration.declaredCents,
    declarationNote: declaration.declarationNote,
    declaredAt: declaration.declaredAt.toISO(),
    verifiedCents: declaration.verifiedCents,
    verificationNote: declaration.verificationNote,
    verifiedAt: declaration.verifiedAt?.toISO() ?? null,
  }
}
