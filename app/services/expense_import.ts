import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { parseAmountToCents } from '#validators/money'
import type { VatTreatment } from '#domain/reports/eligibility'
import { vatTreatments } from '#domain/reports/eligibility'

/**
 * Reads an expense-line import file (CSV or XLSX) and validates every row
 * (issue #6 point 2). Every problem is reported with its row and column;
 * the lines come back only when there is none, so the caller saves all
 * the lines or nothing.
 *
 * CSV goes through csv-parse (sync API), XLSX through exceljs. Amounts
 * become integer cents without float arithmetic; exchange rates stay
 * decimal strings (DOMAIN-RULES §2, STYLE §5).
 */

export const importColumns = [
  'date',
  'supplier',
  'description',
  'budget_line',
  'standard',
  'amount',
  'currency',
  'exchange_rate',
  'rate_source',
  'vat',
  'receipt_number',
  'supplier_country',
] as const
export type ImportColumn = (typeof importColumns)[number]

export const requiredImportColumns: readonly ImportColumn[] = [
  'date',
  'supplier',
  'description',
  'budget_line',
  'standard',
  'amount',
]

export interface ImportedLine {
  /** 1-based row number in the file; the header is row 1. */
  row: number
  /** YYYY-MM-DD */
  spentOn: string
  supplier: string
  description: string
  budgetLineId: number
  /** One of the context's standard codes, spelled as there. */
  standard: string
  /** In the line's currency. */
  amountCents: number
  /** ISO 4217, upper case; EUR when the cell is empty. */
  currency: string
  /** Decimal string with a dot, e.g. "117.5432"; null for EUR. */
  exchangeRate: string | null
  rateSource: string | null
  vat: VatTreatment
  receiptNumber: string | null
  /** ISO 3166 alpha-2, upper case; XK (Kosovo) when the cell is empty. */
  supplierCountry: string
}

export interface ImportError {
  /** 1-based row in the file; 0 for a problem with the file as a whole. */
  row: number
  /** A column of `importColumns`, the header text of an unknown column, 'row' or 'file'. */
  column: string
  message: string
}

export interface ImportContext {
  /**
   * The grant's current budget lines. A budget_line cell names one by its
   * number as shown to people, 1 for the first line in `position` order
   * (positions may start at 0), or by its exact label, case-insensitive.
   */
  budgetLines: { id: number; position: number; label: string }[]
  /** E.g. MS-01 … MS-10 and organisational (DOMAIN-RULES §8). */
  standardCodes: readonly string[]
  /** Data rows allowed in one file; default 5000. */
  maxRows?: number
}

export interface ImportResult {
  /** Empty unless `errors` is empty. */
  lines: ImportedLine[]
  errors: ImportError[]
}

export const defaultMaxImportRows = 5000

const maxLength = { supplier: 255, description: 2000, rate_source: 255, receipt_number: 80 }

/** A cell as read: text (CSV, text cells), or a number or date from an XLSX cell. */
type Cell = string | number | Date

interface SheetRow {
  row: number
  cells: Cell[]
}

class FileProblem extends Error {}

export async function parseExpenseFile(
  bytes: Buffer,
  fileName: string,
  context: ImportContext,
  onProgress?: (done: number, total: number) => void
): Promise<ImportResult> {
  let rows: SheetRow[]
  try {
    rows = isZip(bytes) ? await readXlsx(bytes, fileName) : readCsv(bytes, fileName)
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error
    return failed([{ row: 0, column: 'file', message: error.message }])
  }

  const filled = rows.filter((row) => row.cells.some((cell) => !isBlank(cell)))
  const [header, ...data] = filled
  if (!header) return failed([{ row: 0, column: 'file', message: `"${fileName}" is empty` }])

  const { columns, errors } = readHeader(header)
  if (errors.length > 0) return failed(errors)

  if (data.length === 0) {
    return failed([{ row: 0, column: 'file', message: `"${fileName}" has no expense lines` }])
  }
  const maxRows = context.maxRows ?? defaultMaxImportRows
  if (data.length > maxRows) {
    return failed([
      {
        row: data[maxRows].row,
        column: 'file',
        message: `The file has ${data.length} lines; at most ${maxRows} can be imported at once`,
      },
    ])
  }

  const rowValidator = new RowValidator(context, columns, header.cells.length)
  const lines: ImportedLine[] = []
  for (const [index, row] of data.entries()) {
    const line = rowValidator.validate(row, errors)
    if (line) lines.push(line)
    const done = index + 1
    if (onProgress && (done % 100 === 0 || done === data.length)) {
      onProgress(done, data.length)
      await nextTurn()
    }
  }
  return errors.length > 0 ? failed(errors) : { lines, errors }
}

function failed(errors: ImportError[]): ImportResult {
  return { lines: [], errors }
}

/* ------------------------------------------------------------------ */
/* Reading the file                                                    */
/* ------------------------------------------------------------------ */

function isZip(bytes: Buffer) {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304
}

function isOleContainer(bytes: Buffer) {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0
}

async function readXlsx(bytes: Buffer, fileName: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  } catch {
    throw new FileProblem(`"${fileName}" is not a readable XLSX workbook`)
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new FileProblem(`"${fileName}" has no worksheet`)

  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = []
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = fromExcel(cell.value)
    })
    rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') })
  })
  return rows
}

/** Plain value of an exceljs cell: formulas give their cached result. */
function fromExcel(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('error' in value) return String(value.error)
  if ('formula' in value || 'sharedFormula' in value) return fromExcel(value.result)
  if ('hyperlink' in value) return fromExcel(value.text as ExcelJS.CellValue)
  return ''
}

function readCsv(bytes: Buffer, fileName: string): SheetRow[] {
  if (isOleContainer(bytes)) {
    throw new FileProblem(
      `"${fileName}" is an old Excel 97–2003 (.xls) or encrypted file: save it as .xlsx or CSV`
    )
  }
  let content: string
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new FileProblem(`"${fileName}" is neither an XLSX workbook nor UTF-8 CSV text`)
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1)
  if (content.includes('\u0000')) {
    throw new FileProblem(`"${fileName}" is neither an XLSX workbook nor UTF-8 CSV text`)
  }

  const headerLine = content.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? ''
  const count = (character: string) => headerLine.split(character).length - 1
  const delimiter = count(';') > count(',') ? ';' : ','

  let records: string[][]
  try {
    records = parseCsv(content, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new FileProblem(`"${fileName}" is not valid CSV: ${reason}`)
  }
  return records.map((cells, index) => ({ row: index + 1, cells }))
}

/* ------------------------------------------------------------------ */
/* Header                                                              */
/* ------------------------------------------------------------------ */

function headerName(cell: Cell) {
  return text(cell)
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

function readHeader(header: SheetRow) {
  const errors: ImportError[] = []
  const columns = new Map<ImportColumn, number>()
  header.cells.forEach((cell, index) => {
    const name = headerName(cell)
    if (name === '') return
    const column = importColumns.find((known) => known === name)
    if (!column) {
      errors.push({
        row: header.row,
        column: text(cell),
        message: `Unknown column "${text(cell)}"; the columns are ${importColumns.join(', ')}`,
      })
    } else if (columns.has(column)) {
      errors.push({ row: header.row, column, message: `Column "${column}" appears twice` })
    } else {
      columns.set(column, index)
    }
  })
  for (const column of requiredImportColumns) {
    if (!columns.has(column)) {
      errors.push({ row: header.row, column, message: `Column "${column}" is missing` })
    }
  }
  return { columns, errors }
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

type Checked<T> = { value: T } | { error: string }

class RowValidator {
  private readonly lineByNumber = new Map<number, number>()
  private readonly linesByLabel = new Map<string, number[]>()
  private readonly standards = new Map<string, string>()

  constructor(
    context: ImportContext,
    private readonly columns: Map<ImportColumn, number>,
    private readonly headerWidth: number
  ) {
    const ordered = [...context.budgetLines].sort((a, b) => a.position - b.position)
    ordered.forEach((line, index) => {
      this.lineByNumber.set(index + 1, line.id)
      const label = line.label.trim().toLowerCase()
      this.linesByLabel.set(label, [...(this.linesByLabel.get(label) ?? []), line.id])
    })
    for (const code of context.standardCodes) this.standards.set(code.toLowerCase(), code)
  }

  validate(sheetRow: SheetRow, errors: ImportError[]): ImportedLine | null {
    const before = errors.length
    const { row } = sheetRow
    const cell = (column: ImportColumn): Cell => {
      const index = this.columns.get(column)
      return index === undefined ? '' : (sheetRow.cells[index] ?? '')
    }
    const check = <T>(column: ImportColumn, result: Checked<T>): T | null => {
      if ('error' in result) {
        errors.push({ row, column, message: result.error })
        return null
      }
      return result.value
    }

    const extra = sheetRow.cells.slice(this.headerWidth).filter((value) => !isBlank(value))
    if (extra.length > 0) {
      errors.push({
        row,
        column: 'row',
        message: `The row has ${extra.length} filled cell(s) beyond the header's columns, e.g. "${text(extra[0])}"`,
      })
    }

    const spentOn = check('date', checkDate(cell('date')))
    const supplier = check('supplier', checkText('Supplier', cell('supplier'), maxLength.supplier))
    const description = check(
      'description',
      checkText('Description', cell('description'), maxLength.description)
    )
    const budgetLineId = check('budget_line', this.checkBudgetLine(cell('budget_line')))
    const standard = check('standard', this.checkStandard(cell('standard')))
    const amountCents = check('amount', checkAmount(cell('amount')))
    const currency = check('currency', checkCurrency(cell('currency')))
    const exchangeRate = check(
      'exchange_rate',
      checkExchangeRate(cell('exchange_rate'), currency ?? 'EUR')
    )
    const rateSource = check(
      'rate_source',
      checkOptionalText('Rate source', cell('rate_source'), maxLength.rate_source)
    )
    const vat = check('vat', checkVat(cell('vat')))
    const receiptNumber = check(
      'receipt_number',
      checkOptionalText('Receipt number', cell('receipt_number'), maxLength.receipt_number)
    )

    const supplierCountry = check('supplier_country', checkCountry(cell('supplier_country')))

    if (errors.length > before) return null
    return {
      row,
      spentOn: spentOn!,
      supplier: supplier!,
      description: description!,
      budgetLineId: budgetLineId!,
      standard: standard!,
      amountCents: amountCents!,
      currency: currency!,
      exchangeRate,
      rateSource,
      vat: vat!,
      receiptNumber,
      supplierCountry: supplierCountry!,
    }
  }

  private checkBudgetLine(value: Cell): Checked<number> {
    const typed = text(value)
    if (typed === '') return { error: 'Budget line is required' }
    if (/^\d+$/.test(typed)) {
      const id = this.lineByNumber.get(Number(typed))
      if (id !== undefined) return { value: id }
    }
    const ids = this.linesByLabel.get(typed.toLowerCase()) ?? []
    if (ids.length === 1) return { value: ids[0] }
    if (ids.length > 1) {
      return { error: `Budget line "${typed}" matches ${ids.length} lines: use its number` }
    }
    return { error: `Unknown budget line "${typed}"` }
  }

  private checkStandard(value: Cell): Checked<string> {
    const typed = text(value)
    if (typed === '') return { error: 'Standard is required' }
    const code = this.standards.get(typed.toLowerCase())
    if (code) return { value: code }
    return {
      error: `Unknown standard "${typed}"; use one of ${[...this.standards.values()].join(', ')}`,
    }
  }
}

/** Text of a cell: trimmed; a date cell as YYYY-MM-DD. */
function text(cell: Cell): string {
  if (cell instanceof Date) return isoFromDate(cell) ?? ''
  if (typeof cell === 'number') return String(cell)
  return cell.trim()
}

function isBlank(cell: Cell) {
  return typeof cell === 'string' && cell.trim() === ''
}

function characters(value: string) {
  return [...value].length
}

function checkText(label: string, cell: Cell, max: number): Checked<string> {
  const value = text(cell)
  if (value === '') return { error: `${label} is required` }
  const length = characters(value)
  if (length > max)
    return { error: `${label} has ${length} characters; at most ${max} are allowed` }
  return { value }
}

function checkOptionalText(label: string, cell: Cell, max: number): Checked<string | null> {
  const value = text(cell)
  if (value === '') return { value: null }
  const length = characters(value)
  if (length > max)
    return { error: `${label} has ${length} characters; at most ${max} are allowed` }
  return { value }
}

function isoFromDate(date: Date) {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10)
}

function isoFromParts(year: number, month: number, day: number) {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null
  if (date.getUTCDate() !== day) return null
  return isoFromDate(date)
}

/**
 * YYYY-MM-DD, DD.MM.YYYY (day and month may have one digit) or a date
 * cell. exceljs reads date cells as UTC midnights, so the UTC date is the
 * calendar date typed. A plain number is refused rather than guessed.
 */
function checkDate(cell: Cell): Checked<string> {
  if (cell instanceof Date) {
    const iso = isoFromDate(cell)
    return iso ? { value: iso } : { error: 'Date cell holds no valid date' }
  }
  const typed = text(cell)
  if (typed === '') return { error: 'Date is required' }
  const invalid = {
    error: `Date "${typed}" is not a date like 2025-03-14 or 14.03.2025`,
  }
  if (typeof cell === 'number') return invalid
  const iso = typed.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  const local = typed.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/)
  const parts = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : null
  if (!parts) return invalid
  const value = isoFromParts(Number(parts[0]), Number(parts[1]), Number(parts[2]))
  return value ? { value } : { error: `Date "${typed}" does not exist` }
}

/**
 * Text goes through parseAmountToCents, like every amount typed in the
 * app: "12 500,50", "12.500,50", "12,500.50"; "1.234" is 1 234.00 there.
 * A numeric XLSX cell is turned into cents from its shortest string form
 * (no float multiplication), refusing more than 2 decimals.
 */
function checkAmount(cell: Cell): Checked<number> {
  const typed = text(cell)
  if (typed === '') return { error: 'Amount is required' }
  const notAnAmount = { error: `Amount "${typed}" is not an amount like 12 500,00` }
  const tooPrecise = { error: `Amount "${typed}" has more than 2 decimals` }
  const notPositive = { error: `Amount "${typed}" must be more than 0` }
  if (cell instanceof Date) return notAnAmount

  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return notAnAmount
    if (cell <= 0) return notPositive
    const match = typed.match(/^\d+(?:\.(\d+))?$/)
    if (!match) return /e-/.test(typed) ? tooPrecise : notAnAmount
    if ((match[1] ?? '').length > 2) return tooPrecise
  } else {
    const compact = typed.replace(/[\s\u00a0']/g, '')
    if (/^[-−]/.test(compact)) return notPositive
    // parseAmountToCents reads "0.125" as 125.00 and "1.234,567" as
    // 1 234 567.00 (separators taken for grouping): both have 3 decimals.
    if (/^0+[.,]\d{3}/.test(compact)) return tooPrecise
    if (compact.includes('.') && compact.includes(',') && /[.,]\d{3,}$/.test(compact)) {
      return tooPrecise
    }
    if (parseAmountToCents(typed) === null) {
      return /^[\d.,]*[.,]\d{3,}$/.test(compact) ? tooPrecise : notAnAmount
    }
  }
  const cents = parseAmountToCents(typed)
  if (cents === null) return notAnAmount
  if (cents <= 0) return notPositive
  return { value: cents }
}

function checkCurrency(cell: Cell): Checked<string> {
  const typed = text(cell)
  if (typed === '') return { value: 'EUR' }
  if (!/^[A-Za-z]{3}$/.test(typed)) {
    return { error: `Currency "${typed}" is not a 3-letter ISO code like EUR` }
  }
  return { value: typed.toUpperCase() }
}

/**
 * Required for a currency other than EUR: a positive decimal with up to 6
 * decimals, kept as a string (a comma decimal separator becomes a dot).
 * For EUR the cell may be empty or 1, and the line carries no rate.
 */
function checkExchangeRate(cell: Cell, currency: string): Checked<string | null> {
  const typed = text(cell)
  if (typed === '') {
    return currency === 'EUR'
      ? { value: null }
      : { error: `Exchange rate is required for an amount in ${currency}` }
  }
  const match = typed.match(/^(\d{1,12})(?:[.,](\d+))?$/)
  if (!match) {
    return /e-/.test(typed)
      ? { error: `Exchange rate "${typed}" has more than 6 decimals` }
      : { error: `Exchange rate "${typed}" is not a positive decimal like 117.5432` }
  }
  const decimals = match[2] ?? ''
  if (decimals.length > 6) return { error: `Exchange rate "${typed}" has more than 6 decimals` }
  if (/^0*$/.test(match[1]) && /^0*$/.test(decimals)) {
    return { error: `Exchange rate "${typed}" must be more than 0` }
  }
  const rate = decimals === '' ? match[1] : `${match[1]}.${decimals}`
  if (currency === 'EUR') {
    const isOne = /^0*1$/.test(match[1]) && /^0*$/.test(decimals)
    return isOne
      ? { value: null }
      : { error: `Exchange rate "${typed}" given for an amount in EUR` }
  }
  return { value: rate }
}

function checkVat(cell: Cell): Checked<VatTreatment> {
  const typed = text(cell)
  if (typed === '') return { value: 'exempt' }
  const name = typed.toLowerCase().replace(/[\s-]+/g, '_')
  const vat = vatTreatments.find((treatment) => treatment === name)
  if (vat) return { value: vat }
  return { error: `VAT "${typed}" is not one of ${vatTreatments.join(', ')}` }
}

function checkCountry(cell: Cell): Checked<string> {
  const typed = text(cell)
  if (typed === '') return { value: 'XK' }
  if (!/^[A-Za-z]{2}$/.test(typed)) {
    return { error: `Supplier country "${typed}" is not a 2-letter code like XK` }
  }
  return { value: typed.toUpperCase() }
}
