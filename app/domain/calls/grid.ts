/**
 * Evaluation grids as data (DOMAIN.md §2.4): sections of criteria with
 * maximum scores, an overall pass mark, and eliminatory minimums per
 * section. Scores are whole points; averages are kept in hundredths.
 */
export interface GridCriterion {
  key: string
  title: string
  /** The highest score an assessor may give (the scale, e.g. 5). */
  maxScore: number
  /**
   * What one point of this criterion counts for in the totals (DOMAIN.md
   * §2.4, "5×2" is a score out of 5 with weight 2). Absent means 1.
   */
  weight?: number
  /**
   * Scores the application's logframe: the assessor's sheet shows it beside
   * the logframe (full-application grids only). Absent means no.
   */
  logframe?: boolean
}

/** A criterion's weight (1 when the grid gives none). */
export function weightOf(criterion: GridCriterion) {
  return criterion.weight ?? 1
}

/** The points a criterion can bring to the total: its maximum score times its weight. */
export function criterionMaximum(criterion: GridCriterion) {
  return criterion.maxScore * weightOf(criterion)
}

export interface GridSection {
  key: string
  title: string
  criteria: GridCriterion[]
  /** A section total below this eliminates the application. */
  eliminatoryMinimum?: number | null
}

export interface Grid {
  sections: GridSection[]
  /** Pass mark on the total. */
  threshold: number
}

export function gridMaximum(grid: Grid) {
  return grid.sections.reduce((sum, s) => sum + sectionMaximum(s), 0)
}

export function sectionMaximum(section: GridSection) {
  return section.criteria.reduce((a, c) => a + criterionMaximum(c), 0)
}

/** What can be wrong with a grid's shape; the page says each in words (`texts.grid_problems.*`). */
export type GridProblemCode =
  | 'no_section'
  | 'section_without_criteria'
  | 'criterion_key_twice'
  | 'criterion_max_score'
  | 'criterion_weight'
  | 'criterion_logframe'
  | 'eliminatory_minimum'
  | 'section_without_number'
  | 'criterion_without_key'
  | 'threshold'

export interface GridProblem {
  code: GridProblemCode
  /** The section or criterion named, and the bounds. */
  values: Record<string, string | number>
}

/** Problems with a grid's shape, as codes with their values; empty when valid. */
export function gridProblems(grid: Grid): GridProblem[] {
  const problems: GridProblem[] = []
  const problem = (code: GridProblemCode, values: GridProblem['values'] = {}) =>
    problems.push({ code, values })
  const keys = new Set<string>()
  if (!grid.sections?.length) problem('no_section')
  for (const section of grid.sections ?? []) {
    if (!section.criteria?.length)
      problem('section_without_criteria', { section: section.key ?? '' })
    for (const criterion of section.criteria ?? []) {
      if (keys.has(criterion.key))
        problem('criterion_key_twice', { criterion: criterion.key ?? '' })
      keys.add(criterion.key)
      if (!Number.isInteger(criterion.maxScore) || criterion.maxScore <= 0) {
        problem('criterion_max_score', { criterion: criterion.key ?? '' })
      }
      const weight = criterion.weight
      if (weight !== undefined && (!Number.isInteger(weight) || weight < 1 || weight > 100)) {
        problem('criterion_weight', { criterion: criterion.key ?? '' })
      }
      if (criterion.logframe !== undefined && typeof criterion.logframe !== 'boolean') {
        problem('criterion_logframe', { criterion: criterion.key ?? '' })
      }
    }
    const min = section.eliminatoryMinimum
    if (min !== undefined && min !== null && (min < 0 || min > sectionMaximum(section))) {
      problem('eliminatory_minimum', { section: section.key ?? '', max: sectionMaximum(section) })
    }
  }
  for (const section of grid.sections ?? []) {
    if (!section.key) problem('section_without_number')
    for (const criterion of section.criteria ?? []) {
      if (!criterion.key) problem('criterion_without_key', { section: section.key ?? '' })
    }
  }
  if (
    !Number.isInteger(grid.threshold) ||
    grid.threshold < 0 ||
    grid.threshold > gridMaximum(grid)
  ) {
    problem('threshold', { max: gridMaximum(grid) })
  }
  return problems
}

export type ScoreSheet = Record<string, number>

/** Scores outside 0…max, or missing criteria, as criterion keys. */
export function invalidScores(grid: Grid, scores: ScoreSheet): string[] {
  const wrong: string[] = []
  for (const section of grid.sections) {
    for (const criterion of section.criteria) {
      const score = scores[criterion.key]
      if (!Number.isInteger(score) || score < 0 || score > criterion.maxScore)
        wrong.push(criterion.key)
    }
  }
  return wrong
}

export function sheetTotal(grid: Grid, scores: ScoreSheet) {
  return grid.sections.reduce((sum, s) => sum + sectionTotal(s, scores), 0)
}

export function sectionTotal(section: GridSection, scores: ScoreSheet) {
  return section.criteria.reduce((a, c) => a + (scores[c.key] ?? 0) * weightOf(c), 0)
}

/** The criteria that score the logframe (none in a grid made before they existed). */
export function logframeCriteria(grid: Grid): GridCriterion[] {
  return (grid.sections ?? []).flatMap((s) => (s.criteria ?? []).filter((c) => c.logframe === true))
}

/**
 * The logframe's part of the total: its criteria's points (score × weight)
 * averaged over the sheets, in hundredths, and the most it could bring.
 * Null average without sheets; null altogether when the grid has no
 * logframe criterion.
 */
export function logframeScore(grid: Grid, sheets: readonly ScoreSheet[]) {
  const criteria = logframeCriteria(grid)
  if (criteria.length === 0) return null
  const points = (sheet: ScoreSheet) =>
    criteria.reduce((sum, c) => sum + (sheet[c.key] ?? 0) * weightOf(c), 0)
  return {
    keys: criteria.map((c) => c.key),
    averageHundredths: averageHundredths(sheets.map(points)),
    maximum: criteria.reduce((sum, c) => sum + criterionMaximum(c), 0),
  }
}

/** The mean of integers in hundredths, rounded half up: [30, 35] → 3250. */
export function averageHundredths(values: readonly number[]) {
  if (values.length === 0) return null
  const sum = values.reduce((a, b) => a + b, 0)
  return Math.floor((sum * 200 + values.length) / (2 * values.length))
}

/** A score kept in hundredths as text: 3250 → "32.50". */
export function formatScore(hundredths: number | null) {
  if (hundredths === null) return '—'
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
}

/** Flag when assessors' totals differ by more than `spreadBp` of the grid maximum. */
export function hasLargeSpread(totals: readonly number[], maximum: number, spreadBp: number) {
  if (totals.length < 2) return false
  const spread = Math.max(...totals) - Math.min(...totals)
  return spread * 10_000 > spreadBp * maximum
}

/** Sections whose average (in hundredths) falls below their eliminatory minimum. */
export function eliminatedSections(grid: Grid, sheets: readonly ScoreSheet[]): string[] {
  if (sheets.length === 0) return []
  return grid.sections
    .filter(
      (section) => section.eliminatoryMinimum !== undefined && section.eliminatoryMinimum !== null
    )
    .filter((section) => {
      const average = averageHundredths(sheets.map((sheet) => sectionTotal(section, sheet)))!
      return average < section.eliminatoryMinimum! * 100
    })
    .map((section) => section.key)
}

const criteria = (prefix: string, items: [string, number][]) =>
  items.map(([title, maxScore], index) => ({ key: `${prefix}.${index + 1}`, title, maxScore }))

/** Concept note grid, 50 points, pass mark 30 (DOMAIN.md §2.4). */
export const defaultConceptGrid: Grid = {
  threshold: 30,
  sections: [
    {
      key: '1',
      title: 'Relevance',
      criteria: criteria('1', [
        ["Fit with the call's objectives", 10],
        ['Fit with the needs of the target country', 10],
        ['Stakeholders and target groups', 5],
        ['Added value', 5],
      ]),
    },
    {
      key: '2',
      title: 'Design',
      criteria: criteria('2', [
        ['Coherence of the design', 10],
        ['Feasibility and consistency with the results', 10],
      ]),
    },
  ],
}

/**
 * Full application grid, 100 points; capacity below 12 of 20 eliminates.
 * Design (15) is the coherence of the design (10) and the logframe (5),
 * which assessors score beside the structured logframe.
 */
export const defaultFullGrid: Grid = {
  threshold: 50,
  sections: [
    {
      key: '1',
      title: 'Financial and operational capacity',
      eliminatoryMinimum: 12,
      criteria: criteria('1', [
        ['Management experience', 5],
        ['Technical expertise', 5],
        ['Management capacity, staff and equipment', 5],
        ['Stable and sufficient sources of finance', 5],
      ]),
    },
    {
      key: '2',
      title: 'Relevance',
      criteria: criteria('2', [
        ['Relevance to the objectives of the call', 10],
        ['Relevance to the needs of the target groups', 10],
        ['Definition of target groups and stakeholders', 10],
      ]),
    },
    {
      key: '3',
      title: 'Design',
      criteria: [
        { key: '3.1', title: 'Coherence of the design', maxScore: 10 },
        {
          key: '3.2',
          title:
            'Logframe: objectives, results with indicators (baselines and targets) and activities',
          maxScore: 5,
          logframe: true,
        },
      ],
    },
    {
      key: '4',
      title: 'Implementation approach',
      criteria: criteria('4', [['Action plan and monitoring', 15]]),
    },
    {
      key: '5',
      title: 'Sustainability',
      criteria: criteria('5', [['Sustainability of the results', 10]]),
    },
    {
      key: '6',
      title: 'Budget and cost-effectiveness',
      criteria: criteria('6', [['Budget and cost-effectiveness', 10]]),
    },
  ],
}
