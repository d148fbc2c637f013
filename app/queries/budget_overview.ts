import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { BudgetHeading } from '#domain/budget/budget'
import { budgetHeadings } from '#domain/budget/budget'
import {
  baseVersionOf,
  defaultBudgetChangeRules,
  exceedsHeadingFlexibility,
} from '#domain/grants/budget_changes'
import { toCents } from '#domain/money'
import type {
  BudgetVsActual,
  BudgetVsActualRow,
  PlannedBudgetLine,
} from '#domain/reports/report_totals'
import { budgetVsActual } from '#domain/reports/report_totals'
import BudgetChange from '#models/budget_change'
import ExpenseLine from '#models/expense_line'
import type ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import type { AcceptedCosts } from '#domain/grants/accepted_costs'
import { acceptedCostsOfGrant, acceptedCostsOfReport } from '#queries/accepted_costs'

/**
 * Budget against actual (issue #6 point 5, DOMAIN-RULES §5, §6) for one
 * grant, and for a lead grant summed with its sub-grants: the shelters'
 * admitted expenditure is the actual of the lead's FSTP line (heading
 * `other` with a third party). Amounts are summed in SQL per grant and
 * budget line in one query, whatever the number of sub-grants; claimed
 * counts every report (as on the expense report page), admitted only the
 * approved ones. The arithmetic is the domain's `budgetVsActual`.
 */

/** Synthetic rows have negative ids, never those of stored budget lines. */
const SUB_GRANTS_ROW_ID = -1
const earlierRowId = (heading: BudgetHeading) => -2 - budgetHeadings.indexOf(heading)

export interface LineExpenditure {
  grantId: number
  /** Null for expense lines that name no budget line. */
  budgetLineId: number | null
  claimedCents: number
  admittedCents: number
}

/**
 * Claimed (every report) and admitted (approved reports) amounts per grant
 * and budget line, summed in SQL. With `upToPeriod`, only the reports of
 * that period and the earlier ones count.
 */
export async function expenditureByBudgetLine(
  grantIds: readonly number[],
  options: { upToPeriod?: number; client?: QueryClientContract } = {}
): Promise<LineExpenditure[]> {
  if (grantIds.length === 0) return []
  const client = options.client ?? db.connection()
  const query = client
    .from('expense_lines')
    .join('expense_reports', 'expense_reports.id', 'expense_lines.expense_report_id')
    .whereIn('expense_reports.grant_id', [...grantIds])
    .groupBy('expense_reports.grant_id', 'expense_lines.grant_budget_line_id')
    .select(
      'expense_reports.grant_id as grant_id',
      'expense_lines.grant_budget_line_id as budget_line_id',
      client.raw('sum(expense_lines.claimed_cents) as claimed'),
      client.raw(
        "sum(case when expense_reports.status = 'approved' then coalesce(expense_lines.admitted_cents, 0) else 0 end) as admitted"
      )
    )
  if (options.upToPeriod !== undefined) {
    query.where('expense_reports.period_number', '<=', options.upToPeriod)
  }
  const rows: Record<string, unknown>[] = await query
  return rows.map((row) => ({
    grantId: Number(row.grant_id),
    budgetLineId: row.budget_line_id === null ? null : Number(row.budget_line_id),
    claimedCents: toCents(sqlInteger(row.claimed)),
    admittedCents: toCents(sqlInteger(row.admitted)),
  }))
}

/** The budget of one grant: its current lines, and where amounts booked on any version count. */
export interface GrantBudget {
  grantId: number
  /** The lines of the current (latest) version, in position order. */
  lines: GrantBudgetLine[]
  /**
   * For every budget line id of any version: the current line with the same
   * stable key (`line_key`), or null when the current budget has none
   * (its amounts are shown as "earlier budget lines" of its heading).
   */
  currentIdOf: Map<number, number | null>
  /** Every budget line of any version, by id. */
  lineById: Map<number, GrantBudgetLine>
  /** Per heading, the baseline (as signed or last amended by addendum): the flexibility limit's base. */
  baselineHeadings: Partial<Record<BudgetHeading, number>>
}

/** The budgets of the grants, every version read in one query. */
export async function budgetsOf(
  grantIds: readonly number[],
  client?: QueryClientContract
): Promise<Map<number, GrantBudget>> {
  const all =
    grantIds.length === 0
      ? []
      : await GrantBudgetLine.query({ client })
          .whereIn('grant_id', [...grantIds])
          .orderBy('version')
          .orderBy('position')
          .orderBy('id')
  const amendments =
    grantIds.length === 0
      ? []
      : await BudgetChange.query({ client })
          .whereIn('grant_id', [...grantIds])
          .select('grant_id', 'kind', 'status', 'to_version')
  const budgets = new Map<number, GrantBudget>()
  for (const grantId of grantIds) {
    const baseVersion = baseVersionOf(amendments.filter((c) => c.grantId === grantId))
    const own = all.filter((line) => line.grantId === grantId)
    const latest = own.reduce((max, line) => Math.max(max, line.version), 0)
    const lines = own.filter((line) => line.version === latest)
    // The stable key names the same budget line in every version.
    const keyOf = (line: GrantBudgetLine) => line.lineKey
    const currentByKey = new Map<string, number>()
    for (const line of lines)
      if (!currentByKey.has(keyOf(line))) currentByKey.set(keyOf(line), line.id)
    budgets.set(grantId, {
      grantId,
      lines,
      currentIdOf: new Map(own.map((line) => [line.id, currentByKey.get(keyOf(line)) ?? null])),
      lineById: new Map(own.map((line) => [line.id, line])),
      baselineHeadings: own
        .filter((line) => line.version === baseVersion)
        .reduce<Partial<Record<BudgetHeading, number>>>((totals, line) => {
          totals[line.heading] = (totals[line.heading] ?? 0) + line.totalCents
          return totals
        }, {}),
    })
  }
  return budgets
}

export function isFstpLine(line: { heading: BudgetHeading; thirdParty: string | null }) {
  return line.heading === 'other' && Boolean(line.thirdParty?.trim())
}

/** Amounts on the rows of one grant's table: current lines and synthetic rows. */
interface Bookings {
  claimed: Map<number, number>
  admitted: Map<number, number>
  /** Expense lines without a budget line: no heading, shown below the total. */
  unassigned: { claimedCents: number; admittedCents: number }
}

function emptyBookings(): Bookings {
  return {
    claimed: new Map(),
    admitted: new Map(),
    unassigned: { claimedCents: 0, admittedCents: 0 },
  }
}

function book(bookings: Bookings, rowId: number, claimedCents: number, admittedCents: number) {
  bookings.claimed.set(rowId, toCents((bookings.claimed.get(rowId) ?? 0) + claimedCents))
  bookings.admitted.set(rowId, toCents((bookings.admitted.get(rowId) ?? 0) + admittedCents))
}

/** Puts each amount on the current line it counts on (or its heading's earlier-lines row). */
function bookingsOf(budget: GrantBudget, rows: readonly LineExpenditure[]) {
  const bookings = emptyBookings()
  for (const row of rows) {
    const stored = row.budgetLineId === null ? undefined : budget.lineById.get(row.budgetLineId)
    if (!stored) {
      bookings.unassigned.claimedCents += row.claimedCents
      bookings.unassigned.admittedCents += row.admittedCents
      continue
    }
    const rowId = budget.currentIdOf.get(stored.id) ?? earlierRowId(stored.heading)
    book(bookings, rowId, row.claimedCents, row.admittedCents)
  }
  return bookings
}

/** The planned rows of a table: the current lines, then a synthetic row per heading that needs one. */
function plannedRows(budget: GrantBudget, bookings: Bookings): PlannedBudgetLine[] {
  const planned: PlannedBudgetLine[] = budget.lines.map((line) => ({
    id: line.id,
    heading: line.heading,
    label: line.label,
    totalCents: line.totalCents,
  }))
  for (const heading of budgetHeadings) {
    const id = earlierRowId(heading)
    if (bookings.claimed.has(id)) planned.push({ id, heading, label: '', totalCents: 0 })
  }
  if (bookings.claimed.has(SUB_GRANTS_ROW_ID)) {
    planned.push({ id: SUB_GRANTS_ROW_ID, heading: 'other', label: '', totalCents: 0 })
  }
  return planned
}

export type OverviewRowKind = 'heading' | 'line' | 'total' | 'unassigned'

/** One row of a budget-vs-actual table, as the page and the CSV show it. */
export interface OverviewRow extends BudgetVsActualRow {
  kind: OverviewRowKind
  heading: BudgetHeading | null
  /** The stored budget line, for `line` rows that are not synthetic. */
  budgetLineId: number | null
  /** The line's label; empty for other rows (the view names them). */
  label: string
  /** `earlier`: lines of an earlier budget version; `sub_grants`: sub-grants with no FSTP line to count on. */
  synthetic: 'earlier' | 'sub_grants' | null
  /** A lead grant's FSTP line, whose actual is the sub-grants' expenditure. */
  isFstp: boolean
  /** Heading rows: admitted over the planned amount plus the flexibility limit. */
  overFlexibility: boolean
}

export interface OverviewSection {
  grant: Grant
  actual: BudgetVsActual
  rows: OverviewRow[]
  unassigned: { claimedCents: number; admittedCents: number }
}

function sectionOf(
  grant: Grant,
  budget: GrantBudget,
  bookings: Bookings,
  flexibilityBp: number,
  fstpIds: ReadonlySet<number> = new Set()
): OverviewSection {
  const actual = budgetVsActual(
    plannedRows(budget, bookings),
    bookings.admitted,
    bookings.claimed,
    flexibilityBp
  )
  const rows: OverviewRow[] = []
  for (const heading of actual.headings) {
    rows.push({
      kind: 'heading',
      heading: heading.heading,
      budgetLineId: null,
      label: '',
      synthetic: null,
      isFstp: false,
      ...amountsOf(heading),
      // Against the baseline heading, never the current one (DOMAIN-RULES §5).
      overFlexibility: exceedsHeadingFlexibility(
        heading.admittedCents,
        budget.baselineHeadings[heading.heading] ?? 0,
        0,
        flexibilityBp
      ),
    })
    for (const line of actual.lines.filter((l) => l.heading === heading.heading)) {
      rows.push({
        kind: 'line',
        heading: line.heading,
        budgetLineId: line.id > 0 ? line.id : null,
        label: line.label,
        synthetic: line.id === SUB_GRANTS_ROW_ID ? 'sub_grants' : line.id < 0 ? 'earlier' : null,
        isFstp: fstpIds.has(line.id) || line.id === SUB_GRANTS_ROW_ID,
        ...amountsOf(line),
        overFlexibility: false,
      })
    }
  }
  rows.push({
    kind: 'total',
    heading: null,
    budgetLineId: null,
    label: '',
    synthetic: null,
    isFstp: false,
    ...amountsOf(actual.total),
    overFlexibility: false,
  })
  const { unassigned } = bookings
  if (unassigned.claimedCents !== 0 || unassigned.admittedCents !== 0) {
    rows.push({
      kind: 'unassigned',
      heading: null,
      budgetLineId: null,
      label: '',
      synthetic: null,
      isFstp: false,
      plannedCents: 0,
      claimedCents: unassigned.claimedCents,
      admittedCents: unassigned.admittedCents,
      remainingCents: -unassigned.admittedCents,
      usedBp: null,
      overFlexibility: false,
    })
  }
  return { grant, actual, rows, unassigned }
}

function amountsOf(row: BudgetVsActualRow): BudgetVsActualRow {
  return {
    plannedCents: row.plannedCents,
    claimedCents: row.claimedCents,
    admittedCents: row.admittedCents,
    remainingCents: row.remainingCents,
    usedBp: row.usedBp,
  }
}

/** A sub-grant's contribution to the lead's FSTP line. */
export interface RollupRow extends BudgetVsActualRow {
  grant: Grant
  /** The FSTP line it counts on; null when it counts on the "sub-grants" row. */
  budgetLineId: number | null
  lineLabel: string | null
}

export interface BudgetOverview {
  grant: Grant
  flexibilityBp: number
  /** The grant's accepted costs (DOMAIN-RULES §3), as settlement uses them. */
  accepted: AcceptedCosts
  /** The grant's own table; for a lead grant, its FSTP lines carry the sub-grants' amounts. */
  main: OverviewSection
  /** For a lead grant: what each sub-grant puts on the FSTP line(s); null otherwise. */
  rollup: {
    rows: RollupRow[]
    /** The sum of the rows. */
    total: BudgetVsActualRow
    /** The lead's own expense lines on FSTP lines, replaced by the sub-grants' amounts. */
    ownClaimedCents: number
    ownAdmittedCents: number
  } | null
  /** A table per sub-grant, in id order. */
  subGrants: OverviewSection[]
}

/**
 * Budget against actual of a grant. For a lead grant (one with sub-grants
 * or FSTP lines), every sub-grant's claimed and admitted amounts (all its
 * lines) count on the FSTP line whose third party is the sub-grant's
 * grantee; a sub-grant that names none counts on the first FSTP line no
 * sub-grant names, or else on a "sub-grants" row under heading 6. The
 * lead's own expense lines on its FSTP lines are left out of its actual
 * (reported apart), so the line's actual is exactly the sub-grants' sum.
 */
export async function budgetOverview(
  grant: Grant,
  flexibilityBp = grant.flexibilityBp ?? defaultBudgetChangeRules.flexibilityBp
): Promise<BudgetOverview> {
  const subGrants = grant.isSubGrant
    ? []
    : await Grant.query().where('parent_grant_id', grant.id).preload('grantee').orderBy('id')
  const ids = [grant.id, ...subGrants.map((sub) => sub.id)]
  const [budgets, expenditure] = await Promise.all([budgetsOf(ids), expenditureByBudgetLine(ids)])
  const rowsOf = (grantId: number) => expenditure.filter((row) => row.grantId === grantId)

  const budget = budgets.get(grant.id)!
  const fstpLines = budget.lines.filter(isFstpLine)
  const isLead = !grant.isSubGrant && (subGrants.length > 0 || fstpLines.length > 0)
  const subSections = subGrants.map((sub) =>
    sectionOf(
      sub,
      budgets.get(sub.id)!,
      bookingsOf(budgets.get(sub.id)!, rowsOf(sub.id)),
      flexibilityBp
    )
  )
  if (!isLead) {
    return {
      grant,
      flexibilityBp,
      accepted: await acceptedCostsOfGrant(grant.id),
      main: sectionOf(grant, budget, bookingsOf(budget, rowsOf(grant.id)), flexibilityBp),
      rollup: null,
      subGrants: subSections,
    }
  }

  // The lead's own bookings, without those on FSTP lines.
  const fstpIds = new Set(fstpLines.map((line) => line.id))
  const own = rowsOf(grant.id)
  const onFstp = (row: LineExpenditure) =>
    row.budgetLineId !== null && fstpIds.has(budget.currentIdOf.get(row.budgetLineId) ?? 0)
  const bookings = bookingsOf(
    budget,
    own.filter((row) => !onFstp(row))
  )
  const ownOnFstp = own.filter(onFstp)

  // Each sub-grant's totals onto its FSTP line.
  const normal = (name: string | null | undefined) => (name ?? '').trim().toLowerCase()
  const named = (sub: Grant) =>
    fstpLines.find((l) => normal(l.thirdParty) === normal(sub.grantee.name))
  const unnamedLine = fstpLines.find(
    (line) => !subGrants.some((sub) => normal(sub.grantee.name) === normal(line.thirdParty))
  )
  const rollupRows = subSections.map((section): RollupRow => {
    const sub = section.grant
    const line = named(sub) ?? unnamedLine ?? null
    const claimedCents = section.actual.total.claimedCents + section.unassigned.claimedCents
    const admittedCents = section.actual.total.admittedCents + section.unassigned.admittedCents
    book(bookings, line?.id ?? SUB_GRANTS_ROW_ID, claimedCents, admittedCents)
    return {
      grant: sub,
      budgetLineId: line?.id ?? null,
      lineLabel: line?.label ?? null,
      ...rowOf(section.actual.total.plannedCents, claimedCents, admittedCents),
    }
  })

  return {
    grant,
    flexibilityBp,
    accepted: await acceptedCostsOfGrant(grant.id),
    main: sectionOf(grant, budget, bookings, flexibilityBp, fstpIds),
    rollup: {
      rows: rollupRows,
      total: rowOf(
        sum(rollupRows.map((row) => row.plannedCents)),
        sum(rollupRows.map((row) => row.claimedCents)),
        sum(rollupRows.map((row) => row.admittedCents))
      ),
      ownClaimedCents: sum(ownOnFstp.map((row) => row.claimedCents)),
      ownAdmittedCents: sum(ownOnFstp.map((row) => row.admittedCents)),
    },
    subGrants: subSections,
  }
}

/** One row of the financial report's table per heading (PRAG Annex VI). */
export interface FinancialReportRow {
  kind: 'heading' | 'line' | 'total' | 'unassigned'
  heading: BudgetHeading | null
  label: string
  synthetic: 'earlier' | null
  budgetCents: number
  /** This report: claimed and admitted (lines not yet verified count 0). */
  periodClaimedCents: number
  periodAdmittedCents: number
  /** Admitted in the approved reports of this period and the earlier ones. */
  cumulativeCents: number
  /** Budget − cumulative. */
  remainingCents: number
}

/**
 * The figures of an expense report's financial report: its lines, and per
 * heading and budget line the budget, this period's claimed and admitted
 * amounts, the cumulative admitted amount and what remains.
 */
export async function financialReportFacts(report: ExpenseReport, grant: Grant) {
  const [lines, budgets, cumulative] = await Promise.all([
    ExpenseLine.query().where('expense_report_id', report.id).orderBy('position').orderBy('id'),
    budgetsOf([grant.id]),
    expenditureByBudgetLine([grant.id], { upToPeriod: report.periodNumber }),
  ])
  const budget = budgets.get(grant.id)!
  const period = emptyBookings()
  const storedOf = (line: ExpenseLine) =>
    line.grantBudgetLineId === null ? undefined : budget.lineById.get(line.grantBudgetLineId)
  for (const line of lines) {
    const stored = storedOf(line)
    if (!stored) {
      period.unassigned.claimedCents += line.claimedCents
      period.unassigned.admittedCents += line.admittedCents ?? 0
      continue
    }
    const rowId = budget.currentIdOf.get(stored.id) ?? earlierRowId(stored.heading)
    book(period, rowId, line.claimedCents, line.admittedCents ?? 0)
  }
  const total = bookingsOf(budget, cumulative)
  // The cumulative table must list every row either table books on.
  for (const id of period.claimed.keys()) if (!total.claimed.has(id)) book(total, id, 0, 0)
  for (const id of total.claimed.keys()) if (!period.claimed.has(id)) book(period, id, 0, 0)
  const planned = plannedRows(budget, total)
  const thisPeriod = budgetVsActual(planned, period.admitted, period.claimed)
  const upToNow = budgetVsActual(planned, total.admitted, total.claimed)

  const reportRow = (
    kind: FinancialReportRow['kind'],
    heading: BudgetHeading | null,
    label: string,
    synthetic: 'earlier' | null,
    now: BudgetVsActualRow,
    all: BudgetVsActualRow
  ): FinancialReportRow => ({
    kind,
    heading,
    label,
    synthetic,
    budgetCents: all.plannedCents,
    periodClaimedCents: now.claimedCents,
    periodAdmittedCents: now.admittedCents,
    cumulativeCents: all.admittedCents,
    remainingCents: all.remainingCents,
  })
  const rows: FinancialReportRow[] = []
  upToNow.headings.forEach((heading, index) => {
    rows.push(reportRow('heading', heading.heading, '', null, thisPeriod.headings[index], heading))
    upToNow.lines.forEach((line, lineIndex) => {
      if (line.heading !== heading.heading) return
      rows.push(
        reportRow(
          'line',
          line.heading,
          line.label,
          line.id < 0 ? 'earlier' : null,
          thisPeriod.lines[lineIndex],
          line
        )
      )
    })
  })
  rows.push(reportRow('total', null, '', null, thisPeriod.total, upToNow.total))
  const unassigned = {
    claimed: period.unassigned.claimedCents,
    admitted: period.unassigned.admittedCents,
    cumulative: total.unassigned.admittedCents,
  }
  if (unassigned.claimed !== 0 || unassigned.cumulative !== 0) {
    rows.push({
      kind: 'unassigned',
      heading: null,
      label: '',
      synthetic: null,
      budgetCents: 0,
      periodClaimedCents: unassigned.claimed,
      periodAdmittedCents: unassigned.admitted,
      cumulativeCents: unassigned.cumulative,
      remainingCents: -unassigned.cumulative,
    })
  }

  return {
    lines: lines.map((line) => ({ line, budgetLine: storedOf(line) ?? null })),
    accepted: await acceptedCostsOfReport(report, lines),
    rows,
    totals: {
      claimedCents: sum(lines.map((line) => line.claimedCents)),
      admittedCents: sum(lines.map((line) => line.admittedCents ?? 0)),
      undecided: lines.filter((line) => line.admittedCents === null).length,
    },
  }
}

/** Remaining and % used of one amount, by the same rule as every other row. */
function rowOf(plannedCents: number, claimedCents: number, admittedCents: number) {
  return budgetVsActual(
    [{ id: 1, heading: 'other', label: '', totalCents: plannedCents }],
    new Map([[1, admittedCents]]),
    new Map([[1, claimedCents]])
  ).total
}

function sum(values: readonly number[]) {
  return toCents(values.reduce((total, value) => total + BigInt(value), 0n))
}

/** SUM() comes back as a number (SQLite) or a string (PostgreSQL); null for no rows. */
function sqlInteger(value: unknown): number | string {
  if (value === null || value === undefined) return 0
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'bigint') return value.toString()
  throw new RangeError(`Not an integer sum: ${String(value)}`)
}
