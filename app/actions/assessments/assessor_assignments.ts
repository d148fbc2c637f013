import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { canSignOffWaiver, checkAssignment } from '#domain/calls/conflicts'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Affiliation from '#models/affiliation'
import type Application from '#models/application'
import AssessorAssignment, { type AssessmentStage } from '#models/assessor_assignment'
import AssessorDeclaration from '#models/assessor_declaration'
import ConflictWaiver from '#models/conflict_waiver'
import Membership from '#models/membership'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import Call from '#models/call'
import { noticeOfAssignment } from '#services/task_notices'

export type AssignResult =
  | { ok: true; assignment: AssessorAssignment }
  | {
      ok: false
      reason:
        'not_an_assessor' | 'assessor_is_applicant' | 'declared_affiliation' | 'already_assigned'
      kind?: string
      waivable?: boolean
    }

/**
 * Assessors and their assignments: declarations of impartiality, the
 * conflict check on every assignment (a refusal is recorded with its
 * reason), declining, and the register of waived soft conflicts.
 */
export class AssessorAssignments {
  async sign(callId: number, assessor: User, ip: string) {
    return db.transaction(async (trx) => {
      const existing = await AssessorDeclaration.query({ client: trx })
        .where({ callId, userId: assessor.id })
        .first()
      if (existing) return existing
      const declaration = await AssessorDeclaration.create(
        { callId, userId: assessor.id, signedAt: DateTime.utc() },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: assessor.id,
        action: 'assessor.declaration_signed',
        subjectType: 'call',
        subjectId: callId,
        after: { signedAt: declaration.signedAt.toISO() },
        ip,
      })
      return declaration
    })
  }

  async assign(
    application: Application,
    assessorId: number,
    stage: AssessmentStage,
    by: User,
    ip: string
  ): Promise<AssignResult> {
    return db.transaction(async (trx) => {
      const memberships = await Membership.query({ client: trx }).where('user_id', assessorId)
      if (!memberships.some((m) => m.role === 'assessor'))
        return { ok: false, reason: 'not_an_assessor' }
      const affiliations = await Affiliation.query({ client: trx }).where('user_id', assessorId)
      const waiver = await ConflictWaiver.query({ client: trx })
        .where({ applicationId: application.id, assessorId })
        .whereNotNull('approved_at')
        .first()
      const check = checkAssignment(
        affiliations,
        memberships.map((m) => m.organisationId),
        application.organisationId,
        waiver !== null
      )
      if (!check.ok) {
        await AuditTrail.record(trx, {
          actorId: by.id,
          organisationId: application.organisationId,
          action: 'assessor.assignment_refused',
          subjectType: 'application',
          subjectId: application.id,
          after: {
            assessorId,
            stage,
            reason: check.reason,
            kind: 'kind' in check ? check.kind : null,
          },
          ip,
        })
        return {
          ok: false,
          reason: check.reason,
          kind: 'kind' in check ? check.kind : undefined,
          waivable: 'waivable' in check ? check.waivable : false,
        }
      }
      const existing = await AssessorAssignment.query({ client: trx })
        .where({ applicationId: application.id, assessorId, stage })
        .first()
      if (existing) return { ok: false, reason: 'already_assigned' }
      const assignment = await AssessorAssignment.create(
        {
          applicationId: application.id,
          assessorId,
          stage,
          status: 'assigned',
          assignedById: by.id,
          waiverId: check.waived ? waiver!.id : null,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'assessor.assigned',
        subjectType: 'application',
        subjectId: application.id,
        after: { assessorId, stage, waiverId: assignment.waiverId },
        ip,
      })
      const call = await Call.query({ client: trx })
        .where('id', application.callId)
        .select('id', 'reference')
        .firstOrFail()
      await noticeOfAssignment(trx, assignment, call)
      return { ok: true, assignment }
    })
  }

  async decline(assignment: AssessorAssignment, reason: string, assessor: User, ip: string) {
    if (assignment.status !== 'assigned')
      throw new DomainConflictException('ux.conflicts.only_an_open_assignment_can_be_declined')
    await db.transaction(async (trx) => {
      assignment.useTransaction(trx)
      assignment.merge({ status: 'declined', declinedReason: reason })
      await assignment.save()
      await AuditTrail.record(trx, {
        actorId: assessor.id,
        action: 'assessor.assignment_declined',
        subjectType: 'application',
        subjectId: assignment.applicationId,
        before: { status: 'assigned' },
        after: { status: 'declined', reason },
        ip,
      })
    })
  }

  async declareAffiliation(
    assessor: User,
    data: { kind: Affiliation['kind']; organisationId: number; note?: string },
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const affiliation = await Affiliation.create(
        {
          userId: assessor.id,
          kind: data.kind,
          organisationId: data.organisationId,
          note: data.note ?? null,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: assessor.id,
        organisationId: data.organisationId,
        action: 'affiliation.declared',
        subjectType: 'affiliation',
        subjectId: affiliation.id,
        after: data,
        ip,
      })
      return affiliation
    })
  }

  async requestWaiver(
    application: Application,
    assessorId: number,
    reason: string,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const waiver = await ConflictWaiver.create(
        { applicationId: application.id, assessorId, reason, requestedById: by.id },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'conflict_waiver.requested',
        subjectType: 'conflict_waiver',
        subjectId: waiver.id,
        after: { applicationId: application.id, assessorId, reason },
        ip,
      })
      return waiver
    })
  }

  async approveWaiver(waiver: ConflictWaiver, by: User, ip: string) {
    if (waiver.approvedAt)
      throw new DomainConflictException('ux.conflicts.this_waiver_is_already_signed_off')
    if (!canSignOffWaiver(waiver.requestedById, by.id)) {
      throw new DomainConflictException('ux.conflicts.a_second_grant_manager_not_the_one')
    }
    await db.transaction(async (trx) => {
      waiver.useTransaction(trx)
      waiver.merge({ approvedById: by.id, approvedAt: DateTime.utc() })
      await waiver.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        action: 'conflict_waiver.approved',
        subjectType: 'conflict_waiver',
        subjectId: waiver.id,
        before: { approved: false },
        after: { approved: true, requestedById: waiver.requestedById },
        ip,
      })
    })
  }
}
