import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { CallStatus } from '#domain/calls/call_lifecycle'
import { canMoveCall, checkPublication, isBeforeDeadline } from '#domain/calls/call_lifecycle'
import { kosovoDeadlineIn } from '#domain/calls/kosovo_time'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import Call from '#models/call'
import type User from '#models/user'
import { licenceCoverage } from '#queries/licence_coverage'
import { AuditTrail } from '#services/audit_trail'

/**
 * Moves a call through the stages that need no scoring: publication, the
 * close of concept notes (with the automatic licence check for shelter
 * calls) and the close of full applications. Stages that decide on
 * applications (shortlist, selection, award) have their own actions.
 */
export class MoveCall {
  async publish(callId: number, by: User, ip: string, now = DateTime.utc()) {
    return this.move(callId, 'published', by, ip, async (call, trx) => {
      /* An open call has one deadline, the full application's: it needs the first minimum. */
      const check =
        call.procedure === 'open'
          ? checkPublication(
              now.toISO()!,
              call.fullDeadlineAt?.toISO() ?? call.conceptDeadlineAt.toISO()!,
              call.fullDeadlineAt?.toISO() ?? null,
              call.minDaysToConceptDeadline,
              0
            )
          : checkPublication(
              now.toISO()!,
              call.conceptDeadlineAt.toISO()!,
              call.fullDeadlineAt?.toISO() ?? null,
              call.minDaysToConceptDeadline,
              call.minDaysToFullDeadline
            )
      if (!check.ok) {
        throw new DomainConflictException(`ux.conflicts.${check.reason}`, {
          days:
            check.reason === 'concept_deadline_too_soon'
              ? call.minDaysToConceptDeadline
              : call.minDaysToFullDeadline,
          minimum: kosovoDeadlineIn(check.minimum, call.timezone),
        })
      }
      call.useTransaction(trx)
      call.publishedAt = now
    })
  }

  /** Closes concept notes once the deadline has passed; shelter calls get the licence check. */
  async closeConceptNotes(callId: number, by: User, ip: string, now = DateTime.utc()) {
    return this.move(callId, 'concept_notes_closed', by, ip, async (call, trx) => {
      if (isBeforeDeadline(call.conceptDeadlineAt.toISO()!, now.toISO()!)) {
        throw new DomainConflictException('ux.conflicts.close_after_deadline', {
          deadline: kosovoDeadlineIn(call.conceptDeadlineAt, call.timezone),
        })
      }
      await this.checkLicences(call, trx, 'submitted', call.conceptDeadlineAt)
    })
  }

  /** Closes full applications after their deadline; in an open call this is when licences are checked. */
  async closeFullApplications(callId: number, by: User, ip: string, now = DateTime.utc()) {
    return this.move(callId, 'full_applications_closed', by, ip, async (call, trx) => {
      if (!call.fullDeadlineAt || isBeforeDeadline(call.fullDeadlineAt.toISO()!, now.toISO()!)) {
        throw new DomainConflictException('ux.conflicts.full_applications_can_be_closed_only_after')
      }
      if (call.procedure === 'open')
        await this.checkLicences(call, trx, 'full_submitted', call.fullDeadlineAt)
    })
  }

  /** The licence-coverage rule on the deadline date, for shelter calls. */
  private async checkLicences(
    call: Call,
    trx: TransactionClientContract,
    status: string,
    deadline: DateTime
  ) {
    if (!call.requiresLicence) return
    const deadlineDate = deadline.setZone(call.timezone).toISODate()!
    const applications = await Application.query({ client: trx })
      .where('call_id', call.id)
      .where('status', status)
    for (const application of applications) {
      const results = []
      for (const service of call.eligibleServices) {
        const { coverage } = await licenceCoverage(
          application.organisationId,
          service,
          deadlineDate,
          deadlineDate,
          trx
        )
        results.push(coverage)
      }
      application.useTransaction(trx)
      application.licenceCheck = {
        covered: results.every((r) => r.covered),
        reasons: results.flatMap((r) => r.reasons),
        licenceIds: [...new Set(results.flatMap((r) => r.licenceIds))],
        renewalPending: results.some((r) => r.renewalPending),
      }
      await application.save()
    }
  }

  /** Closes an awarded call. */
  async close(callId: number, by: User, ip: string) {
    return this.move(callId, 'closed', by, ip, async () => {})
  }

  private async move(
    callId: number,
    to: CallStatus,
    by: User,
    ip: string,
    apply: (call: Call, trx: TransactionClientContract) => Promise<void>
  ) {
    return db.transaction(async (trx) => {
      const query = Call.query({ client: trx }).where('id', callId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const call = await query.firstOrFail()
      if (!canMoveCall(call.status, to, call.procedure)) {
        throw new DomainConflictException('ux.conflicts.call_cannot_move', {
          status: (reader) => reader.t(`messages.call_statuses.${call.status}`),
          to: (reader) => reader.t(`messages.call_statuses.${to}`),
        })
      }
      const from = call.status
      await apply(call, trx)
      call.useTransaction(trx)
      call.status = to
      await call.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: call.funderOrganisationId,
        action: `call.${to}`,
        subjectType: 'call',
        subjectId: call.id,
        before: { status: from },
        after: { status: to },
        ip,
      })
      return call
    })
  }
}
