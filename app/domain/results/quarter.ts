/** A calendar quarter such as `2026-Q4`: its first and last day as ISO dates. */
export interface Quarter {
  key: string
  year: number
  number: 1 | 2 | 3 | 4
  startsOn: string
  endsOn: string
}

const lastDays = ['03-31', '06-30', '09-30', '12-31'] as const

/** The quarter `2026-Q4` names, or null when the text is not a quarter. */
export function parseQuarter(text: string): Quarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(text.trim())
  if (!match) return null
  return quarterOf(Number(match[1]), Number(match[2]) as Quarter['number'])
}

export function quarterOf(year: number, number: Quarter['number']): Quarter {
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    key: `${year}-Q${number}`,
    year,
    number,
    startsOn: `${year}-${pad((number - 1) * 3 + 1)}-01`,
    endsOn: `${year}-${lastDays[number - 1]}`,
  }
}

/** The quarter an ISO date (`YYYY-MM-DD…`) falls in. */
export function quarterContaining(date: string): Quarter {
  const month = Number(date.slice(5, 7))
  return quarterOf(Number(date.slice(0, 4)), (Math.floor((month - 1) / 3) + 1) as Quarter['number'])
}

/** The quarter before. */
export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.number === 1
    ? quarterOf(quarter.year - 1, 4)
    : quarterOf(quarter.year, (quarter.number - 1) as Quarter['number'])
}

/** The quarters from `first` to `last` inclusive, at most `limit` of the latest. */
export function quartersUpTo(first: Quarter, last: Quarter, limit: number): Quarter[] {
  const list: Quarter[] = []
  let at = last
  while (list.length < limit && at.startsOn >= first.startsOn) {
    list.unshift(at)
    at = previousQuarter(at)
  }
  return list
}
