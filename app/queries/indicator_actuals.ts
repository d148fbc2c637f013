import type {
  PatternStore,
  RollupDefinition,
  RollupSeries,
  Viewer,
} from '#domain/reports/disclosure'
import { discloseRollups, isProtectedSeries, storedSolveBudget } from '#domain/reports/disclosure'
import type { IndicatorMeasure } from '#domain/reports/indicators'
import { indicatorMeasures } from '#domain/reports/indicators'
import type { StatisticsTables } from '#domain/reports/statistics'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import type { IndicatorSeries } from '#queries/indicator_series'
import { statisticsSeries } from '#queries/statistics_series'

/** The publication minimum in force and the stored patterns (ADR 0025); `settle` computes and stores them. */
export interface RollupDisclosure {
  minimum: number
  store?: PatternStore
  settle?: boolean
  /** Called when a roll-up shown is not the settled pattern (see `LeastOptions.unsettled`). */
  unsettled?: () => void
  /**
   * Called with the organisation of each shelter whose protected series
   * the viewer sees in full in these roll-ups (an insider's access, which
   * the caller records in the audit trail).
   */
  seenRaw?: (organisationId: number) => void
}

/**
 * Every roll-up of the service statistics that any outlet publishes, as
 * the viewer may see them: per calendar year (the year in which a report's
 * period ends, approved reports only) the national sum of each measure
 * (referrals of every source as the measure `referrals`), then each
 * grant's own sum per year and measure.
 *
 * All of them, for every measure, whichever indicators exist or are asked
 * for, go through one `discloseRollups` in a fixed order (years, then
 * measures, national ones before the grants'): every page and API call
 * shows the same decisions, the combination of everything published is
 * what the audit checked (DOMAIN-RULES §9), and the pattern stored when
 * the data changed serves every view.
 */
export async function statisticRollups(
  viewerOf: (organisationId: number) => Viewer,
  disclosure: RollupDisclosure
): Promise<Map<IndicatorMeasure, IndicatorSeries>> {
  const { measures, grants, seriesList, contributions, definitions, slots } =
    await statisticRollupPlan(viewerOf)
  const result = new Map<IndicatorMeasure, IndicatorSeries>(
    measures.map((m) => [m, { byYear: [], byGrant: [] }])
  )
  if (definitions.length === 0) return result
  for (const [index, grant] of grants.entries()) {
    const { tables, insider } = seriesList[index]
    const counted = contributions.some((c) => c.contributor.series === index)
    if (insider && counted && isProtectedSeries(tables, disclosure.minimum)) {
      disclosure.seenRaw?.(grant.granteeOrganisationId)
    }
  }
  const { minimum, store, settle, unsettled } = disclosure
  const shown = await discloseRollups(
    seriesList,
    definitions,
    settle
      ? { minimum, store, maxSolves: storedSolveBudget, persist: true }
      : { minimum, store, unsettled }
  )
  const totalOf = (definition: RollupDefinition) =>
    definition.contributors.reduce(
      (sum, c) => sum + measureTotal(seriesList[c.series].tables[c.report], definition.measure),
      0
    )
  for (const [i, slot] of slots.entries()) {
    const point = { year: slot.year, shown: shown[i], value: totalOf(definitions[i]) }
    const target = result.get(slot.measure)!
    if (slot.grant === null) target.byYear.push(point)
    else
      target.byGrant.push({
        ...point,
        grantId: slot.grant.id,
        grantReference: slot.grant.reference,
      })
  }
  return result
}

/** A roll-up's place among the published ones: a year's national sum (grant null) or a grant's. */
export interface RollupSlot {
  measure: IndicatorMeasure
  year: number
  grant: Grant | null
}

/**
 * What `statisticRollups` publishes, before disclosure: the approved
 * reports' series (one per grant, in id order), which report counts in
 * which year, and the roll-up definitions in their fixed order (years, then
 * measures, national ones before the grants'). Anything published beside
 * them (the indicators' breakdowns) is audited after these, in this order.
 */
export async function statisticRollupPlan(viewerOf: (organisationId: number) => Viewer) {
  const measures = [...indicatorMeasures].sort()
  const seriesList: RollupSeries[] = []
  const contributions: {
    year: number
    grant: Grant
    contributor: { series: number; report: number }
  }[] = []
  const definitions: RollupDefinition[] = []
  const slots: RollupSlot[] = []
  const approved = await ExpenseReport.query().where('status', 'approved').select('id', 'grant_id')
  const grantIds = [...new Set(approved.map((r) => r.grantId))]
  const [grants, allSeries] = await Promise.all([
    grantIds.length ? Grant.query().whereIn('id', grantIds).orderBy('id') : [],
    statisticsSeries(grantIds),
  ])
  const approvedIds = new Set(approved.map((r) => r.id))
  for (const grant of grants) {
    const members = allSeries.get(grant.id) ?? []
    const index = seriesList.length
    seriesList.push({
      tables: members.map((m) => m.tables),
      insider: viewerOf(grant.granteeOrganisationId).insider,
    })
    for (const [report, member] of members.entries()) {
      if (!approvedIds.has(member.reportId)) continue
      const period = grant.periods.find((p) => p.number === member.periodNumber)
      if (!period) continue
      const year = Number(period.endsOn.slice(0, 4))
      contributions.push({ year, grant, contributor: { series: index, report } })
    }
  }
  const years = [...new Set(contributions.map((c) => c.year))].sort((a, b) => a - b)
  for (const year of years) {
    for (const measure of measures) {
      definitions.push({
        measure,
        contributors: contributions.filter((c) => c.year === year).map((c) => c.contributor),
      })
      slots.push({ measure, year, grant: null })
    }
  }
  for (const grant of grants) {
    for (const year of years) {
      const own = contributions.filter((c) => c.year === year && c.grant.id === grant.id)
      if (own.length === 0) continue
      for (const measure of measures) {
        definitions.push({ measure, contributors: own.map((c) => c.contributor) })
        slots.push({ measure, year, grant })
      }
    }
  }
  return { measures, grants, seriesList, contributions, years, definitions, slots }
}

function measureTotal(tables: StatisticsTables, measure: IndicatorMeasure) {
  return measure === 'referrals'
    ? tables.referrals.total
    : tables.measures[measure].bySexAndAgeBand.total
}
