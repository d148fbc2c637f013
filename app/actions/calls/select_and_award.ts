import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { provisionalSelection } from '#domain/calls/ranking'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import Call from '#models/call'
import Membership from '#models/membership'
import type User from '#models/user'
import { MIN_ASSESSORS } from '#actions/calls/shortlist_concept_notes'
import { AuditTrail } from '#services/audit_trail'
import { eligibilityFacts } from '#queries/eligibility_facts'
import { Notifier } from '#services/notifier'

/**
 * The end of a call: provisional selection of the full applications by
 * rank within the envelope (with a reserve list), eligibility verification
 * of the provisionally selected only, and the award decision.
 */
export class SelectAndAward {
  async select(callId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const call = await this.lockedCall(
        trx,
        callId,
        'full_applications_closed',
        'ux.conflicts.full_applications_closed_first'
      )
      const applications = await Application.query({ client: trx })
        .where('call_id', call.id)
        .where('status', 'full_submitted')
        .preload('organisation')
        .preload('assignments', (a) =>
          a.where('stage', 'full_application').where('status', 'submitted')
        )
      const underScored = applications.filter((a) => a.assignments.length < MIN_ASSESSORS)
      if (underScored.length > 0) {
        throw new DomainConflictException('ux.conflicts.full_needs_assessments', {
          count: MIN_ASSESSORS,
          names: underScored.map((a) => a.organisation.name).join(', '),
        })
      }
      const { selected, reserve, rejected } = provisionalSelection(
        applications.map((a) => ({
          id: a.id,
          scoreHundredths: a.fullScoreHundredths,
          requestedCents: a.fullRequestedCents ?? 0,
          eliminated: a.isEliminated,
          application: a,
        })),
        call.fullGrid.threshold * 100,
        call.budgetEnvelopeCents
      )
      let rank = 0
      for (const [items, status, selection] of [
        [selected, 'provisionally_selected', 'selected'],
        [reserve, 'reserve', 'reserve'],
        [rejected, 'rejected', 'rejected'],
      ] as const) {
        for (const item of items) {
          item.application.useTransaction(trx)
          item.application.merge({ status, selection, fullRank: ++rank })
          await item.application.save()
        }
      }
      await this.moveCall(trx, call, 'evaluated', by, ip, {
        selected: selected.map((i) => i.id),
        reserve: reserve.map((i) => i.id),
        rejected: rejected.map((i) => i.id),
      })
      return { selected, reserve, rejected }
    })
  }

  /** Eligibility is verified for provisionally selected applicants only. */
  async verifyEligibility(
    applicationId: number,
    eligible: boolean,
    note: string,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const application = await Application.query({ client: trx })
        .where('id', applicationId)
        .preload('call')
        .firstOrFail()
      if (application.call.status !== 'evaluated')
        throw new DomainConflictException(
          'ux.conflicts.eligibility_is_verified_after_the_evaluation'
        )
      if (application.status !== 'provisionally_selected') {
        throw new DomainConflictException(
          'ux.conflicts.only_provisionally_selected_applicants_have_their_eligibility'
        )
      }
      /* Warnings never block the decision; they are kept with it. */
      const { warnings } = await eligibilityFacts(application.call, application, trx)
      application.useTransaction(trx)
      application.merge({
        eligibility: eligible ? 'eligible' : 'ineligible',
        eligibilityNote: note,
        eligibilityCheckedById: by.id,
        eligibilityCheckedAt: DateTime.utc(),
        eligibilityWarnings: warnings,
      })
      await application.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'application.eligibility_verified',
        subjectType: 'application',
        subjectId: application.id,
        after: {
          eligibility: application.eligibility,
          note,
          warnings: warnings.map((w) => w.code),
        },
        ip,
      })
      return application
    })
  }

  /** Moves the first applicant of the reserve list up when a selected one is found ineligible. */
  async promote(applicationId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const application = await Application.query({ client: trx })
        .where('id', applicationId)
        .preload('call')
        .firstOrFail()
      if (application.call.status !== 'evaluated' || application.status !== 'reserve') {
        throw new DomainConflictException('ux.conflicts.only_an_application_on_the_reserve_list')
      }
      application.useTransaction(trx)
      application.merge({ status: 'provisionally_selected', selection: 'selected' })
      await application.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'application.promoted_from_reserve',
        subjectType: 'application',
        subjectId: application.id,
        before: { status: 'reserve' },
        after: { status: 'provisionally_selected' },
        ip,
      })
    })
  }

  /** The award decision: eligible selected applicants are awarded, everyone else is told. */
  async award(callId: number, by: User, ip: string) {
    return db.transaction(async (trx) => {
      const call = await this.lockedCall(
        trx,
        callId,
        'evaluated',
        'ux.conflicts.call_evaluated_first'
      )
      const applications = await Application.query({ client: trx })
        .where('call_id', call.id)
        .whereIn('status', ['provisionally_selected', 'reserve'])
        .preload('organisation')
      const unverified = applications.filter(
        (a) => a.status === 'provisionally_selected' && a.eligibility === null
      )
      if (unverified.length > 0) {
        throw new DomainConflictException('ux.conflicts.verify_eligibility_of', {
          names: unverified.map((a) => a.organisation.name).join(', '),
        })
      }
      const now = DateTime.utc()
      const awarded: number[] = []
      for (const application of applications) {
        const won =
          application.status === 'provisionally_selected' && application.eligibility === 'eligible'
        application.useTransaction(trx)
        application.merge({
          status: won ? 'awarded' : 'not_awarded',
          decidedById: by.id,
          decidedAt: now,
        })
        await application.save()
        if (won) awarded.push(application.id)
        const members = await Membership.query({ client: trx }).where(
          'organisation_id',
          application.organisationId
        )
        await Notifier.notify(
          trx,
          members.map((m) => m.userId),
          {
            kind: won ? 'application_awarded' : 'application_not_awarded',
            dedupeKey: `application:${application.id}:award`,
            subjectType: 'application',
            subjectId: application.id,
            params: { call: call.reference },
            href: `/applications/${application.id}`,
          }
        )
      }
      await this.moveCall(trx, call, 'awarded', by, ip, { awarded, decidedAt: now.toISO() })
      return awarded
    })
  }

  private async lockedCall(
    trx: TransactionClientContract,
    callId: number,
    status: Call['status'],
    message: string
  ) {
    const query = Call.query({ client: trx }).where('id', callId)
    if (trx.dialect.name === 'postgres') query.forUpdate()
    const call = await query.firstOrFail()
    if (call.status !== status) throw new DomainConflictException(message)
    return call
  }

  private async moveCall(
    trx: TransactionClientContract,
    call: Call,
    to: Call['status'],
    by: User,
    ip: string,
    after: object
  ) {
    const from = call.status
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
      after: { status: to, ...after },
      ip,
    })
  }
}
