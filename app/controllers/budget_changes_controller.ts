import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { baselineAndCurrent, changeRulesOf } from '#actions/grants/budget_change_support'
import { DecideBudgetChange } from '#actions/grants/decide_budget_change'
import type { BudgetChangeProposal } from '#actions/grants/propose_budget_change'
import { ProposeBudgetChange } from '#actions/grants/propose_budget_change'
import { previewOf } from '#actions/grants/preview_budget_change'
import type Grant from '#models/grant'
import type { BudgetHeading } from '#domain/budget/budget'
import { budgetHeadings } from '#domain/budget/budget'
import { basisPointsAsPercent, earliestAddendumEffectiveOn } from '#domain/grants/budget_changes'
import { activeGrantStatuses } from '#domain/grants/grant_terms'
import BudgetChange from '#models/budget_change'
import type User from '#models/user'
import BudgetChangePolicy from '#policies/budget_change_policy'
import { visibleGrant } from '#queries/grant_access'
import { todayInKosovo } from '#services/clock'
import { withoutBlankRows } from '#validators/full_application'
import {
  apiProposeBudgetChangeValidator,
  budgetChangeDecisionValidator,
  proposeBudgetChangeValidator,
} from '#validators/budget_change'

/**
 * Budget changes of a grant (DOMAIN-RULES §5): the grantee proposes a new
 * budget, the system classifies it (notification or addendum request), and
 * the funder's grant manager decides on addendum requests. Pages under
 * /grants/:id/budget-changes and /budget-changes/:id; the API proposes and reads.
 */
@inject()
export default class BudgetChangesController {
  constructor(
    private proposeChange: ProposeBudgetChange,
    private decideChange: DecideBudgetChange
  ) {}

  /** GET /grants/:id/budget-changes: the changes so far and the proposal form. */
  async index({ auth, params, view }: HttpContext) {
    const grant = await visibleGrant(auth.getUserOrFail(), params.id)
    return view.render('pages/budget_changes/index', await indexData(grant))
  }

  /**
   * POST /grants/:id/budget-changes/preview: the proposal analysed, nothing
   * stored: its kind (notification or addendum) and why, or the refusal.
   */
  async preview({ auth, params, request, view, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(BudgetChangePolicy).authorize('propose', grant)
    const input = await proposeBudgetChangeValidator.validate(
      withoutBlankRows(request.body(), ['lines']),
      { messagesProvider: i18n.createMessagesProvider() }
    )
    const proposal = webProposal(input)
    const outcome = await previewOf(grant, proposal)
    return view.render('pages/budget_changes/index', {
      ...(await indexData(grant)),
      proposedLines: proposal.lines,
      justification: proposal.justification,
      preview: {
        ...outcome,
        refusal: outcome.refusal
          ? i18n.t(
              `budget_changes.refusals.${outcome.refusal.code}`,
              outcome.refusal.params,
              outcome.refusal.message
            )
          : null,
      },
    })
  }

  /** POST /api/v1/grants/:id/budget-change-previews: the same analysis as JSON. */
  async apiPreview({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(BudgetChangePolicy).authorize('propose', grant)
    const input = await request.validateUsing(apiProposeBudgetChangeValidator)
    const outcome = await previewOf(grant, {
      justification: input.justification,
      effectiveOn: input.effectiveOn ?? null,
      lines: input.lines,
    })
    return {
      data: {
        kind: outcome.kind,
        addendumReasons: outcome.addendumReasons,
        refusal: outcome.refusal
          ? { code: outcome.refusal.code, message: outcome.refusal.message }
          : null,
        headings: outcome.headings,
        totalEligibleAfterCents: outcome.totalEligibleAfterCents,
        funderAfterCents: outcome.funderAfterCents,
      },
    }
  }

  /** POST /grants/:id/budget-changes */
  async store({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(BudgetChangePolicy).authorize('propose', grant)
    const input = await proposeBudgetChangeValidator.validate(
      withoutBlankRows(request.body(), ['lines']),
      { messagesProvider: i18n.createMessagesProvider() }
    )
    const change = await this.proposeChange.handle(grant.id, webProposal(input), user, request.ip())
    session.flash('success', i18n.t(`budget_changes.flash.${change.kind}`))
    return response.redirect().toPath(`/budget-changes/${change.id}`)
  }

  /** GET /budget-changes/:id: the analysis per heading and the decision. */
  async show({ auth, params, view, i18n }: HttpContext) {
    const change = await visibleChange(auth.getUserOrFail(), params.id)
    await change.load((loader) => loader.load('proposedBy').load('decidedBy'))
    const separator = decimalSeparator(i18n.locale)
    return view.render('pages/budget_changes/show', {
      change,
      grant: change.grant,
      rows: change.analysis.headings
        .filter((h) => h.baseCents !== 0 || h.proposedCents !== 0)
        .map((h) => ({
          ...h,
          percent: h.changeBp === null ? null : basisPointsAsPercent(h.changeBp, separator),
        })),
    })
  }

  /** POST /budget-changes/:id/decision: approve or refuse an addendum request. */
  async decide({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const change = await visibleChange(user, params.id)
    const input = await request.validateUsing(budgetChangeDecisionValidator)
    if (input.decision === 'approve') {
      await bouncer.with(BudgetChangePolicy).authorize('approve', change)
      await this.decideChange.handle(
        change.id,
        'approved',
        input.comment ?? null,
        user,
        request.ip()
      )
    } else {
      await bouncer.with(BudgetChangePolicy).authorize('refuse', change)
      await this.decideChange.handle(change.id, 'refused', input.comment ?? '', user, request.ip())
    }
    session.flash('success', i18n.t(`budget_changes.flash.${input.decision}d`))
    return response.redirect().toPath(`/budget-changes/${change.id}`)
  }

  /** POST /api/v1/grants/:id/budget-changes */
  async apiStore({ auth, params, request, response, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(BudgetChangePolicy).authorize('propose', grant)
    const input = await request.validateUsing(apiProposeBudgetChangeValidator)
    const change = await this.proposeChange.handle(
      grant.id,
      {
        justification: input.justification,
        effectiveOn: input.effectiveOn ?? null,
        lines: input.lines,
      },
      user,
      request.ip()
    )
    return response.created({ data: budgetChangeJson(change) })
  }

  /** GET /api/v1/budget-changes/:id */
  async apiShow({ auth, params }: HttpContext) {
    const change = await visibleChange(auth.use('api').getUserOrFail(), params.id)
    return { data: budgetChangeJson(change) }
  }
}

/** A budget change of a grant the user may see, with its grant (404 otherwise). */
async function visibleChange(user: User, id: unknown) {
  const change = await BudgetChange.query()
    .where('id', Number(id) || 0)
    .firstOrFail()
  change.$setRelated('grant', await visibleGrant(user, change.grantId))
  return change
}

/** The decimal separator of a locale ("," in sq and sr-Latn). */
function decimalSeparator(locale: string) {
  return (
    new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')
      ?.value ?? '.'
  )
}

/** The API shape of a budget change: amounts in cents, basis points as integer strings. */
export function budgetChangeJson(change: BudgetChange) {
  const analysis = change.analysis
  return {
    id: change.id,
    grantId: change.grantId,
    kind: change.kind,
    status: change.status,
    fromVersion: change.fromVersion,
    toVersion: change.toVersion,
    baseVersion: analysis.baseVersion,
    effectiveOn: change.effectiveOn.toISODate(),
    justification: change.justification,
    currency: change.currency,
    flexibilityBp: analysis.flexibilityBp,
    addendumReasons: analysis.addendumReasons ?? [],
    headings: analysis.headings,
    lines: change.proposal.map((line, index) => ({
      ...line,
      thirdParty: line.thirdParty || null,
      totalCents: analysis.lineTotalsCents[index],
    })),
    totalEligibleBeforeCents: analysis.totalEligibleBeforeCents,
    totalEligibleAfterCents: analysis.totalEligibleAfterCents,
    funderBeforeCents: change.funderBeforeCents,
    funderAfterCents: change.funderAfterCents,
    cofinancingBeforeCents: analysis.cofinancingBeforeCents,
    cofinancingAfterCents: analysis.cofinancingAfterCents,
    proposedById: change.proposedById,
    decidedById: change.decidedById,
    decidedAt: change.decidedAt?.toISO() ?? null,
    decisionComment: change.decisionComment,
    createdAt: change.createdAt.toISO(),
  }
}

/** What the budget-change page shows: baseline against current per heading, the changes, the form. */
async function indexData(grant: Grant) {
  const [changes, versions] = await Promise.all([
    BudgetChange.query().where('grant_id', grant.id).orderBy('id', 'desc'),
    baselineAndCurrent(grant),
  ])
  const today = todayInKosovo()
  const changeRules = await changeRulesOf(grant, today)
  return {
    grant,
    changes,
    currentVersion: versions.currentVersion,
    baseVersion: versions.baseVersion,
    currentLines: versions.currentLines,
    baselineHeadings: versions.headings,
    headings: budgetHeadings,
    canChange: activeGrantStatuses.includes(grant.status) && !changes.some((c) => c.isPending),
    earliestAddendumOn: earliestAddendumEffectiveOn(today, changeRules.addendumNoticeDays),
    flexibilityPercent: grant.flexibilityBp / 100,
  }
}

/** The web form's lines (unit costs typed as amounts, already in cents) as a proposal. */
function webProposal(input: {
  justification: string
  effectiveOn?: string
  lines: {
    unitCost: number
    lineKey?: string
    heading: BudgetHeading
    label: string
    unit: string
    quantity: string
    thirdParty?: string
  }[]
}): BudgetChangeProposal {
  return {
    justification: input.justification,
    effectiveOn: input.effectiveOn ?? null,
    lines: input.lines.map(({ unitCost, ...line }) => ({ ...line, unitCostCents: unitCost })),
  }
}
