import { readsPaymentRequests } from '#domain/roles'
import ExpenseLine from '#models/expense_line'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'

/** A grant the person may see, or a 404. */
export function visibleGrant(user: User, id: unknown) {
  return Grant.query()
    .withScopes((s) => s.visibleTo(user))
    .where('id', Number(id) || 0)
    .firstOrFail()
}

/** A payment request of a grant the person may see and of a role that reads requests, or a 404. */
export async function visiblePaymentRequest(user: User, id: unknown) {
  const request = await PaymentRequest.query()
    .where('id', readsPaymentRequests(user.memberships) ? Number(id) || 0 : 0)
    .whereHas('grant', (grant) => grant.withScopes((s) => s.visibleTo(user)))
    .firstOrFail()
  const grant = await Grant.findOrFail(request.grantId)
  return { request, grant }
}

/** An expense report of a grant the person may see, with that grant, or a 404. */
export async function visibleExpenseReport(user: User, id: unknown) {
  const report = await ExpenseReport.query()
    .where('id', Number(id) || 0)
    .whereHas('grant', (grant) => grant.withScopes((s) => s.visibleTo(user)))
    .firstOrFail()
  const grant = await Grant.findOrFail(report.grantId)
  return { report, grant }
}

/** An expense line of a report the person may see, or a 404. */
export async function visibleExpenseLine(user: User, id: unknown) {
  const line = await ExpenseLine.findOrFail(Number(id) || 0)
  const { report, grant } = await visibleExpenseReport(user, line.expenseReportId)
  return { line, report, grant }
}
