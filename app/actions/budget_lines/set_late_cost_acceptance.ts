import db from '@adonisjs/lucid/services/db'
import { lockedReport } from '#actions/reports/expense_report_support'
import { refreshReport } from '#actions/reports/refresh_report'
import ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { currentBudgetLines } from '#queries/grant_finances'
import { AuditTrail } from '#services/audit_trail'

/**
 * The funder's finance officer accepts (or stops accepting) final audit,
 * evaluation and report costs dated after the implementation period on one
 * budget line (DOMAIN-RULES §6). The grant's reports not yet approved are
 * flagged again.
 */
export class SetLateCostAcceptance {
  async handle(grant: Grant, budgetLineId: number, accepted: boolean, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const query = GrantBudgetLine.query({ client: trx })
        .where('id', budgetLineId)
        .where('grant_id', grant.id)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const line = await query.firstOrFail()
      if (line.lateCostsAccepted !== accepted) {
        const before = { lateCostsAccepted: line.lateCostsAccepted }
        line.lateCostsAccepted = accepted
        await line.save()
        await AuditTrail.record(trx, {
          actorId: by.id,
          organisationId: grant.granteeOrganisationId,
          action: 'grant_budget_line.late_costs',
          subjectType: 'grant_budget_line',
          subjectId: line.id,
          before,
          after: { lateCostsAccepted: accepted },
          ip,
        })
        const reports = await ExpenseReport.query({ client: trx })
          .where('grant_id', grant.id)
          .whereNot('status', 'approved')
          .orderBy('id')
        for (const { id } of reports) {
          const locked = await lockedReport(trx, id)
          await refreshReport(
            trx,
            locked.report,
            locked.grant,
            await currentBudgetLines(grant, trx)
          )
        }
      }
      return line
    })
  }
}
