import type ExcelJS from 'exceljs'
import { Readable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type yauzl from 'yauzl'
import { parseAmountToCents } from '#validators/money'
import type { VatTreatment } from '#domain/reports/eligibility'
import { vatTreatments } from '#domain/reports/eligibility'

/**
 * Reads an expense-line import file (CSV or XLSX) and validates every row.
 * Every problem is reported with its row and column; the lines come back
 * only when there is none, so the caller saves all the lines or nothing.
 *
 * Nothing in an upload is trusted to be small. An XLSX is a ZIP: its
 * central directory is checked with yauzl (entry count, declared size,
 * compression ratio) and every entry is inflated once while counting the
 * bytes, before ExcelJS reads the first sheet with its streaming reader.
 * CSV goes through csv-parse's streaming parser. Rows, columns and cell
 * lengths are capped while reading, so a hostile file is refused without
 * ever being held in memory (see importLimits).
 *
 * Amounts become integer cents without float arithmetic; exchange rates
 * stay decimal strings (DOMAIN-RULES §2, STYLE §5).
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

/**
 * Columns that the lines CSV export adds after the import columns (the
 * verification): the import reads past them, so an exported file re-imports.
 */
export const exportOnlyColumns = [
  'position',
  'claimed_eur',
  'receipts',
  'flags',
  'admitted_eur',
  'admission_reason',
] as const

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

/**
 * A message as a key of `texts.imports` and its values, said in the
 * reader's language where it is shown (the page, the API): this module
 * also runs in a worker thread, without the app's languages.
 */
export interface ImportText {
  key: string
  values: Record<string, string | number>
}

export function importText(key: string, values: ImportText['values'] = {}): ImportText {
  return { key, values }
}

/**
 * An import message in the reader's language; an import kept from before
 * messages were keys has only its English `message`.
 */
export function importErrorText(
  error: { key?: string; values?: ImportText['values']; message?: string },
  reader: { t(key: string, data?: Record<string, unknown>): string }
) {
  return error.key ? reader.t(error.key, error.values ?? {}) : (error.message ?? '')
}

export interface ImportError extends ImportText {
  /** 1-based row in the file; 0 for a problem with the file as a whole. */
  row: number
  /** A column of `importColumns`, the header text of an unknown column, 'row' or 'file'. */
  column: string
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
  /** Data rows allowed in one file; default importLimits.maxRows. */
  maxRows?: number
}

export interface ImportResult {
  /** Empty unless `errors` is empty. */
  lines: ImportedLine[]
  errors: ImportError[]
}

/**
 * What an import file may hold. The upload itself is capped at
 * `maxFileBytes` by the body parser of the import routes.
 */
export const importLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxRows: 50_000,
  maxColumns: 64,
  /** Excel's own limit for the text of one cell. */
  maxCellLength: 32_767,
  /** XLSX: entries in the ZIP, bytes once inflated (all entries together), and inflated/compressed. */
  maxZipEntries: 1_000,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  /** Entries smaller than this are not held to the ratio (tiny XML parts compress well). */
  ratioCheckedFromBytes: 1024 * 1024,
  /** Row errors kept; the rest are counted in one more error. */
  maxErrors: 1_000,
} as const

export const defaultMaxImportRows = importLimits.maxRows

const maxLength = { supplier: 255, description: 2000, rate_source: 255, receipt_number: 80 }

/** A cell as read: text (CSV, text cells), or a number or date from an XLSX cell. */
type Cell = string | number | Date

interface SheetRow {
  row: number
  cells: Cell[]
}

/** A problem with the file as a whole: reported at row 0, column "file". */
export class FileProblem extends Error {
  constructor(readonly reason: ImportText) {
    super(reason.key)
  }
}

/** A problem with the file as a whole, as an import error. */
export function fileError(reason: ImportText): ImportError {
  return { row: 0, column: 'file', ...reason }
}

export async function parseExpenseFile(
  bytes: Buffer,
  fileName: string,
  context: ImportContext,
  onProgress?: (done: number, total: number) => void
): Promise<ImportResult> {
  const maxRows = context.maxRows ?? importLimits.maxRows
  let read: { rows: SheetRow[]; dataRows: number; firstOverCap: number | null }
  try {
    read = await readRows(bytes, fileName, maxRows)
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error
    return failed([fileError(error.reason)])
  }

  const [header, ...data] = read.rows
  if (!header)
    return failed([fileError(importText('texts.imports.file_empty', { file: fileName }))])

  const { columns, errors } = readHeader(header)
  if (errors.length > 0) return failed(errors)

  if (data.length === 0) {
    return failed([fileError(importText('texts.imports.no_lines', { file: fileName }))])
  }
  if (read.firstOverCap !== null) {
    return failed([
      {
        row: read.firstOverCap,
        column: 'file',
        ...importText('texts.imports.too_many_rows', { count: read.dataRows, max: maxRows }),
      },
    ])
  }

  const rowValidator = new RowValidator(context, columns, header.cells.length)
  const lines: ImportedLine[] = []
  let failedRows = 0
  for (const [index, row] of data.entries()) {
    const before = errors.length
    const line = rowValidator.validate(row, errors)
    if (line) lines.push(line)
    if (errors.length > before) failedRows++
    if (errors.length > importLimits.maxErrors) errors.length = importLimits.maxErrors
    const done = index + 1
    if (onProgress && (done % 100 === 0 || done === data.length)) {
      onProgress(done, data.length)
      await nextTurn()
    }
  }
  if (errors.length >= importLimits.maxErrors) {
    errors.push(
      fileError(
        importText('texts.imports.too_many_errors', {
          count: failedRows,
          max: importLimits.maxErrors,
        })
      )
    )
  }
  return errors.length > 0 ? failed(errors) : { lines, errors }
}

function failed(errors: ImportError[]): ImportResult {
  return { lines: [], errors }
}

/* ------------------------------------------------------------------ */
/* Reading the file                                                    */
/* ------------------------------------------------------------------ */

/**
 * The non-blank rows, header first. Data rows past `maxRows` are counted
 * but not kept; any other cap stops the reading with a FileProblem.
 */
async function readRows(bytes: Buffer, fileName: string, maxRows: number) {
  const rows: SheetRow[] = []
  let dataRows = 0
  let firstOverCap: number | null = null
  const accept = (row: SheetRow) => {
    if (row.cells.length > importLimits.maxColumns) {
      throw new FileProblem(
        importText('texts.imports.too_many_columns', {
          row: row.row,
          file: fileName,
          count: row.cells.length,
          max: importLimits.maxColumns,
        })
      )
    }
    for (const cell of row.cells) {
      if (typeof cell === 'string' && cell.length > importLimits.maxCellLength) {
        throw new FileProblem(
          importText('texts.imports.cell_too_long', {
            row: row.row,
            file: fileName,
            length: cell.length,
            max: importLimits.maxCellLength,
          })
        )
      }
    }
    if (!row.cells.some((cell) => !isBlank(cell))) return
    if (rows.length === 0) {
      rows.push(row)
      return
    }
    dataRows++
    if (dataRows <= maxRows) rows.push(row)
    else firstOverCap ??= row.row
  }
  if (isZip(bytes)) {
    await inspectZip(bytes, fileName)
    await readXlsx(bytes, fileName, accept)
  } else {
    await readCsv(bytes, fileName, accept)
  }
  return { rows, dataRows, firstOverCap }
}

function isZip(bytes: Buffer) {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304
}

function isOleContainer(bytes: Buffer) {
  return bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0
}

function megabytes(bytes: number) {
  return Math.round(bytes / (1024 * 1024))
}

/** What the central directory says of one entry, as yauzl read it. */
export interface CentralEntry {
  fileNameRaw: Buffer
  generalPurposeBitFlag: number
  compressionMethod: number
  crc32: number
  compressedSize: number
  uncompressedSize: number
  relativeOffsetOfLocalHeader: number
}

/**
 * Why the local file headers of a ZIP disagree with its central directory,
 * or null when they agree. yauzl (the bomb checks) follows the central
 * directory while ExcelJS's reader follows the local headers, so a file
 * whose two views differ could pass the checks and inflate something else:
 * every entry's local header must sit where the directory says and name
 * the same file, method, CRC and sizes (sizes and CRC may be zero when a
 * data descriptor follows, bit 3), and the entries must tile the file from
 * byte 0 to the directory with no overlap and no gap (nothing hidden).
 */
export function localHeaderMismatch(bytes: Buffer, entries: readonly CentralEntry[]) {
  const directoryAt = centralDirectoryOffset(bytes)
  if (directoryAt === null) return 'its end of central directory cannot be read'
  const sorted = [...entries].sort(
    (a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader
  )
  let expected = 0
  for (const entry of sorted) {
    const at = entry.relativeOffsetOfLocalHeader
    const name = entry.fileNameRaw.toString('latin1')
    if (at < expected) return `the entry "${name}" overlaps the entry before it`
    if (at > expected) return `there are ${at - expected} unlisted bytes before the entry "${name}"`
    if (at + 30 > directoryAt || bytes.readUInt32LE(at) !== 0x04034b50) {
      return `the entry "${name}" has no local header where the directory says`
    }
    const flags = bytes.readUInt16LE(at + 6)
    const method = bytes.readUInt16LE(at + 8)
    const crc = bytes.readUInt32LE(at + 14)
    const compressed = bytes.readUInt32LE(at + 18)
    const uncompressed = bytes.readUInt32LE(at + 22)
    const nameLength = bytes.readUInt16LE(at + 26)
    const extraLength = bytes.readUInt16LE(at + 28)
    const dataAt = at + 30 + nameLength + extraLength
    if (dataAt > directoryAt) return `the local header of "${name}" runs into the directory`
    if (!bytes.subarray(at + 30, at + 30 + nameLength).equals(entry.fileNameRaw)) {
      return `the entry "${name}" has another name in its local header`
    }
    if (method !== entry.compressionMethod) {
      return `the entry "${name}" has another compression method in its local header`
    }
    const described = (flags & 0x08) !== 0
    const agrees = (local: number, central: number) =>
      local === central >>> 0 || (described && local === 0)
    if (!agrees(crc, entry.crc32)) return `the entry "${name}" has another CRC in its local header`
    if (
      !agrees(compressed, entry.compressedSize) ||
      !agrees(uncompressed, entry.uncompressedSize)
    ) {
      return `the entry "${name}" has other sizes in its local header`
    }
    expected = dataAt + entry.compressedSize
    if (described) {
      // The data descriptor: CRC and both sizes, with or without its signature.
      const signed = expected + 4 <= bytes.length && bytes.readUInt32LE(expected) === 0x08074b50
      expected += signed ? 16 : 12
    }
    if (expected > directoryAt) return `the entry "${name}" runs into the directory`
  }
  if (expected !== directoryAt) {
    return `there are ${directoryAt - expected} unlisted bytes before the directory`
  }
  return null
}

/** Where the central directory starts, from the end-of-central-directory record; null for ZIP64 or none. */
function centralDirectoryOffset(bytes: Buffer) {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (bytes.readUInt32LE(at) !== 0x06054b50) continue
    const offset = bytes.readUInt32LE(at + 16)
    return offset === 0xffffffff || offset > at ? null : offset
  }
  return null
}

/**
 * Refuses a ZIP bomb before any XML is parsed: too many entries, too many
 * bytes declared in the central directory, an entry that compresses too
 * well, local headers that disagree with the central directory, or more
 * bytes inflated than declared or allowed. The whole directory is checked
 * before anything is inflated; then every entry is inflated once here,
 * counting bytes and keeping none.
 */
export async function inspectZip(bytes: Buffer, fileName: string): Promise<void> {
  /* The readers load on first import, not with the app (ADR 0034). */
  const { default: zipReader } = await import('yauzl')
  const unreadable = importText('texts.imports.not_xlsx', { file: fileName })
  const tooBig = importText('texts.imports.zip_too_big', {
    file: fileName,
    size: megabytes(importLimits.maxInflatedBytes),
  })
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (error?: Error) => {
      if (settled) return
      settled = true
      if (error) reject(error)
      else resolve()
    }
    zipReader.fromBuffer(
      bytes,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (openError, zip) => {
        if (openError || !zip) return settle(new FileProblem(unreadable))
        const entries: yauzl.Entry[] = []
        let declared = 0
        let inflated = 0
        const fail = (reason: ImportText) => {
          zip.close()
          settle(new FileProblem(reason))
        }
        zip.on('error', () => fail(unreadable))
        zip.on('entry', (entry: yauzl.Entry) => {
          if (settled) return
          entries.push(entry)
          if (entries.length > importLimits.maxZipEntries) {
            return fail(
              importText('texts.imports.zip_too_many_parts', {
                file: fileName,
                max: importLimits.maxZipEntries,
              })
            )
          }
          declared += entry.uncompressedSize
          if (declared > importLimits.maxInflatedBytes) return fail(tooBig)
          if (
            entry.uncompressedSize >= importLimits.ratioCheckedFromBytes &&
            entry.uncompressedSize >
              importLimits.maxCompressionRatio * Math.max(1, entry.compressedSize)
          ) {
            return fail(
              importText('texts.imports.zip_ratio', {
                file: fileName,
                ratio: importLimits.maxCompressionRatio,
              })
            )
          }
          zip.readEntry()
        })
        zip.on('end', () => {
          if (settled) return
          const mismatch = localHeaderMismatch(bytes, entries as unknown as CentralEntry[])
          if (mismatch) {
            return fail(importText('texts.imports.zip_crafted', { file: fileName, mismatch }))
          }
          const inflateNext = (index: number) => {
            if (settled) return
            const entry = entries[index]
            if (!entry) {
              zip.close()
              return settle()
            }
            if (entry.fileName.endsWith('/')) return inflateNext(index + 1)
            zip.openReadStream(entry, (streamError, stream) => {
              if (streamError || !stream) return fail(unreadable)
              stream.on('data', (chunk: Buffer) => {
                inflated += chunk.length
                if (inflated > importLimits.maxInflatedBytes) {
                  stream.destroy()
                  fail(tooBig)
                }
              })
              stream.on('error', () => fail(unreadable))
              stream.on('end', () => inflateNext(index + 1))
            })
          }
          inflateNext(0)
        })
        zip.readEntry()
      }
    )
  })
}

/** The first worksheet, row by row, with ExcelJS's streaming reader. */
async function readXlsx(bytes: Buffer, fileName: string, accept: (row: SheetRow) => void) {
  const { default: excel } = await import('exceljs')
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  let sheets = 0
  try {
    for await (const sheet of reader) {
      sheets++
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : []
        const width = Math.max(0, values.length - 1)
        if (width > importLimits.maxColumns) {
          throw new FileProblem(
            importText('texts.imports.too_many_columns', {
              row: row.number,
              file: fileName,
              count: width,
              max: importLimits.maxColumns,
            })
          )
        }
        const cells: Cell[] = []
        for (let column = 1; column <= width; column++) {
          cells.push(fromExcel(values[column] as ExcelJS.CellValue | undefined))
        }
        accept({ row: row.number, cells })
      }
      break
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error
    throw new FileProblem(importText('texts.imports.not_xlsx', { file: fileName }))
  }
  if (sheets === 0)
    throw new FileProblem(importText('texts.imports.no_worksheet', { file: fileName }))
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

async function readCsv(bytes: Buffer, fileName: string, accept: (row: SheetRow) => void) {
  if (isOleContainer(bytes)) {
    throw new FileProblem(importText('texts.imports.old_excel', { file: fileName }))
  }
  let content: string
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new FileProblem(importText('texts.imports.not_text', { file: fileName }))
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1)
  if (content.includes('\u0000')) {
    throw new FileProblem(importText('texts.imports.not_text', { file: fileName }))
  }

  const { parse: parseCsv } = await import('csv-parse')
  const headerLine = firstFilledLine(content)
  const count = (character: string) => headerLine.split(character).length - 1
  const delimiter = count(';') > count(',') ? ';' : ','

  const parser = Readable.from([content]).pipe(
    parseCsv({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: importLimits.maxCellLength + 1,
    })
  )
  let row = 0
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      accept({ row: ++row, cells })
    }
  } catch (error) {
    parser.destroy()
    if (error instanceof FileProblem) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new FileProblem(importText('texts.imports.bad_csv', { file: fileName, reason }))
  }
}

/** The first line with anything but spaces, looked up without splitting the whole text. */
function firstFilledLine(content: string) {
  let from = 0
  while (from < content.length) {
    const match = /\r\n|\n|\r/.exec(content.slice(from, from + 65_536))
    const end = match ? from + match.index : Math.min(content.length, from + 65_536)
    const line = content.slice(from, end)
    if (line.trim() !== '') return line
    if (!match) return line
    from = end + match[0].length
  }
  return ''
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
    if (name === '' || (exportOnlyColumns as readonly string[]).includes(name)) return
    const column = importColumns.find((known) => known === name)
    if (!column) {
      errors.push({
        row: header.row,
        column: text(cell),
        ...importText('texts.imports.unknown_column', {
          name: text(cell),
          columns: importColumns.join(', '),
        }),
      })
    } else if (columns.has(column)) {
      errors.push({
        row: header.row,
        column,
        ...importText('texts.imports.column_twice', { column }),
      })
    } else {
      columns.set(column, index)
    }
  })
  for (const column of requiredImportColumns) {
    if (!columns.has(column)) {
      errors.push({
        row: header.row,
        column,
        ...importText('texts.imports.column_missing', { column }),
      })
    }
  }
  return { columns, errors }
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

type Checked<T> = { value: T } | { error: ImportText }

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
        errors.push({ row, column, ...result.error })
        return null
      }
      return result.value
    }

    const extra = sheetRow.cells.slice(this.headerWidth).filter((value) => !isBlank(value))
    if (extra.length > 0) {
      errors.push({
        row,
        column: 'row',
        ...importText('texts.imports.extra_cells', {
          count: extra.length,
          example: text(extra[0]),
        }),
      })
    }

    const spentOn = check('date', checkDate(cell('date')))
    const supplier = check('supplier', checkText('supplier', cell('supplier'), maxLength.supplier))
    const description = check(
      'description',
      checkText('description', cell('description'), maxLength.description)
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
      checkOptionalText('rate_source', cell('rate_source'), maxLength.rate_source)
    )
    const vat = check('vat', checkVat(cell('vat')))
    const receiptNumber = check(
      'receipt_number',
      checkOptionalText('receipt_number', cell('receipt_number'), maxLength.receipt_number)
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
    if (typed === '') return { error: importText('texts.imports.budget_line_required') }
    if (/^\d+$/.test(typed)) {
      const id = this.lineByNumber.get(Number(typed))
      if (id !== undefined) return { value: id }
    }
    const ids = this.linesByLabel.get(typed.toLowerCase()) ?? []
    if (ids.length === 1) return { value: ids[0] }
    if (ids.length > 1) {
      return {
        error: importText('texts.imports.budget_line_ambiguous', { typed, count: ids.length }),
      }
    }
    return { error: importText('texts.imports.budget_line_unknown', { typed }) }
  }

  private checkStandard(value: Cell): Checked<string> {
    const typed = text(value)
    if (typed === '') return { error: importText('texts.imports.standard_required') }
    const code = this.standards.get(typed.toLowerCase())
    if (code) return { value: code }
    return {
      error: importText('texts.imports.standard_unknown', {
        typed,
        standards: [...this.standards.values()].join(', '),
      }),
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

/** The text columns, as named in `texts.imports.required.*` and `texts.imports.too_long.*`. */
type TextColumn = 'supplier' | 'description' | 'rate_source' | 'receipt_number'

function checkText(column: TextColumn, cell: Cell, max: number): Checked<string> {
  const value = text(cell)
  if (value === '') return { error: importText(`texts.imports.required.${column}`) }
  return checkLength(column, value, max)
}

function checkOptionalText(column: TextColumn, cell: Cell, max: number): Checked<string | null> {
  const value = text(cell)
  if (value === '') return { value: null }
  return checkLength(column, value, max)
}

function checkLength(column: TextColumn, value: string, max: number): Checked<string> {
  const length = characters(value)
  if (length > max)
    return { error: importText(`texts.imports.too_long.${column}`, { length, max }) }
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
    return iso ? { value: iso } : { error: importText('texts.imports.date_cell_invalid') }
  }
  const typed = text(cell)
  if (typed === '') return { error: importText('texts.imports.date_required') }
  const invalid = { error: importText('texts.imports.date_invalid', { typed }) }
  if (typeof cell === 'number') return invalid
  const iso = typed.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  const local = typed.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/)
  const parts = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : null
  if (!parts) return invalid
  const value = isoFromParts(Number(parts[0]), Number(parts[1]), Number(parts[2]))
  return value ? { value } : { error: importText('texts.imports.date_not_exist', { typed }) }
}

/**
 * Text goes through parseAmountToCents, like every amount typed in the
 * app: "12 500,50", "12.500,50", "12,500.50"; "1.234" is 1 234.00 there.
 * A numeric XLSX cell is turned into cents from its shortest string form
 * (no float multiplication), refusing more than 2 decimals.
 */
function checkAmount(cell: Cell): Checked<number> {
  const typed = text(cell)
  if (typed === '') return { error: importText('texts.imports.amount_required') }
  const notAnAmount = { error: importText('texts.imports.amount_invalid', { typed }) }
  const tooPrecise = { error: importText('texts.imports.amount_too_precise', { typed }) }
  const notPositive = { error: importText('texts.imports.amount_not_positive', { typed }) }
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
    return { error: importText('texts.imports.currency_invalid', { typed }) }
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
      : { error: importText('texts.imports.rate_required', { currency }) }
  }
  const match = typed.match(/^(\d{1,12})(?:[.,](\d+))?$/)
  if (!match) {
    return /e-/.test(typed)
      ? { error: importText('texts.imports.rate_too_precise', { typed }) }
      : { error: importText('texts.imports.rate_invalid', { typed }) }
  }
  const decimals = match[2] ?? ''
  if (decimals.length > 6) return { error: importText('texts.imports.rate_too_precise', { typed }) }
  if (/^0*$/.test(match[1]) && /^0*$/.test(decimals)) {
    return { error: importText('texts.imports.rate_not_positive', { typed }) }
  }
  const rate = decimals === '' ? match[1] : `${match[1]}.${decimals}`
  if (currency === 'EUR') {
    const isOne = /^0*1$/.test(match[1]) && /^0*$/.test(decimals)
    return isOne ? { value: null } : { error: importText('texts.imports.rate_for_eur', { typed }) }
  }
  return { value: rate }
}

function checkVat(cell: Cell): Checked<VatTreatment> {
  const typed = text(cell)
  if (typed === '') return { value: 'exempt' }
  const name = typed.toLowerCase().replace(/[\s-]+/g, '_')
  const vat = vatTreatments.find((treatment) => treatment === name)
  if (vat) return { value: vat }
  return {
    error: importText('texts.imports.vat_invalid', { typed, treatments: vatTreatments.join(', ') }),
  }
}

function checkCountry(cell: Cell): Checked<string> {
  const typed = text(cell)
  if (typed === '') return { value: 'XK' }
  if (!/^[A-Za-z]{2}$/.test(typed)) {
    return { error: importText('texts.imports.country_invalid', { typed }) }
  }
  return { value: typed.toUpperCase() }
}
