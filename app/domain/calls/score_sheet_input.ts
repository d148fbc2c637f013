import type { Grid, ScoreSheet } from '#domain/calls/grid'

export type ScoreProblem = { key: string; title: string; max: number; problem: 'missing' | 'range' }

/**
 * Reads a score sheet as typed: every criterion of the grid needs a whole
 * number from 0 to its maximum. Returns the scores that are valid and one
 * problem per criterion that is not, so the form can name each of them.
 */
export function readScoreSheet(grid: Grid, typed: Record<string, string | null | undefined>) {
  const scores: ScoreSheet = {}
  const problems: ScoreProblem[] = []
  for (const section of grid.sections) {
    for (const criterion of section.criteria) {
      const text = String(typed[criterion.key] ?? '').trim()
      const base = { key: criterion.key, title: criterion.title, max: criterion.maxScore }
      if (text === '') {
        problems.push({ ...base, problem: 'missing' })
      } else if (!/^\d{1,3}$/.test(text) || Number(text) > criterion.maxScore) {
        problems.push({ ...base, problem: 'range' })
      } else {
        scores[criterion.key] = Number(text)
      }
    }
  }
  return { scores, problems }
}
