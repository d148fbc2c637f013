import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading, BudgetLineInput, BudgetRules } from '#domain/budget/budget'
import {
  budgetHeadings,
  defaultBudgetRules,
  lineTotalCents,
  parseQuantity,
} from '#domain/budget/budget'
import type { BudgetChangeRules, StoredAnalysis } from '#domain/grants/budget_changes'
import { baseVersionOf, quantityText } from '#domain/grants/budget_changes'
import { activeGrantStatuses } from '#domain/grants/grant_terms'
import BudgetChangeRefusedException from '#exceptions/budget_change_refused_exception'
import BudgetChange from '#models/budget_change'
import Call from '#models/call'
import Grant from '#models/grant'
import ExpenseReport from '#models/expense_report'
import GrantBudgetLine from '#models/grant_budget_line'
import ExpenseLine from '#models/expense_line'
import LedgerEntry from '#models/ledger_entry'
import { programmeSettingsAt } from '#services/programme_settings'

/** A stored grant budget line as the §3 rules read it, with its stable key. */
export function lineInputOf(line: GrantBudgetLine): BudgetLineInput & { lineKey: string } {
  return {
    heading: line.heading,
    label: line.label,
    unit: line.unit,
    quantity: quantityText(line.quantityHundredths),
    unitCostCents: line.unitCostCents,
    thirdParty: line.thirdParty,
    lineKey: line.lineKey,
  }
}

/** The budget rules of a grant: its call's share and third-party cap, else the defaults. */
export async function budgetRulesOf(grant: Grant, client?: TransactionClientContract) {
  const call = grant.callId ? await Call.find(grant.callId, { client }) : null
  const rules: BudgetRules = {
    ...defaultBudgetRules,
    maxFunderShareBp: call?.maxFunderShareBp ?? defaultBudgetRules.maxFunderShareBp,
    maxPerThirdPartyCents: call?.maxPerThirdPartyCents ?? defaultBudgetRules.maxPerThirdPartyCents,
    indirectCapBp: call?.indirectCapBp ?? defaultBudgetRules.indirectCapBp,
    contingencyCapBp: call?.contingencyCapBp ?? defaultBudgetRules.contingencyCapBp,
    cofinancingMinBp: call?.cofinancingMinBp ?? null,
  }
  return rules
}

/**
 * The versions that matter for a new change: the current (latest) one and
 * the baseline the 25 % rule measures against (last approved addendum, or
 * 1), with their lines.
 */
export async function budgetVersions(grant: Pick<Grant, 'id'>, client?: QueryClientContract) {
  // Aliased away from the `version` column, or Lucid puts it on the model, not in $extras.
  const latest = await GrantBudgetLine.query({ client })
    .where('grant_id', grant.id)
    .max('version as latest_version')
  const changes = await BudgetChange.query({ client })
    .where('grant_id', grant.id)
    .select('kind', 'status', 'to_version')
  const currentVersion = Number(latest[0]?.$extras.latest_version ?? 1)
  const baseVersion = baseVersionOf(changes)
  const lines = await GrantBudgetLine.query({ client })
    .where('grant_id', grant.id)
    .whereIn('version', [currentVersion, baseVersion])
    .orderBy('position')
  return {
    currentVersion,
    baseVersion,
    currentLines: lines.filter((l) => l.version === currentVersion),
    baseLines: lines.filter((l) => l.version === baseVersion),
  }
}

export type HeadingAmounts = Record<BudgetHeading, number>

/** Heading subtotals of stored lines (their stored totals). */
export function headingAmountsOf(lines: readonly GrantBudgetLine[]): HeadingAmounts {
  const totals = Object.fromEntries(budgetHeadings.map((h) => [h, 0])) as HeadingAmounts
  for (const line of lines) totals[line.heading] += line.totalCents
  return totals
}

/** Baseline and current amount per heading, for the pages and the API. */
export async function baselineAndCurrent(
  grant: Pick<Grant, 'id'>,
  client?: TransactionClientContract
) {
  const versions = await budgetVersions(grant, client)
  const baseline = headingAmountsOf(versions.baseLines)
  const current = headingAmountsOf(versions.currentLines)
  return {
    ...versions,
    headings: budgetHeadings
      .filter((heading) => baseline[heading] !== 0 || current[heading] !== 0)
      .map((heading) => ({
        heading,
        baselineCents: baseline[heading],
        currentCents: current[heading],
        changeCents: current[heading] - baseline[heading],
      })),
  }
}

export function assertRunning(grant: Grant) {
  if (!activeGrantStatuses.includes(grant.status)) {
    throw new BudgetChangeRefusedException(
      'E_GRANT_NOT_RUNNING',
      'The budget can only change while the grant is signed, in implementation or suspended.'
    )
  }
}

/** Σ funder contributions of the sub-grants awarded out of this grant's FSTP line. */
export async function awardedSubGrantsCents(trx: TransactionClientContract, grant: Grant) {
  const rows = await trx
    .from('grants')
    .where('parent_grant_id', grant.id)
    .sum('funder_cents as total')
  return Number(rows[0]?.total ?? 0)
}

/** Σ payments less Σ recoveries, from the ledger. */
export async function paidLessRecoveredCents(trx: TransactionClientContract, grant: Grant) {
  const rows: { kind: string; total: unknown }[] = await trx
    .from('ledger_entries')
    .where('grant_id', grant.id)
    .whereIn('kind', ['disbursement', 'recovery'])
    .groupBy('kind')
    .select('kind')
    .sum('amount_cents as total')
  const total = (kind: string) => Number(rows.find((r) => r.kind === kind)?.total ?? 0)
  return total('disbursement') - total('recovery')
}

/**
 * Writes the change's lines as the next budget version (kept lines under
 * their key) and moves the expense lines booked on a kept line to its new
 * row, so an expense line always points at the current version of its
 * budget line. A notification leaves TEC, F and co-financing alone; an
 * addendum sets them to the analysed figures and, when F falls on a signed
 * grant, records the decommitment so that commitments − decommitments = F.
 */
export async function applyChange(
  trx: TransactionClientContract,
  grant: Grant,
  change: BudgetChange,
  currentVersion: number
) {
  const analysis: StoredAnalysis = change.analysis
  const version = currentVersion + 1
  const created = await GrantBudgetLine.createMany(
    change.proposal.map((line, position) => ({
      grantId: grant.id,
      version,
      lineKey: line.lineKey,
      position,
      heading: line.heading,
      label: line.label,
      unit: line.unit,
      quantityHundredths: parseQuantity(line.quantity),
      unitCostCents: line.unitCostCents,
      totalCents: lineTotalCents(line.quantity, line.unitCostCents),
      thirdParty: line.thirdParty || null,
    })),
    { client: trx }
  )
  const earlier = await GrantBudgetLine.query({ client: trx })
    .where('grant_id', grant.id)
    .where('version', '<', version)
    .select('id', 'line_key')
  for (const line of created) {
    const ids = earlier.filter((e) => e.lineKey === line.lineKey).map((e) => e.id)
    if (ids.length === 0) continue
    await ExpenseLine.query({ client: trx })
      .whereIn('grant_budget_line_id', ids)
      .update({ grant_budget_line_id: line.id })
  }

  if (change.kind === 'addendum') {
    if (change.funderAfterCents > grant.funderCents) {
      throw new Error('The funder contribution can never rise.')
    }
    const released = grant.funderCents - change.funderAfterCents
    if (released > 0 && (await hasCommitment(trx, grant))) {
      await LedgerEntry.create(
        {
          grantId: grant.id,
          kind: 'decommitment',
          currency: grant.currency,
          amountCents: released,
          bookedOn: change.effectiveOn,
          paymentId: null,
          recoveryOrderId: null,
          description: `Addendum ${change.id}: funder contribution lowered`,
          createdById: change.decidedById ?? change.proposedById,
        },
        { client: trx }
      )
    }
    grant.useTransaction(trx)
    grant.merge({
      totalEligibleCents: analysis.totalEligibleAfterCents,
      funderCents: change.funderAfterCents,
      cofinancingCents: analysis.totalEligibleAfterCents - change.funderAfterCents,
    })
    await grant.save()
  }
  change.useTransaction(trx)
  change.toVersion = version
  await change.save()
}

/** A grant's commitment is in the ledger once both sides have signed. */
async function hasCommitment(trx: TransactionClientContract, grant: Grant) {
  const row = await LedgerEntry.query({ client: trx })
    .where('grant_id', grant.id)
    .where('kind', 'commitment')
    .first()
  return row !== null
}

export function auditSummary(change: BudgetChange) {
  return {
    grantId: change.grantId,
    kind: change.kind,
    status: change.status,
    fromVersion: change.fromVersion,
    toVersion: change.toVersion,
    baseVersion: change.analysis.baseVersion,
    effectiveOn: change.effectiveOn.toISODate(),
    totalEligibleCents: change.analysis.totalEligibleAfterCents,
    funderCents: change.funderAfterCents,
    addendumReasons: change.analysis.addendumReasons ?? [],
    headings: change.analysis.headings
      .filter((h) => h.changeCents !== 0)
      .map((h) => ({ heading: h.heading, changeCents: h.changeCents, changeBp: h.changeBp })),
  }
}

/**
 * Once a change is in force, the flags of the grant's reports not yet
 * approved are recomputed: the heading limit follows the baseline, and an
 * expense line's budget line may have moved to the new version.
 */
export async function refreshOpenReports(trx: TransactionClientContract, grantId: number) {
  const { refreshReport } = await import('#actions/reports/refresh_report')
  const grant = await Grant.findOrFail(grantId, { client: trx })
  const { currentLines } = await budgetVersions(grant, trx)
  const reports = await ExpenseReport.query({ client: trx })
    .where('grant_id', grant.id)
    .whereNot('status', 'approved')
  for (const report of reports) {
    await refreshReport(trx, report, grant, currentLines)
    await report.save()
  }
}

/**
 * The §5 parameters of a change proposed on `today`: the flexibility the
 * grant's contract carries (copied from the programme settings when it was
 * prepared) and the addendum notice of the settings in force today.
 */
export async function changeRulesOf(
  grant: Pick<Grant, 'flexibilityBp'>,
  today: string,
  client?: TransactionClientContract
): Promise<BudgetChangeRules> {
  const settings = await programmeSettingsAt(today, client)
  return { flexibilityBp: grant.flexibilityBp, addendumNoticeDays: settings.addendumNoticeDays }
}
