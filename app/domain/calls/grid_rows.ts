import type { Grid, GridSection } from '#domain/calls/grid'

/**
 * The evaluation grid as the grid editor posts it: one row per criterion
 * (section, section title, eliminatory minimum, criterion key, label and
 * maximum score, weight: a blank weight is 1, and whether it scores the
 * logframe) plus the pass mark.
 * Rows left blank or marked for removal are dropped; rows of the same
 * section number form one section, in the order they first appear. The
 * result is checked by `gridProblems` like any other grid.
 */
export interface GridRow {
  section?: string
  sectionTitle?: string
  eliminatory?: string
  key?: string
  title?: string
  maxScore?: string
  weight?: string
  logframe?: string
  remove?: string
}

export function gridFromRows(rows: readonly GridRow[], threshold: string | undefined): Grid {
  const sections = new Map<string, GridSection>()
  for (const row of rows) {
    if (!row || row.remove) continue
    const texts = [row.section, row.sectionTitle, row.key, row.title, row.maxScore].map((v) =>
      typeof v === 'string' ? v.trim() : ''
    )
    if (texts.every((v) => v === '')) continue
    const [sectionKey, sectionTitle, key, title, maxScore] = texts
    let section = sections.get(sectionKey)
    if (!section) {
      section = { key: sectionKey, title: sectionTitle, criteria: [], eliminatoryMinimum: null }
      sections.set(sectionKey, section)
    }
    if (!section.title && sectionTitle) section.title = sectionTitle
    const eliminatory = typeof row.eliminatory === 'string' ? row.eliminatory.trim() : ''
    if (eliminatory !== '' && section.eliminatoryMinimum === null)
      section.eliminatoryMinimum = wholeNumber(eliminatory)
    const weight = typeof row.weight === 'string' ? row.weight.trim() : ''
    section.criteria.push({
      key,
      title,
      maxScore: wholeNumber(maxScore),
      ...(weight === '' || weight === '1' ? {} : { weight: wholeNumber(weight) }),
      ...(row.logframe ? { logframe: true } : {}),
    })
  }
  return {
    sections: [...sections.values()],
    threshold: wholeNumber(typeof threshold === 'string' ? threshold.trim() : ''),
  }
}

/** "12" → 12; anything else → NaN, which `gridProblems` reports. */
function wholeNumber(text: string) {
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN
}
