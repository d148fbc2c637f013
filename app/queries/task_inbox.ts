import { DateTime } from 'luxon'
import type { Role } from '#domain/roles'
import {
  arrangeTasks,
  closedCallStatuses,
  liveApplicationStatuses,
  type Task,
  type TaskFilters,
} from '#domain/tasks'
import Application from '#models/application'
import AssessorAssignment from '#models/assessor_assignment'
import BudgetChange from '#models/budget_change'
import ContingencyRelease from '#models/contingency_release'
import ExpenseReport from '#models/expense_report'
import FstpException from '#models/fstp_exception'
import Grant from '#models/grant'
import Licence from '#models/licence'
import type Membership from '#models/membership'
import RecoveryOrder from '#models/recovery_order'
import type User from '#models/user'
import { HandoverPlan } from '#queries/handover_plan'
import { monitoringTasks } from '#queries/monitoring_tasks'
import { paymentRequestsWaitingFor } from '#queries/payment_queue'
import { narrativeTasks } from '#queries/narrative_tasks'
import { KOSOVO_ZONE } from '#services/clock'

/** The grant statuses in which the grantee reports and asks for payment. */
const reportingGrantStatuses = ['signed', 'in_implementation', 'suspended', 'implementation_ended']

/** A call deadline (an instant) as the calendar date in Kosovo. */
function kosovoDate(value: DateTime | null) {
  return value ? value.setZone(KOSOVO_ZONE).toISODate()! : null
}

/**
 * The open work of one person: for each membership, one query of the work
 * its role holds in its organisation (never another organisation's), only
 * live work (no closed calls, non-compliant notes, withdrawn or decided
 * items). Filters and order come from `arrangeTasks`.
 */
export class TaskInbox {
  constructor(
    private user: User,
    private today: string
  ) {}

  async tasks(filters: TaskFilters = {}): Promise<Task[]> {
    const memberships = await this.user.loadMemberships()
    const found: Task[] = []
    for (const membership of memberships) found.push(...(await this.tasksOf(membership)))
    // Monitoring visits and action points (ADR 0031)
    found.push(...(await monitoringTasks(this.user)))
    return arrangeTasks(found, filters, this.today)
  }

  private async tasksOf(membership: Membership): Promise<Task[]> {
    const where = {
      role: membership.role,
      organisationId: membership.organisationId,
      organisationName: membership.organisation?.name ?? '',
    }
    const tasks = [
      ...(await this.queryFor(membership.role, membership.organisationId)),
      ...(await narrativeTasks(membership.role, membership.organisationId, this.user.id)),
    ]
    return tasks.map((task) => ({ ...where, ...task }))
  }

  private async queryFor(role: Role, organisationId: number): Promise<TaskRow[]> {
    switch (role) {
      case 'applicant':
        return [
          ...(await this.contractsToSign(organisationId, 'grantee')),
          ...(await this.applications(organisationId)),
          ...(await this.granteeWork(organisationId)),
          ...(await this.licencesToRenew(organisationId)),
        ]
      case 'grant_manager':
        return [
          ...(await this.contractsToSign(organisationId, 'grantee')),
          ...(await this.contractsToSign(organisationId, 'funder')),
          ...(await this.granteeWork(organisationId)),
          ...(await this.paymentSteps(organisationId, 'grant_manager')),
          ...(await this.funderDecisions(organisationId)),
        ]
      case 'finance_officer':
        return [
          ...(await this.paymentSteps(organisationId, 'finance_officer')),
          ...(await this.reportsToVerify(organisationId)),
          ...(await this.recoveries(organisationId)),
        ]
      case 'assessor':
        return this.assessments()
      case 'mlsw_official':
        return [...(await this.renewalsToDecide()), ...(await this.handoverFlags())]
      default:
        return []
    }
  }

  /** Draft contracts the side `side` of `organisationId` has not signed yet (grants and sub-grants). */
  private async contractsToSign(organisationId: number, side: 'grantee' | 'funder') {
    const grants = await Grant.query()
      .where('status', 'draft')
      .where(
        side === 'grantee' ? 'grantee_organisation_id' : 'funder_organisation_id',
        organisationId
      )
      .whereNull(side === 'grantee' ? 'grantee_signed_at' : 'funder_signed_at')
      .orderBy('id')
    return grants.map((grant): TaskRow => ({
      kind: 'contract_sign',
      subjectType: 'grant',
      subjectId: grant.id,
      label: grant.reference,
      dueOn: null,
      params: { side, subGrant: grant.parentGrantId === null ? 0 : 1 },
      href: `/grants/${grant.id}#signature`,
    }))
  }

  /** The NGO's applications waiting for it: drafts of open calls, full applications of shortlisted notes. */
  private async applications(organisationId: number) {
    const applications = await Application.query()
      .where('organisation_id', organisationId)
      .where((q) =>
        q
          .where((draft) =>
            draft
              .where('status', 'draft')
              .whereHas('call', (call) => call.where('status', 'published'))
          )
          .orWhere((full) =>
            full
              .where('status', 'shortlisted')
              .whereNull('full_submitted_at')
              .whereHas('call', (call) => call.where('status', 'shortlisted'))
          )
      )
      .preload('call')
      .orderBy('id')
    return applications.map((application): TaskRow => {
      const full = application.status === 'shortlisted'
      return {
        kind: full ? 'full_application_submit' : 'application_submit',
        subjectType: 'application',
        subjectId: application.id,
        label: `${application.call.reference} · ${application.title}`,
        dueOn: kosovoDate(
          full ? application.call.fullDeadlineAt : application.call.conceptDeadlineAt
        ),
        params: {},
        href: `/applications/${application.id}`,
      }
    })
  }

  /** Reports to submit (period ended, due within 30 days or late), returned reports and requests. */
  private async granteeWork(granteeId: number) {
    const grants = await Grant.query()
      .where('grantee_organisation_id', granteeId)
      .whereIn('status', reportingGrantStatuses)
      .preload('expenseReports')
      .preload('paymentRequests', (q) => q.where('status', 'returned'))
      .orderBy('id')
    const soon = DateTime.fromISO(this.today).plus({ days: 30 }).toISODate()!
    const tasks: TaskRow[] = []
    for (const grant of grants) {
      for (const request of grant.paymentRequests) {
        tasks.push({
          kind: 'tranche_returned',
          subjectType: 'payment_request',
          subjectId: request.id,
          label: `${grant.reference} · #${request.number}`,
          dueOn: null,
          params: {},
          href: `/payment-requests/${request.id}`,
        })
      }
      for (const period of grant.periods) {
        const report = grant.expenseReports.find((r) => r.periodNumber === period.number)
        if (report && !['draft', 'returned'].includes(report.status)) continue
        if (period.endsOn > this.today || period.reportDueOn > soon) continue
        tasks.push({
          kind: report?.status === 'returned' ? 'report_returned' : 'report_submit',
          subjectType: report ? 'expense_report' : 'grant',
          subjectId: report ? report.id : grant.id,
          label: `${grant.reference} · ${period.number}`,
          dueOn: period.reportDueOn,
          params: { period: period.number },
          href: report ? `/expense-reports/${report.id}` : `/grants/${grant.id}#reports`,
        })
      }
    }
    return tasks
  }

  /** Payment requests waiting for this person's step (segregation of duties applied). */
  private async paymentSteps(funderId: number, role: 'grant_manager' | 'finance_officer') {
    const waiting = await paymentRequestsWaitingFor(this.user, role, [funderId])
    const kindOf = {
      verify: 'tranche_verify',
      approve: 'tranche_approve',
      record: 'tranche_pay',
    } as const
    return waiting.map(({ request, step }): TaskRow => ({
      kind: request.heldReason ? 'tranche_held' : kindOf[step],
      subjectType: 'payment_request',
      subjectId: request.id,
      label: `${request.grant.reference} · #${request.number}`,
      dueOn: null,
      params: request.heldReason ? { reason: request.heldReason } : {},
      href: `/payment-requests/${request.id}`,
    }))
  }

  private async reportsToVerify(funderId: number) {
    const reports = await ExpenseReport.query()
      .whereIn('status', ['submitted', 'under_verification'])
      .whereHas('grant', (grant) => grant.where('funder_organisation_id', funderId))
      .preload('grant')
      .orderBy('submitted_at')
      .orderBy('id')
    return reports.map((report): TaskRow => ({
      kind: 'report_verify',
      subjectType: 'expense_report',
      subjectId: report.id,
      label: `${report.grant.reference} · ${report.periodNumber}`,
      dueOn: null,
      params: { period: report.periodNumber },
      href: `/expense-reports/${report.id}`,
    }))
  }

  private async recoveries(funderId: number) {
    const orders = await RecoveryOrder.query()
      .where('status', 'open')
      .whereIn('grant_id', Grant.query().where('funder_organisation_id', funderId).select('id'))
      .orderBy('due_on')
    return orders.map((order): TaskRow => ({
      kind: 'recovery_due',
      subjectType: 'recovery_order',
      subjectId: order.id,
      label: `#${order.id}`,
      dueOn: order.dueOn.toISODate(),
      params: {},
      href: `/grants/${order.grantId}#settlement`,
    }))
  }

  /** What the funder's grant managers decide: FSTP exceptions, contingency, addenda, grants to close. */
  private async funderDecisions(funderId: number) {
    const ownGrants = Grant.query().where('funder_organisation_id', funderId).select('id')
    const tasks: TaskRow[] = []
    const exceptions = await FstpException.query()
      .where('status', 'requested')
      .whereIn('parent_grant_id', ownGrants)
      .orderBy('id')
    tasks.push(
      ...exceptions.map((exception): TaskRow => ({
        kind: 'fstp_exception_decide',
        subjectType: 'fstp_exception',
        subjectId: exception.id,
        label: `#${exception.id}`,
        dueOn: null,
        params: {},
        href: `/grants/${exception.parentGrantId}#fstp`,
      }))
    )
    const releases = await ContingencyRelease.query()
      .where('status', 'requested')
      .whereIn('grant_id', ownGrants)
      .preload('grant')
      .orderBy('id')
    tasks.push(
      ...releases.map((release): TaskRow => ({
        kind: 'contingency_decide',
        subjectType: 'contingency_release',
        subjectId: release.id,
        label: `${release.grant.reference} · #${release.id}`,
        dueOn: null,
        params: {},
        href: `/grants/${release.grantId}/contingency-releases`,
      }))
    )
    const addenda = await BudgetChange.query()
      .where('status', 'requested')
      .where('kind', 'addendum')
      .whereIn('grant_id', ownGrants)
      .preload('grant')
      .orderBy('effective_on')
    tasks.push(
      ...addenda.map((change): TaskRow => ({
        kind: 'addendum_decide',
        subjectType: 'budget_change',
        subjectId: change.id,
        label: `${change.grant.reference} · #${change.id}`,
        // The addendum must be decided before it takes effect.
        dueOn: change.effectiveOn.toISODate(),
        params: {},
        href: `/budget-changes/${change.id}`,
      }))
    )
    const grants = await Grant.query()
      .where('funder_organisation_id', funderId)
      .whereIn('status', ['suspended', 'final_report_submitted'])
      .orderBy('reference')
    tasks.push(
      ...grants.map((grant): TaskRow => ({
        kind: grant.status === 'suspended' ? 'grant_suspended' : 'grant_final_report_submitted',
        subjectType: 'grant',
        subjectId: grant.id,
        label: grant.reference,
        dueOn: null,
        params: {},
        href: `/grants/${grant.id}`,
      }))
    )
    return tasks
  }

  /** The assessor's own open assignments that are still live (stage, application and call). */
  private async assessments() {
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
      .preload('application', (a) => a.preload('call'))
      .orderBy('id')
    return assignments.map((assignment): TaskRow => ({
      kind: 'assessment_score',
      subjectType: 'assignment',
      subjectId: assignment.id,
      label: `${assignment.application.call.reference} · ${assignment.application.title}`,
      dueOn: null,
      params: { stage: assignment.stage },
      href: `/assignments/${assignment.id}`,
    }))
  }

  /** The NGO's current licences that expire within 90 days or expired, with no renewal pending. */
  private async licencesToRenew(organisationId: number) {
    const horizon = DateTime.fromISO(this.today).plus({ days: 90 }).toISODate()!
    const licences = await Licence.query()
      .withScopes((s) => s.withFacts())
      .where('organisation_id', organisationId)
      .where('valid_until', '<=', horizon)
      .whereNotExists((sub) =>
        sub
          .from('licences as successor')
          .whereColumn('successor.replaces_licence_id', 'licences.id')
      )
      .orderBy('valid_until')
    return licences
      .filter((licence) => licence.pendingRenewal === null)
      .filter((licence) => ['active', 'expired'].includes(licence.statusOn(this.today)))
      .map((licence): TaskRow => ({
        kind: 'licence_renew',
        subjectType: 'licence',
        subjectId: licence.id,
        label: licence.number,
        dueOn: licence.validUntil.toISODate(),
        params: {},
        href: `/licences/${licence.id}`,
      }))
  }

  /** Renewals requested and not yet decided (MLSW). */
  private async renewalsToDecide() {
    const licences = await Licence.query()
      .whereHas('renewals', (r) => r.whereNull('outcome'))
      .preload('organisation')
      .orderBy('valid_until')
    return licences.map((licence): TaskRow => ({
      kind: 'renewal_decide',
      subjectType: 'licence',
      subjectId: licence.id,
      label: `${licence.number} · ${licence.organisation.name}`,
      dueOn: licence.validUntil.toISODate(),
      params: {},
      href: `/licences/${licence.id}#renewal`,
    }))
  }

  /** Shelters whose handover position this year raises a flag (MLSW). */
  private async handoverFlags() {
    const year = Number(this.today.slice(0, 4))
    const plan = await HandoverPlan.load({ today: this.today })
    return plan.shelters.flatMap((shelter): TaskRow[] => {
      const position = shelter.years.find((y) => y.year === year)?.position
      if (!position || position.flags.length === 0) return []
      return [
        {
          kind: 'handover_flagged',
          subjectType: 'shelter',
          subjectId: shelter.shelter.id,
          label: shelter.shelter.name,
          dueOn: null,
          params: { count: position.flags.length, year },
          href: `/handover/shelters/${shelter.shelter.id}?year=${year}`,
        },
      ]
    })
  }
}

type TaskRow = Omit<Task, 'role' | 'organisationId' | 'organisationName'>
