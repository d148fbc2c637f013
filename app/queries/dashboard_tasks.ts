import type { LicenceStatus } from '#domain/licences/licence'
import type { Role } from '#domain/roles'
import { closedCallStatuses, liveApplicationStatuses } from '#domain/tasks'
import AssessorAssignment from '#models/assessor_assignment'
import Call from '#models/call'
import Licence from '#models/licence'
import ExpenseReport from '#models/expense_report'
import FstpException from '#models/fstp_exception'
import Grant from '#models/grant'
import { HandoverPlan } from '#queries/handover_plan'
import { paymentRequestsWaitingFor } from '#queries/payment_queue'
import RecoveryOrder from '#models/recovery_order'
import { todayInKosovo } from '#services/clock'
import AuditEvent from '#models/audit_event'
import PasswordToken from '#models/password_token'
import type User from '#models/user'
import { DateTime } from 'luxon'
import { instant } from '#services/sql'

export interface DashboardItem {
  label: string
  detail?: string
  /** A licence status, shown as a badge. */
  status?: LicenceStatus
  /** What to do, as a key of `messages.dashboard.items` with its parameters. */
  task?: string
  params?: Record<string, string | number>
  href?: string
}

export interface DashboardPanel {
  role: Role
  organisation: string
  items: DashboardItem[]
}

/**
 * The open tasks of each role a user holds, one panel per membership. Each
 * feature adds its own tasks here (reports to verify, tranches to approve,
 * licences expiring); a panel without tasks shows an empty state.
 */
export class DashboardTasks {
  constructor(private user: User) {}

  async panels(): Promise<DashboardPanel[]> {
    const panels: DashboardPanel[] = []
    for (const membership of this.user.memberships) {
      panels.push({
        role: membership.role,
        organisation: membership.organisation.name,
        items: await this.itemsFor(membership.role, membership.organisationId),
      })
    }
    return panels
  }

  private async itemsFor(role: Role, organisationId: number): Promise<DashboardItem[]> {
    if (role === 'admin') return this.pendingInvitations()
    if (role === 'auditor') return this.recentDecisions()
    if (role === 'mlsw_official') {
      return [...(await this.licencesNeedingAttention()), ...(await this.handoverFlags())]
    }
    if (role === 'applicant') {
      return [
        ...(await this.grantWorkOfGrantee(organisationId)),
        ...(await this.licencesNeedingAttention(organisationId)),
      ]
    }
    if (role === 'assessor') return this.openAssignments()
    if (role === 'grant_manager') {
      return [
        ...(await this.grantWorkOfFunder(organisationId, 'grant_manager')),
        ...(await this.grantWorkOfGrantee(organisationId)),
        ...(await this.callsToRun(organisationId)),
      ]
    }
    if (role === 'finance_officer') return this.grantWorkOfFunder(organisationId, 'finance_officer')
    return []
  }

  /**
   * The funder's side of its grants: requests to verify and to pay (finance
   * officers; the payment only to those who neither verified nor approved
   * it), to approve (grant managers other than the requester and verifier),
   * reports to verify, FSTP exceptions and settlements to decide.
   */
  private async grantWorkOfFunder(
    funderId: number,
    role: 'grant_manager' | 'finance_officer'
  ): Promise<DashboardItem[]> {
    // Segregation of duties: nobody is told to take a step that an earlier one of theirs excludes.
    const waiting = await paymentRequestsWaitingFor(this.user, role, [funderId])
    const taskOf = { verify: 'tranche_verify', approve: 'tranche_approve', record: 'tranche_pay' }
    const items: DashboardItem[] = waiting.slice(0, 50).map(({ request: r, step }) => ({
      label: `${r.grant.reference} · #${r.number}`,
      task: r.heldReason ? 'tranche_held' : taskOf[step],
      params: { reason: r.heldReason ?? '' },
      href: `/payment-requests/${r.id}`,
    }))
    if (role === 'finance_officer') {
      const reports = await ExpenseReport.query()
        .whereIn('status', ['submitted', 'under_verification'])
        .whereHas('grant', (grant) => grant.where('funder_organisation_id', funderId))
        .preload('grant')
        .orderBy('submitted_at')
        .limit(50)
      items.push(
        ...reports.map((report) => ({
          label: `${report.grant.reference} · ${report.periodNumber}`,
          task: 'report_verify',
          href: `/expense-reports/${report.id}`,
        }))
      )
      const recoveries = await RecoveryOrder.query()
        .where('status', 'open')
        .whereIn('grant_id', Grant.query().where('funder_organisation_id', funderId).select('id'))
        .orderBy('due_on')
      items.push(
        ...recoveries.map((order) => ({
          label: `#${order.id}`,
          task: 'recovery_due',
          params: { date: order.dueOn.toISODate()! },
          href: `/grants/${order.grantId}#settlement`,
        }))
      )
    } else {
      const exceptions = await FstpException.query()
        .where('status', 'requested')
        .whereIn(
          'parent_grant_id',
          Grant.query().where('funder_organisation_id', funderId).select('id')
        )
      items.push(
        ...exceptions.map((exception) => ({
          label: `#${exception.id}`,
          task: 'fstp_exception',
          href: `/grants/${exception.parentGrantId}#fstp`,
        }))
      )
      const suspended = await Grant.query()
        .where('funder_organisation_id', funderId)
        .whereIn('status', ['suspended', 'final_report_submitted'])
        .orderBy('reference')
      items.push(
        ...suspended.map((grant) => ({
          label: grant.reference,
          task: `grant_${grant.status}`,
          href: `/grants/${grant.id}`,
        }))
      )
    }
    return items
  }

  /** The grantee's side: returned requests and reports, and reports due within 30 days or late. */
  private async grantWorkOfGrantee(granteeId: number): Promise<DashboardItem[]> {
    const grants = await Grant.query()
      .where('grantee_organisation_id', granteeId)
      .whereIn('status', ['signed', 'in_implementation', 'suspended', 'implementation_ended'])
      .preload('expenseReports')
      .preload('paymentRequests', (q) => q.where('status', 'returned'))
    const today = todayInKosovo()
    const soon = DateTime.fromISO(today).plus({ days: 30 }).toISODate()!
    const items: DashboardItem[] = []
    for (const grant of grants) {
      for (const request of grant.paymentRequests) {
        items.push({
          label: `${grant.reference} · #${request.number}`,
          task: 'tranche_returned',
          href: `/payment-requests/${request.id}`,
        })
      }
      for (const period of grant.periods) {
        const report = grant.expenseReports.find((r) => r.periodNumber === period.number)
        if (report && !['draft', 'returned'].includes(report.status)) continue
        if (period.endsOn > today || period.reportDueOn > soon) continue
        items.push({
          label: `${grant.reference} · ${period.number}`,
          task:
            report?.status === 'returned'
              ? 'report_returned'
              : period.reportDueOn < today
                ? 'report_late'
                : 'report_due',
          params: { date: period.reportDueOn },
          href: report ? `/expense-reports/${report.id}` : `/grants/${grant.id}#reports`,
        })
      }
    }
    return items
  }

  /** Shelters whose handover position this year raises a flag (late, under-committed, unlicensed…). */
  private async handoverFlags(): Promise<DashboardItem[]> {
    const today = todayInKosovo()
    const year = Number(today.slice(0, 4))
    const plan = await HandoverPlan.load({ today })
    return plan.shelters.flatMap((shelter) => {
      const position = shelter.years.find((y) => y.year === year)?.position
      if (!position || position.flags.length === 0) return []
      return [
        {
          label: shelter.shelter.name,
          task: 'handover_flagged',
          params: { count: position.flags.length, year },
          href: `/handover/shelters/${shelter.shelter.id}?year=${year}`,
        },
      ]
    })
  }

  private async openAssignments(): Promise<DashboardItem[]> {
    // Only live assignments: not those of withdrawn or non-compliant notes, nor of awarded calls.
    const assignments = await AssessorAssignment.query()
      .where('assessor_id', this.user.id)
      .where('status', 'assigned')
      .where((q) => {
        for (const stage of ['concept_note', 'full_application'] as const) {
          q.orWhere((s) =>
            s
              .where('stage', stage)
              .whereHas('application', (a) =>
                a
                  .whereIn('status', liveApplicationStatuses(stage))
                  .whereHas('call', (c) => c.whereNotIn('status', [...closedCallStatuses]))
              )
          )
        }
      })
      .preload('application', (a) => a.preload('call').preload('organisation'))
      .orderBy('id')
    return assignments.map((assignment) => ({
      label: `${assignment.application.call.reference} · ${assignment.application.organisation.name}`,
      href: `/assignments/${assignment.id}`,
    }))
  }

  private async callsToRun(funderOrganisationId: number): Promise<DashboardItem[]> {
    const calls = await Call.query()
      .where('funder_organisation_id', funderOrganisationId)
      .whereNot('status', 'closed')
      .orderBy('concept_deadline_at')
    return calls.map((call) => ({
      label: `${call.reference} · ${call.titleEn}`,
      detail: call.status.replaceAll('_', ' '),
      href:
        call.status === 'draft' || call.status === 'published'
          ? `/calls/${call.id}`
          : `/calls/${call.id}/evaluation`,
    }))
  }

  /** Licences expiring within 90 days or no longer valid (all, or one organisation's). */
  private async licencesNeedingAttention(organisationId?: number): Promise<DashboardItem[]> {
    const today = todayInKosovo()
    const query = Licence.query()
      .withScopes((s) => s.withFacts())
      .preload('organisation')
      .whereNotExists((sub) =>
        sub
          .from('licences as successor')
          .whereColumn('successor.replaces_licence_id', 'licences.id')
      )
      .orderBy('valid_until')
    if (organisationId) query.where('organisation_id', organisationId)
    const licences = await query
    return licences
      .map((licence) => ({ licence, status: licence.statusOn(today) }))
      .filter(({ status }) => status !== 'active')
      .map(({ licence, status }) => ({
        label: `${licence.number} · ${licence.organisation.name}`,
        detail: licence.validUntil.toISODate()!,
        status,
        href: `/licences/${licence.id}`,
      }))
  }

  private async pendingInvitations(): Promise<DashboardItem[]> {
    const tokens = await PasswordToken.query()
      .where('purpose', 'invitation')
      .whereNull('used_at')
      .where('expires_at', '>', instant(DateTime.now()))
      .preload('user')
      .orderBy('expires_at')
      .limit(10)
    return tokens.map((token) => ({
      label: token.user.email,
      detail: token.expiresAt.setZone('Europe/Belgrade').toFormat('yyyy-MM-dd HH:mm'),
      href: '/admin/users',
    }))
  }

  private async recentDecisions(): Promise<DashboardItem[]> {
    const events = await AuditEvent.query()
      .whereNot('action', 'like', '%.viewed')
      .orderBy('id', 'desc')
      .limit(10)
    return events.map((event) => ({
      label: event.action,
      detail: event.createdAt.setZone('Europe/Belgrade').toFormat('yyyy-MM-dd HH:mm'),
      href: `/admin/audit-events?action=${encodeURIComponent(event.action)}`,
    }))
  }
}
