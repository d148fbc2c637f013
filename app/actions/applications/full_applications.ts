import { ruleText } from '#services/rule_text'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { SaveCofinancingSources } from '#actions/applications/save_cofinancing_sources'
import { parseQuantity } from '#domain/budget/budget'
import { isEditableFullApplication } from '#domain/calls/application_lifecycle'
import { isBeforeDeadline } from '#domain/calls/call_lifecycle'
import type { CofinancingKind } from '#domain/calls/cofinancing'
import { cofinancingProblems, durationProblem } from '#domain/calls/cofinancing'
import { fullApplicationBudget, missingForSubmission } from '#domain/calls/full_application'
import { kosovoDeadlineIn } from '#domain/calls/kosovo_time'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import LogframeIncompleteException, { gapText } from '#exceptions/logframe_incomplete_exception'
import { logframeSubmissionGaps } from '#domain/narrative/logframe'
import Logframe from '#models/logframe'
import RuleRefusalException, { type RuleRefusal } from '#exceptions/rule_refusal_exception'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import type Call from '#models/call'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { checkWithinAction } from '#exceptions/outside_action_exception'
import { programmeSettingsAt } from '#services/programme_settings'
import { todayInKosovo } from '#services/clock'
import type { fullApplicationValidator } from '#validators/full_application'

export type FullApplicationInput = Infer<typeof fullApplicationValidator>

/** The budget of a stored application, computed against its call. */
export function budgetOf(call: Call, application: Application, lines: ApplicationBudgetLine[]) {
  return fullApplicationBudget(
    call,
    lines.map((line) => ({
      heading: line.heading,
      label: line.label,
      unit: line.unit,
      quantity: line.quantity,
      unitCostCents: line.unitCostCents,
      thirdParty: line.thirdParty,
    })),
    application.fullRequestedCents,
    application.requestedCents
  )
}

/**
 * Full applications from shortlisted applicants: saved as often as needed,
 * submitted once, before the deadline, with a logframe that has what the
 * submission needs (built in the logframe builder) and only without budget
 * violations. The free-text logframe rows of older applications are kept
 * as they were (read only): the form no longer posts them.
 */
export class FullApplications {
  async save(application: Application, input: FullApplicationInput, by: User, ip: string) {
    if (!isEditableFullApplication(application.status)) {
      throw new DomainConflictException('ux.conflicts.only_a_shortlisted_applicant_can_prepare_a')
    }
    await db.transaction(async (trx) => {
      application.useTransaction(trx)
      application.merge({
        periodStartOn: input.periodStartOn ? DateTime.fromISO(input.periodStartOn) : null,
        periodEndOn: input.periodEndOn ? DateTime.fromISO(input.periodEndOn) : null,
        fullRequestedCents: input.requested ?? null,
        narrative: {
          relevance: input.narrative?.relevance ?? '',
          methodology: input.narrative?.methodology ?? '',
          sustainability: input.narrative?.sustainability ?? '',
        },
      })
      await application.save()
      await ApplicationBudgetLine.query({ client: trx })
        .where('application_id', application.id)
        .delete()
      await ApplicationBudgetLine.createMany(
        (input.lines ?? []).map((line, position) => ({
          applicationId: application.id,
          position,
          heading: line.heading,
          label: line.label,
          unit: line.unit,
          quantityHundredths: parseQuantity(line.quantity),
          unitCostCents: line.unitCost,
          thirdParty: line.thirdParty || null,
        })),
        { client: trx }
      )
      await new SaveCofinancingSources().handle(application, input.cofinancing ?? [], by, ip, trx)
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'application.full_saved',
        subjectType: 'application',
        subjectId: application.id,
        after: { lines: input.lines?.length ?? 0, requestedCents: application.fullRequestedCents },
        ip,
      })
    })
  }

  async submit(applicationId: number, by: User, ip: string, now = DateTime.utc()) {
    return db.transaction(async (trx) => {
      const query = Application.query({ client: trx })
        .where('id', applicationId)
        .preload('call')
        .preload('budgetLines')
        .preload('cofinancingRows')
      if (trx.dialect.name === 'postgres') query.forUpdate()
      const application = await query.firstOrFail()
      const call = application.call
      if (application.status !== 'shortlisted') {
        throw new DomainConflictException('ux.conflicts.only_a_shortlisted_applicant_can_submit_a')
      }
      if (!call.fullDeadlineAt || !isBeforeDeadline(call.fullDeadlineAt.toISO()!, now.toISO()!)) {
        throw new DomainConflictException(
          call.fullDeadlineAt
            ? 'ux.conflicts.full_deadline_passed'
            : 'ux.conflicts.full_deadline_not_set',
          call.fullDeadlineAt
            ? { deadline: kosovoDeadlineIn(call.fullDeadlineAt, call.timezone) }
            : {}
        )
      }
      const missing = missingForSubmission({
        periodStartOn: application.periodStartOn?.toISODate() ?? null,
        periodEndOn: application.periodEndOn?.toISODate() ?? null,
        narrative: application.narrative,
        lineCount: application.budgetLines.length,
      })
      const logframe = await Logframe.query({ client: trx })
        .where('application_id', application.id)
        .first()
      const gaps = logframeSubmissionGaps(logframe?.content ?? null)
      if (missing.length > 0)
        throw new DomainConflictException('ux.conflicts.complete_full_application', {
          missing: (reader) =>
            [
              ...missing.map((name) => reader.t(`ux.fields.${name}`, {})),
              ...(gaps.length > 0
                ? [
                    reader.t('logframe.gaps.in_list', {
                      gaps: gaps.map((gap) => gapText(gap, reader)).join('; '),
                    }),
                  ]
                : []),
            ].join(', '),
        })
      if (gaps.length > 0) throw new LogframeIncompleteException(gaps)
      const budget = budgetOf(call, application, application.budgetLines)
      if (budget.violations.length > 0) {
        throw new DomainConflictException('budget_changes.refusals.E_BUDGET_RULES', {
          details: (reader) =>
            budget.violations
              .map((v) => ruleText(v.code, v.params, reader, application.currency))
              .join(' '),
        })
      }
      const refusals = submissionRefusals(
        call,
        application.periodStartOn!.toISODate()!,
        application.periodEndOn!.toISODate()!,
        application.cofinancingRows,
        budget.cofinancingCents
      )
      if (refusals.length > 0) throw new RuleRefusalException(refusals, application.currency)
      /* Then the programme's: the period lies within the action in force on the day of submission. */
      checkWithinAction(
        {
          startsOn: application.periodStartOn!.toISODate()!,
          endsOn: application.periodEndOn!.toISODate()!,
        },
        await programmeSettingsAt(todayInKosovo(now), trx),
        { start: 'periodStartOn', end: 'periodEndOn' }
      )
      application.useTransaction(trx)
      application.merge({
        status: 'full_submitted',
        fullSubmittedAt: now,
        fullRequestedCents: budget.funderCents,
        fullTotalCents: budget.totalEligibleCents,
      })
      await application.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: application.organisationId,
        action: 'application.full_submitted',
        subjectType: 'application',
        subjectId: application.id,
        before: { status: 'shortlisted' },
        after: {
          status: 'full_submitted',
          totalEligibleCents: budget.totalEligibleCents,
          funderCents: budget.funderCents,
          cofinancingCents: budget.cofinancingCents,
        },
        ip,
      })
      return application
    })
  }
}

/**
 * The call's implementation period limits and the co-financing sources
 * against TEC − F, each as a refusal naming its field.
 */
export function submissionRefusals(
  call: Pick<Call, 'minDurationMonths' | 'maxDurationMonths' | 'allowsInKind'>,
  startsOn: string,
  endsOn: string,
  sources: readonly { kind: CofinancingKind; amountCents: number }[],
  cofinancingCents: number
): RuleRefusal[] {
  const refusals: RuleRefusal[] = []
  const duration = durationProblem(startsOn, endsOn, call)
  if (duration?.code === 'DURATION_BELOW_MIN') {
    refusals.push({
      key: 'duration_below_min',
      field: 'periodEndOn',
      data: { months: duration.months, minMonths: duration.minMonths },
    })
  } else if (duration?.code === 'DURATION_ABOVE_MAX') {
    refusals.push({
      key: 'duration_above_max',
      field: 'periodEndOn',
      data: { months: duration.months, maxMonths: duration.maxMonths },
    })
  }
  for (const problem of cofinancingProblems(sources, cofinancingCents, call.allowsInKind)) {
    if (problem.code === 'IN_KIND_NOT_ALLOWED') {
      refusals.push({ key: 'cofinancing_in_kind', field: 'cofinancing', data: {} })
    } else {
      refusals.push({
        key: 'cofinancing_sum',
        field: 'cofinancing',
        data: {
          sourcesCents: problem.sourcesCents,
          requiredCents: problem.requiredCents,
          differenceCents: problem.differenceCents,
        },
      })
    }
  }
  return refusals
}
