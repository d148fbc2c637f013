import { stringify } from 'csv-stringify/sync'

/**
 * CSV for exports (RFC 4180 quoting by csv-stringify). Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]) {
  const safe = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))
  )
  return stringify([header, ...safe])
}
