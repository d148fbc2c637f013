/** What the search page looks through, and the keys it sorts by. */
export const searchTypes = ['grants', 'applications', 'organisations', 'reports'] as const
export type SearchType = (typeof searchTypes)[number]

export const searchSorts = ['reference', 'name', 'status', 'date', 'period'] as const
export type SearchSort = (typeof searchSorts)[number]

/** The sort keys each type accepts; the first is its default. */
export const sortsOf: Record<SearchType, readonly SearchSort[]> = {
  grants: ['reference', 'date', 'status'],
  applications: ['date', 'name', 'status'],
  organisations: ['name', 'date'],
  reports: ['date', 'period', 'status'],
}

export interface SearchInput {
  q?: string
  type?: SearchType
  status?: string
  period?: number
  sort?: SearchSort
  direction?: 'asc' | 'desc'
  page?: number
}

/** The filters as a query string to save and reopen (without the page number). */
export function viewQuery(input: SearchInput) {
  const params = new URLSearchParams()
  for (const key of ['q', 'type', 'status', 'period', 'sort', 'direction'] as const) {
    const value = input[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  return params.toString()
}
