import { parse as parseCsv } from 'csv-parse/sync'
import { parseMonth, parseRate } from '#domain/reports/exchange'

/**
 * Reads an InforEuro rates file: CSV (comma or semicolon) with the header
 * `currency,month,rate`, one row per currency and month, e.g.
 * `RSD,2026-03,117.1956`. Rates keep up to 6 decimals exactly (micro-units,
 * no float). Every problem is reported with its line number (the header is
 * line 1); the rates come back only when there is none, so the caller saves
 * all of them or nothing.
 */

export const inforEuroColumns = ['currency', 'month', 'rate'] as const

export interface InforEuroRow {
  line: number
  currency: string
  month: string
  rateMicro: number
}

export interface InforEuroImportError {
  /** 1-based line of the file; 0 for the file as a whole. */
  line: number
  column: string
  message: string
}

export const maxInforEuroRows = 5000

export function parseInforEuroCsv(bytes: Buffer | string): {
  rows: InforEuroRow[]
  errors: InforEuroImportError[]
} {
  const failed = (errors: InforEuroImportError[]) => ({ rows: [], errors })
  let content: string
  try {
    content =
      typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return failed([{ line: 0, column: 'file', message: 'The file is not UTF-8 CSV text' }])
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1)
  const firstLine = content.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? ''
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ','

  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parseCsv(content, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return failed([{ line: 0, column: 'file', message: `The file is not valid CSV: ${reason}` }])
  }
  const [header, ...data] = records
  if (!header) return failed([{ line: 0, column: 'file', message: 'The file is empty' }])

  const errors: InforEuroImportError[] = []
  const names = header.record.map((cell) => cell.toLowerCase())
  const index = new Map(inforEuroColumns.map((column) => [column, names.indexOf(column)]))
  for (const [column, at] of index) {
    if (at < 0)
      errors.push({ line: header.info.lines, column, message: `Column "${column}" is missing` })
  }
  for (const name of names) {
    if (name !== '' && !(inforEuroColumns as readonly string[]).includes(name)) {
      errors.push({ line: header.info.lines, column: name, message: `Unknown column "${name}"` })
    }
  }
  if (errors.length > 0) return failed(errors)
  if (data.length === 0)
    return failed([{ line: 0, column: 'file', message: 'The file has no rates' }])
  if (data.length > maxInforEuroRows) {
    return failed([
      {
        line: 0,
        column: 'file',
        message: `At most ${maxInforEuroRows} rates can be imported at once`,
      },
    ])
  }

  const rows: InforEuroRow[] = []
  const seen = new Map<string, number>()
  for (const { record, info } of data) {
    const line = info.lines
    const cell = (column: (typeof inforEuroColumns)[number]) => record[index.get(column)!] ?? ''
    const before = errors.length
    const currency = cell('currency').toUpperCase()
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors.push({
        line,
        column: 'currency',
        message: `Currency "${cell('currency')}" is not a 3-letter ISO code`,
      })
    } else if (currency === 'EUR') {
      errors.push({ line, column: 'currency', message: 'EUR needs no rate' })
    }
    const month = parseMonth(cell('month'))
    if (month === null) {
      errors.push({
        line,
        column: 'month',
        message: `Month "${cell('month')}" is not a month like 2026-03`,
      })
    }
    const rateMicro = parseRate(cell('rate').replace(',', '.'))
    if (rateMicro === null) {
      errors.push({
        line,
        column: 'rate',
        message: `Rate "${cell('rate')}" is not a positive decimal with at most 6 decimals, like 117.1956`,
      })
    }
    if (errors.length > before) continue
    const key = `${currency} ${month}`
    const first = seen.get(key)
    if (first !== undefined) {
      errors.push({
        line,
        column: 'row',
        message: `${currency} ${month} is already on line ${first}`,
      })
      continue
    }
    seen.set(key, line)
    rows.push({ line, currency, month: month!, rateMicro: rateMicro! })
  }
  return errors.length > 0 ? failed(errors) : { rows, errors }
}
