import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { Infer } from '@vinejs/vine/types'
import type { Grid } from '#domain/calls/grid'
import { gridProblems, logframeCriteria } from '#domain/calls/grid'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import Call from '#models/call'
import Grant from '#models/grant'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { todayInKosovo } from '#services/clock'
import { programmeSettingsAt } from '#services/programme_settings'
import { withinAction } from '#domain/settings/programme_settings'
import type { callValidator } from '#validators/call'

export type CallInput = Infer<typeof callValidator>

export type SaveCallResult =
  { ok: true; call: Call } | { ok: false; errors: Record<string, string> }

/**
 * Creates or edits a call while it is a draft. Grids come as JSON text and
 * are checked here; deadlines are typed in Kosovo time and stored as instants.
 */
export class SaveCall {
  async handle(
    call: Call | null,
    funderOrganisationId: number,
    input: CallInput,
    by: User,
    ip: string,
    i18n: I18n = i18nManager.locale(i18nManager.defaultLocale)
  ) {
    const errors: Record<string, string> = {}
    const conceptGrid = this.parseGrid(input.conceptGrid, 'conceptGrid', errors, i18n)
    const fullGrid = this.parseGrid(input.fullGrid, 'fullGrid', errors, i18n)
    /* A concept note has no logframe: only the full-application grid may score it. */
    if (conceptGrid && logframeCriteria(conceptGrid).length > 0 && !errors.conceptGrid)
      errors.conceptGrid = i18n.t('logframe.grid.concept_has_logframe')
    if (input.maxGrant < input.minGrant) errors.maxGrant = i18n.t('texts.call_form.max_below_min')
    const minDurationMonths = input.minDurationMonths ?? call?.minDurationMonths ?? 1
    /* A new call copies the caps in force today; it keeps them whatever later versions say. */
    const settings = call ? null : await programmeSettingsAt(todayInKosovo())
    /* Left out, a new call's longest implementation period is the programme's (settings). */
    const maxDurationMonths =
      input.maxDurationMonths ?? call?.maxDurationMonths ?? settings!.maxDurationMonths
    if (maxDurationMonths < minDurationMonths)
      errors.maxDurationMonths = i18n.t('call_rules.duration_range')
    /* The deadlines lie within the action in force today (a draft is not a closed decision). */
    const action = settings ?? (await programmeSettingsAt(todayInKosovo()))
    for (const field of ['conceptDeadline', 'fullDeadline'] as const) {
      const deadline = input[field]
      if (deadline && !withinAction(deadline.slice(0, 10), action)) {
        errors[field] = i18n.t('settings3.errors.deadline_outside_action', {
          start: action.actionStartsOn,
          end: action.actionEndsOn,
        })
      }
    }
    /* The funder share leaves at least the co-financing minimum of the call (copied when it was made). */
    const cofinancingMinBp = call?.cofinancingMinBp ?? settings!.cofinancingMinBp
    if (input.maxFunderShare + cofinancingMinBp > 10_000) {
      errors.maxFunderShare = i18n.t('settings3.errors.share_above_cofinancing_min', {
        maxShare: percent(10_000 - cofinancingMinBp),
        minShare: percent(cofinancingMinBp),
      })
    }
    if (input.maxGrant > input.budgetEnvelope)
      errors.maxGrant = i18n.t('texts.call_form.max_above_envelope')
    const duplicate = await Call.query()
      .where('reference', input.reference)
      .if(call, (q) => q.whereNot('id', call!.id))
      .first()
    if (duplicate) errors.reference = i18n.t('texts.call_form.reference_taken')
    if (input.parentGrantId) {
      const parent = await Grant.find(input.parentGrantId)
      if (!parent || parent.granteeOrganisationId !== funderOrganisationId) {
        errors.parentGrantId = i18n.t('texts.call_form.parent_grant_not_own')
      }
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors } satisfies SaveCallResult
    if (call && call.status !== 'draft')
      throw new DomainConflictException('ux.conflicts.only_a_draft_call_can_be_edited')

    const values = {
      reference: input.reference,
      titleEn: input.titleEn,
      titleSq: input.titleSq ?? null,
      titleSr: input.titleSr ?? null,
      descriptionEn: input.descriptionEn ?? null,
      descriptionSq: input.descriptionSq ?? null,
      descriptionSr: input.descriptionSr ?? null,
      funderOrganisationId,
      parentGrantId: input.parentGrantId ?? null,
      procedure: input.procedure,
      budgetEnvelopeCents: input.budgetEnvelope,
      minGrantCents: input.minGrant,
      maxGrantCents: input.maxGrant,
      maxFunderShareBp: input.maxFunderShare,
      maxPerThirdPartyCents: input.maxPerThirdParty,
      eligibleServices: input.eligibleServices ?? [],
      eligibilityChecklist: (input.checklist ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((label, index) => ({ key: `c${index + 1}`, label })),
      conceptGrid: conceptGrid!,
      fullGrid: fullGrid!,
      conceptDeadlineAt: kosovoInstant(input.conceptDeadline),
      fullDeadlineAt: input.fullDeadline ? kosovoInstant(input.fullDeadline) : null,
      minDaysToConceptDeadline: input.minDaysToConceptDeadline,
      minDaysToFullDeadline: input.minDaysToFullDeadline,
      shortlistMultipleBp: input.shortlistMultiple,
      spreadFlagBp: input.spreadFlag,
      minDurationMonths,
      maxDurationMonths,
      allowsInKind: input.allowsInKind ?? false,
    }
    const saved = await db.transaction(async (trx) => {
      const target = call ?? new Call()
      target.useTransaction(trx)
      target.merge({
        ...values,
        ...(settings && {
          indirectCapBp: settings.indirectCapBp,
          contingencyCapBp: settings.contingencyCapBp,
          maxRequestChangeBp: settings.maxRequestChangeBp,
          cofinancingMinBp: settings.cofinancingMinBp,
          currency: settings.currency,
        }),
        status: call?.status ?? 'draft',
        createdById: call?.createdById ?? by.id,
      })
      await target.save()
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: funderOrganisationId,
        action: call ? 'call.updated' : 'call.created',
        subjectType: 'call',
        subjectId: target.id,
        after: {
          reference: target.reference,
          title: target.titleEn,
          envelope: target.budgetEnvelopeCents,
          minDurationMonths: target.minDurationMonths,
          maxDurationMonths: target.maxDurationMonths,
          allowsInKind: target.allowsInKind,
          maxFunderShareBp: target.maxFunderShareBp,
          maxPerThirdPartyCents: target.maxPerThirdPartyCents,
          indirectCapBp: target.indirectCapBp,
          contingencyCapBp: target.contingencyCapBp,
          cofinancingMinBp: target.cofinancingMinBp,
          currency: target.currency,
        },
        ip,
      })
      return target
    })
    return { ok: true, call: saved } satisfies SaveCallResult
  }

  private parseGrid(
    text: string,
    field: string,
    errors: Record<string, string>,
    i18n: I18n
  ): Grid | null {
    try {
      const grid = JSON.parse(text) as Grid
      const problems = gridProblems(grid)
      if (problems.length > 0) {
        errors[field] = problems
          .map((problem) => i18n.t(`texts.grid_problems.${problem.code}`, problem.values))
          .join(' ')
      }
      return grid
    } catch {
      errors[field] = i18n.t('texts.call_form.grid_not_json')
      return null
    }
  }
}

export function kosovoInstant(local: string) {
  return DateTime.fromISO(local, { zone: 'Europe/Belgrade' }).toUTC()
}

/** `9500` → `95 %`, `750` → `7.5 %`. */
function percent(bp: number) {
  return `${bp / 100} %`
}
