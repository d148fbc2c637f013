import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ApplicationStatus } from '#domain/calls/application_lifecycle'
import { canMoveApplication, isEditableConceptNote } from '#domain/calls/application_lifecycle'
import { isBeforeDeadline, submissionDeadline } from '#domain/calls/call_lifecycle'
import { kosovoDeadlineIn } from '#domain/calls/kosovo_time'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import type Call from '#models/call'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'

export interface ConceptNoteInput {
  title: string
  summary?: string
  objectives?: string
  targetGroups?: string
  estimatedTotal?: number
  requested?: number
}

/**
 * Concept notes of an NGO: started as a draft that several people of the
 * NGO can edit, submitted before the deadline (checked on the server at
 * the instant of submission), and withdrawn before the deadline.
 */
export class ConceptNotes {
  async start(call: Call, organisationId: number, by: User, ip: string, now = DateTime.utc()) {
    const deadline = submissionDeadline({
      procedure: call.procedure,
      conceptDeadlineAt: call.conceptDeadlineAt.toISO()!,
      fullDeadlineAt: call.fullDeadlineAt?.toISO() ?? null,
    })
    if (call.status !== 'published' || !isBeforeDeadline(deadline, now.toISO()!)) {
      throw new DomainConflictException('ux.conflicts.this_call_does_not_take_applications_any')
    }
    return db.transaction(async (trx) => {
      const existing = await Application.query({ client: trx })
        .where({ callId: call.id, organisationId })
        .first()
      if (existing) return existing
      const application = await Application.create(
        {
          callId: call.id,
          organisationId,
          /* In an open call the applicant goes straight to the full application. */
          status: call.procedure === 'open' ? 'shortlisted' : 'draft',
          title: call.titleEn,
          currency: call.currency,
          createdById: by.id,
          isEliminated: false,
        },
        { client: trx }
      )
      await this.audit(trx, application, 'application.started', by, ip, {}, { status: 'draft' })
      return application
    })
  }

  async save(application: Application, input: ConceptNoteInput, by: User, ip: string) {
    if (!isEditableConceptNote(application.status)) {
      throw new DomainConflictException('ux.conflicts.a_submitted_concept_note_cannot_be_changed')
    }
    await db.transaction(async (trx) => {
      application.useTransaction(trx)
      application.merge({
        title: input.title,
        summary: input.summary ?? null,
        objectives: input.objectives ?? null,
        targetGroups: input.targetGroups ?? null,
        estimatedTotalCents: input.estimatedTotal ?? null,
        requestedCents: input.requested ?? null,
      })
      await application.save()
      await this.audit(
        trx,
        application,
        'application.concept_note_saved',
        by,
        ip,
        {},
        {
          title: application.title,
          requestedCents: application.requestedCents,
        }
      )
    })
  }

  async submit(applicationId: number, by: User, ip: string, now = DateTime.utc()) {
    await refuseUnverifiedApplicant(applicationId)
    return this.move(applicationId, 'submitted', by, ip, now, (application, call) => {
      if (!isBeforeDeadline(call.conceptDeadlineAt.toISO()!, now.toISO()!)) {
        throw new DomainConflictException('ux.conflicts.deadline_passed_submitted', {
          deadline: kosovoDeadlineIn(call.conceptDeadlineAt, call.timezone),
        })
      }
      const missing = [
        !application.summary && 'summary',
        !application.objectives && 'objectives',
        application.estimatedTotalCents === null && 'estimated_total',
        application.requestedCents === null && 'requested_amount',
      ].filter((name): name is string => Boolean(name))
      if (missing.length > 0)
        throw new DomainConflictException('ux.conflicts.complete_concept_note', {
          missing: (reader) => missing.map((name) => reader.t(`ux.fields.${name}`)).join(', '),
        })
      if (application.requestedCents! > application.estimatedTotalCents!) {
        throw new DomainConflictException(
          'ux.conflicts.the_requested_amount_cannot_exceed_the_estimated'
        )
      }
      application.submittedAt = now
    })
  }

  async withdraw(applicationId: number, by: User, ip: string, now = DateTime.utc()) {
    return this.move(applicationId, 'withdrawn', by, ip, now, (application, call) => {
      if (!isBeforeDeadline(call.conceptDeadlineAt.toISO()!, now.toISO()!)) {
        throw new DomainConflictException('ux.conflicts.deadline_passed_withdrawn', {
          deadline: kosovoDeadlineIn(call.conceptDeadlineAt, call.timezone),
        })
      }
      application.withdrawnAt = now
    })
  }

  private async move(
    applicationId: number,
    to: ApplicationStatus,
    by: User,
    ip: string,
    now: DateTime,
    check: (application: Application, call: Call) => void
  ) {
    return db.transaction(async (trx) => {
      const query = Application.query({ client: trx }).where('id', applicationId).preload('call')
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const application = await query.firstOrFail()
      if (!canMoveApplication(application.status, to)) {
        throw new DomainConflictException('ux.conflicts.concept_note_cannot_move', {
          status: (reader) => reader.t(`messages.application_statuses.${application.status}`),
          to: (reader) => reader.t(`messages.application_statuses.${to}`),
        })
      }
      const from = application.status
      check(application, application.call)
      application.useTransaction(trx)
      application.status = to
      await application.save()
      await this.audit(
        trx,
        application,
        `application.${to}`,
        by,
        ip,
        { status: from },
        { status: to, at: now.toISO() }
      )
      return application
    })
  }

  private audit(
    trx: TransactionClientContract,
    application: Application,
    action: string,
    by: User,
    ip: string,
    before: object,
    after: object
  ) {
    return AuditTrail.record(trx, {
      actorId: by.id,
      organisationId: application.organisationId,
      action,
      subjectType: 'application',
      subjectId: application.id,
      before,
      after,
      ip,
    })
  }
}

/** Only an organisation the funder has verified submits concept notes. */
async function refuseUnverifiedApplicant(applicationId: number) {
  const application = await Application.query()
    .where('id', applicationId)
    .preload('organisation')
    .first()
  if (application && !application.organisation.mayApply) {
    throw new DomainConflictException('ux.conflicts.your_organisation_is_not_verified_yet_a')
  }
}
