import type { IndicatorView } from '#queries/results_framework'
import type { YearBreakdowns } from '#queries/indicator_breakdowns'
import { displayCount } from '#domain/reports/disclosure'
import type Result from '#models/result'

/** A result as the API gives it. */
export function resultJson(result: Result) {
  return {
    id: result.id,
    code: result.code,
    title: { en: result.titleEn, sq: result.titleSq, sr: result.titleSr },
  }
}

/**
 * An indicator as the API gives it: its definition, and (with `series`)
 * the target against the actual value per year and the actual value per
 * grant and year, as the caller may see them ("<5", "x" where hidden);
 * with `breakdowns`, the actual value per year by sex, age band and origin
 * (as the indicator declares them), suppressed alike.
 */
export function indicatorJson(
  view: IndicatorView,
  result: Result | null,
  series: boolean,
  breakdowns?: readonly YearBreakdowns[]
) {
  const indicator = view.indicator
  return {
    id: indicator.id,
    code: indicator.code,
    result: result ? resultJson(result) : null,
    title: { en: indicator.titleEn, sq: indicator.titleSq, sr: indicator.titleSr },
    unit: indicator.unit,
    sourceOfVerification: indicator.sourceOfVerification,
    disaggregation: indicator.disaggregation,
    rule: indicator.rule,
    measure: indicator.measure || null,
    baseline: { year: indicator.baselineYear, value: indicator.baselineValue },
    targets: indicator.targets,
    ...(series
      ? {
          series: {
            byYear: view.years.map((y) => ({
              year: y.year,
              target: y.target,
              actual: y.actual,
              status: y.status,
            })),
            byGrant: view.grants.map((g) => ({
              grantId: g.grantId,
              grantReference: g.grantReference,
              year: g.year,
              actual: g.actual,
            })),
            ...(breakdowns ? { breakdowns: breakdownsJson(breakdowns) } : {}),
          },
        }
      : {}),
  }
}

/** Each year's breakdowns: `{ year, kind, total, values: { female: "7", male: "5" } }`. */
export function breakdownsJson(breakdowns: readonly YearBreakdowns[]) {
  return breakdowns.flatMap((year) =>
    year.tables.map((table) => ({
      year: year.year,
      kind: table.kind,
      total: displayCount(table.total),
      values: Object.fromEntries(
        table.cells.map((cell) => [cell.category, displayCount(cell.shown)])
      ),
    }))
  )
}
