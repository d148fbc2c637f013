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

/** A problem with the file: a key of `texts.inforeuro` and its values, said in the reader's language. */
export interface InforEuroImportError {
  /** 1-based line of the file; 0 for the file as a whole. */
  line: number
  column: string
  key: string
  values: Record<string, string | number>
}

function problem(
  line: number,
  column: string,
  key: string,
  values: InforEuroImportError['values'] = {}
): InforEuroImportError {
  return { line, column, key: `texts.inforeuro.${key}`, values }
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
    return failed([problem(0, 'file', 'not_text')])
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
    return failed([problem(0, 'file', 'bad_csv', { reason })])
  }
  const [header, ...data] = records
  if (!header) return failed([problem(0, 'file', 'empty')])

  const errors: InforEuroImportError[] = []
  const names = header.record.map((cell) => cell.toLowerCase())
  const index = new Map(inforEuroColumns.map((column) => [column, names.indexOf(column)]))
  for (const [column, at] of index) {
    if (at < 0) errors.push(problem(header.info.lines, column, 'column_missing', { column }))
  }
  for (const name of names) {
    if (name !== '' && !(inforEuroColumns as readonly string[]).includes(name)) {
      errors.push(problem(header.info.lines, name, 'unknown_column', { name }))
    }
  }
  if (errors.length > 0) return failed(errors)
  if (data.length === 0) return failed([problem(0, 'file', 'no_rates')])
  if (data.length > maxInforEuroRows) {
    return failed([problem(0, 'file', 'too_many_rates', { max: maxInforEuroRows })])
  }

  const rows: InforEuroRow[] = []
  const seen = new Map<string, number>()
  for (const { record, info } of data) {
    const line = info.lines
    const cell = (column: (typeof inforEuroColumns)[number]) => record[index.get(column)!] ?? ''
    const before = errors.length
    const currency = cell('currency').toUpperCase()
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors.push(problem(line, 'currency', 'currency_invalid', { typed: cell('currency') }))
    } else if (currency === 'EUR') {
      errors.push(problem(line, 'currency', 'eur_needs_no_rate'))
    }
    const month = parseMonth(cell('month'))
    if (month === null) {
      errors.push(problem(line, 'month', 'month_invalid', { typed: cell('month') }))
    }
    const rateMicro = parseRate(cell('rate').replace(',', '.'))
    if (rateMicro === null) {
      errors.push(problem(line, 'rate', 'rate_invalid', { typed: cell('rate') }))
    }
    if (errors.length > before) continue
    const key = `${currency} ${month}`
    const first = seen.get(key)
    if (first !== undefined) {
      errors.push(problem(line, 'row', 'duplicate', { currency, month: month!, first }))
      continue
    }
    seen.set(key, line)
    rows.push({ line, currency, month: month!, rateMicro: rateMicro! })
  }
  return errors.length > 0 ? failed(errors) : { rows, errors }
}
