import { stringify } from 'csv-stringify/sync'

/**
 * CSV for exports (RFC 4180 quoting by csv-stringify). Text cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe;
 * numbers, negative ones included ("-25791.80"), stay numbers.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]) {
  const safe = rows.map((row) => row.map((cell) => (isFormula(cell) ? `'${cell}` : cell)))
  return stringify([header, ...safe])
}

/** Text starting with = + - @ tab or CR, unless it is only a (negative) number. */
function isFormula(cell: string | number | null) {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) && !/^-\d+(?:[.,]\d+)*$/.test(cell)
}
