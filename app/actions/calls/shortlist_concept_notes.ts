import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import { formatScore, gridMaximum } from '#domain/calls/grid'
import { shortlist } from '#domain/calls/ranking'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Application from '#models/application'
import Call from '#models/call'
import Membership from '#models/membership'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { Notifier } from '#services/notifier'

/** Minimum number of submitted assessments per concept note. */
export const MIN_ASSESSORS = 2

/**
 * The shortlist decision: compliant concept notes ranked by their average
 * score, shortlisted above the threshold within the budget multiple. Each
 * applicant is told the outcome with the scores and comments, by mail in
 * each member's language.
 */
export class ShortlistConceptNotes {
  async handle(callId: number, by: User, ip: string) {
    const outcome = await db.transaction(async (trx) => {
      const query = Call.query({ client: trx }).where('id', callId)
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const call = await query.firstOrFail()
      if (call.status !== 'concept_notes_closed')
        throw new DomainConflictException('ux.conflicts.the_call_is_not_at_the_shortlist')
      const applications = await Application.query({ client: trx })
        .where('call_id', call.id)
        .whereIn('status', ['submitted', 'compliant', 'not_compliant'])
        .preload('organisation')
        .preload('assignments', (a) =>
          a.where('stage', 'concept_note').where('status', 'submitted').preload('comments')
        )
      const unchecked = applications.filter((a) => a.status === 'submitted')
      if (unchecked.length > 0) {
        throw new DomainConflictException('ux.conflicts.check_first', {
          names: unchecked.map((a) => a.organisation.name).join(', '),
        })
      }
      const compliant = applications.filter((a) => a.status === 'compliant')
      const underScored = compliant.filter((a) => a.assignments.length < MIN_ASSESSORS)
      if (underScored.length > 0) {
        throw new DomainConflictException('ux.conflicts.concept_needs_assessments', {
          count: MIN_ASSESSORS,
          names: underScored.map((a) => a.organisation.name).join(', '),
        })
      }
      const { shortlisted, notShortlisted } = shortlist(
        compliant.map((a) => ({
          id: a.id,
          scoreHundredths: a.conceptScoreHundredths,
          requestedCents: a.requestedCents ?? 0,
          application: a,
        })),
        call.conceptGrid.threshold * 100,
        call.budgetEnvelopeCents,
        call.shortlistMultipleBp
      )
      let rankNumber = 0
      for (const [items, status] of [
        [shortlisted, 'shortlisted'],
        [notShortlisted, 'not_shortlisted'],
      ] as const) {
        for (const item of items) {
          item.application.useTransaction(trx)
          item.application.merge({ status, conceptRank: ++rankNumber })
          await item.application.save()
          const members = await Membership.query({ client: trx }).where(
            'organisation_id',
            item.application.organisationId
          )
          await Notifier.notify(
            trx,
            members.map((m) => m.userId),
            {
              kind:
                status === 'shortlisted'
                  ? 'concept_note_shortlisted'
                  : 'concept_note_not_shortlisted',
              dedupeKey: `application:${item.id}:${status}`,
              subjectType: 'application',
              subjectId: item.id,
              params: { call: call.reference, score: formatScore(item.scoreHundredths) },
              href: `/applications/${item.id}`,
            }
          )
        }
      }
      call.useTransaction(trx)
      call.status = 'shortlisted'
      await call.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: call.funderOrganisationId,
        action: 'call.shortlisted',
        subjectType: 'call',
        subjectId: call.id,
        before: { status: 'concept_notes_closed' },
        after: {
          status: 'shortlisted',
          shortlisted: shortlisted.map((i) => ({ id: i.id, score: i.scoreHundredths })),
          notShortlisted: notShortlisted.map((i) => ({ id: i.id, score: i.scoreHundredths })),
        },
        ip,
      })
      return { call, decided: [...shortlisted, ...notShortlisted] }
    })

    for (const item of outcome.decided) {
      const members = await Membership.query()
        .where('organisation_id', item.application.organisationId)
        .preload('user')
      const comments = item.application.assignments.flatMap((a) =>
        a.comments.map((c) => `- ${c.comment}`)
      )
      for (const member of members) {
        const i18n = i18nManager.locale(member.user.locale ?? i18nManager.defaultLocale)
        const shortlisted = item.application.status === 'shortlisted'
        const text = [
          i18n.t(
            shortlisted
              ? 'texts.mails.concept_result.shortlisted'
              : 'texts.mails.concept_result.not_shortlisted',
            { title: item.application.title }
          ),
          i18n.t('texts.mails.concept_result.score', {
            score: formatScore(item.scoreHundredths),
            max: gridMaximum(outcome.call.conceptGrid),
          }),
          comments.length
            ? `${i18n.t('texts.mails.concept_result.comments')}\n${comments.join('\n')}`
            : '',
          `${appUrl}/applications/${item.id}`,
        ].join('\n\n')
        await mail.send((message) => {
          message
            .to(member.user.email, member.user.fullName)
            .subject(
              i18n.t('texts.mails.concept_result.subject', { reference: outcome.call.reference })
            )
            .text(text)
        })
      }
    }
    return outcome.call
  }
}
