import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import i18nManager from '@adonisjs/i18n/services/main'
import {
  importColumns,
  importErrorText,
  parseExpenseFile as parseFile,
  type ImportContext,
  type ImportedLine,
} from '#services/expense_import'
import { lyingZipBombXlsx, zipBombXlsx } from '#tests/zip_bomb'

const standardCodes = [
  ...Array.from({ length: 10 }, (_, index) => `MS-${String(index + 1).padStart(2, '0')}`),
  'organisational',
]

/** Positions start at 0, as the app stores them; people number the lines from 1. */
const context: ImportContext = {
  budgetLines: [
    { id: 101, position: 0, label: 'Security staff' },
    { id: 102, position: 1, label: 'Social workers' },
    { id: 103, position: 2, label: 'Food and hygiene' },
    { id: 104, position: 3, label: 'Medical supplies' },
    { id: 105, position: 4, label: 'Rent' },
    { id: 106, position: 5, label: 'Training materials' },
  ],
  standardCodes,
}

const header = importColumns.join(',')

/** The file read, its errors as people read them in English. */
async function parseExpenseFile(...args: Parameters<typeof parseFile>) {
  const result = await parseFile(...args)
  const english = i18nManager.locale('en')
  return {
    ...result,
    errors: result.errors.map((error) => ({
      row: error.row,
      column: error.column,
      message: importErrorText(error, english),
    })),
  }
}

function csv(...lines: string[]) {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')
}

async function xlsx(rows: ExcelJS.CellValue[][], dateFormat = 'dd.mm.yyyy') {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Expenses')
  for (const values of rows) {
    const row = sheet.addRow(values)
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = dateFormat
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function utcDate(iso: string) {
  return new Date(`${iso}T00:00:00Z`)
}

test.group('Expense import: valid files', () => {
  test('a comma-separated CSV becomes lines with cents, ids and canonical codes', async ({
    assert,
  }) => {
    const result = await parseExpenseFile(
      csv(
        header,
        '2025-03-14,Shpresa Catering,"Meals, March",3,ms-02,"1 250,50",,,,,F-0142',
        '15.03.2025,Alb Security,Guards,security staff,MS-01,2.100,eur,,,EXEMPT,',
        '',
        '1.4.2025,Beogradska Knjižara,Textbooks,6,MS-06,5400,rsd,"117,1956",InforEuro,not applicable,BK-31'
      ),
      'lines.csv',
      context
    )

    assert.deepEqual(result.errors, [])
    assert.deepEqual(result.lines, [
      {
        row: 2,
        spentOn: '2025-03-14',
        supplier: 'Shpresa Catering',
        description: 'Meals, March',
        budgetLineId: 103,
        standard: 'MS-02',
        amountCents: 125050,
        currency: 'EUR',
        exchangeRate: null,
        rateSource: null,
        vat: 'exempt',
        receiptNumber: 'F-0142',
        supplierCountry: 'XK',
      },
      {
        row: 3,
        spentOn: '2025-03-15',
        supplier: 'Alb Security',
        description: 'Guards',
        budgetLineId: 101,
        standard: 'MS-01',
        amountCents: 210000,
        currency: 'EUR',
        exchangeRate: null,
        rateSource: null,
        vat: 'exempt',
        receiptNumber: null,
        supplierCountry: 'XK',
      },
      {
        row: 5,
        spentOn: '2025-04-01',
        supplier: 'Beogradska Knjižara',
        description: 'Textbooks',
        budgetLineId: 106,
        standard: 'MS-06',
        amountCents: 540000,
        currency: 'RSD',
        exchangeRate: '117.1956',
        rateSource: 'InforEuro',
        vat: 'not_applicable',
        receiptNumber: 'BK-31',
        supplierCountry: 'XK',
      },
    ] satisfies ImportedLine[])
  })

  test('a semicolon-separated CSV with a BOM and headers in any case', async ({ assert }) => {
    const text =
      '\uFEFFDate; Supplier ;DESCRIPTION;Budget line;standard;amount\n' +
      '14.03.2025;Apteka;First aid;Medical supplies;MS-03;86,40\n' +
      '2025-03-20;Kopshti;Vegetables;3;organisational;1.234,5\n'
    const result = await parseExpenseFile(Buffer.from(text, 'utf8'), 'lines.csv', context)

    assert.deepEqual(result.errors, [])
    assert.deepEqual(
      result.lines.map((line) => [line.row, line.spentOn, line.budgetLineId, line.amountCents]),
      [
        [2, '2025-03-14', 104, 8640],
        [3, '2025-03-20', 103, 123450],
      ]
    )
    assert.equal(result.lines[1].standard, 'organisational')
    assert.equal(result.lines[0].currency, 'EUR')
  })

  test('an XLSX with real date and numeric cells', async ({ assert }) => {
    const bytes = await xlsx([
      [...importColumns],
      [utcDate('2025-03-14'), 'Shpresa Catering', 'Meals', 3, 'MS-02', 1250.5],
      [
        utcDate('2025-02-28'),
        'Beogradska Knjižara',
        { richText: [{ text: 'Text' }, { text: 'books' }] },
        'Training materials',
        'ms-06',
        5400,
        'RSD',
        117.1956,
        'InforEuro',
        'exempt',
        48213,
      ],
      [],
      ['2025-03-31', 'Alb Security', 'Guards', '1', 'MS-01', '2 100,00', 'EUR', 1],
      ['20.03.2025', 'Apteka', 'Plasters', 4, 'MS-03', 0.1],
    ])

    const result = await parseExpenseFile(bytes, 'lines.xlsx', context)

    assert.deepEqual(result.errors, [])
    assert.deepEqual(
      result.lines.map((line) => [
        line.row,
        line.spentOn,
        line.description,
        line.budgetLineId,
        line.standard,
        line.amountCents,
        line.currency,
        line.exchangeRate,
        line.receiptNumber,
      ]),
      [
        [2, '2025-03-14', 'Meals', 103, 'MS-02', 125050, 'EUR', null, null],
        [3, '2025-02-28', 'Textbooks', 106, 'MS-06', 540000, 'RSD', '117.1956', '48213'],
        [5, '2025-03-31', 'Guards', 101, 'MS-01', 210000, 'EUR', null, null],
        [6, '2025-03-20', 'Plasters', 104, 'MS-03', 10, 'EUR', null, null],
      ]
    )
  })

  test('the sample file for people is valid', async ({ assert }) => {
    const bytes = await readFile(app.makePath('public/samples/expense_lines.csv'))
    const result = await parseExpenseFile(bytes, 'expense_lines.csv', context)
    assert.deepEqual(result.errors, [])
    assert.lengthOf(result.lines, 4)
  })
})

test.group('Expense import: invalid files', () => {
  test('every error of every row is reported with its row and column, and no line', async ({
    assert,
  }) => {
    const result = await parseExpenseFile(
      csv(
        header,
        '2025-03-14,Shpresa Catering,Meals,3,MS-02,125.50,,,,,F-1',
        '2025-02-30,,Meals,9,MS-11,abc,,,,,',
        '14/03/2025,Apteka,,Rent,MS-03,0,EURO,,,included,',
        `2025-03-14,${'S'.repeat(256)},Meals,2,MS-02,-5,EUR,117.5,,exempt,${'R'.repeat(81)}`
      ),
      'lines.csv',
      context
    )

    assert.deepEqual(result.lines, [])
    assert.deepEqual(result.errors, [
      { row: 3, column: 'date', message: 'Date "2025-02-30" does not exist' },
      { row: 3, column: 'supplier', message: 'Supplier is required' },
      { row: 3, column: 'budget_line', message: 'Unknown budget line "9"' },
      {
        row: 3,
        column: 'standard',
        message: `Unknown standard "MS-11"; use one of ${standardCodes.join(', ')}`,
      },
      { row: 3, column: 'amount', message: 'Amount "abc" is not an amount like 12 500,00' },
      {
        row: 4,
        column: 'date',
        message: 'Date "14/03/2025" is not a date like 2025-03-14 or 14.03.2025',
      },
      { row: 4, column: 'description', message: 'Description is required' },
      { row: 4, column: 'amount', message: 'Amount "0" must be more than 0' },
      {
        row: 4,
        column: 'currency',
        message: 'Currency "EURO" is not a 3-letter ISO code like EUR',
      },
      {
        row: 4,
        column: 'vat',
        message:
          'VAT "included" is not one of exempt, not_applicable, recoverable_included, non_recoverable_included',
      },
      {
        row: 5,
        column: 'supplier',
        message: 'Supplier has 256 characters; at most 255 are allowed',
      },
      { row: 5, column: 'amount', message: 'Amount "-5" must be more than 0' },
      {
        row: 5,
        column: 'exchange_rate',
        message: 'Exchange rate "117.5" given for an amount in EUR',
      },
      {
        row: 5,
        column: 'receipt_number',
        message: 'Receipt number has 81 characters; at most 80 are allowed',
      },
    ])
  })

  test('missing header columns are named at row 1', async ({ assert }) => {
    const result = await parseExpenseFile(
      csv('date;supplier;amount;notes', '2025-03-14;Shpresa;12'),
      'lines.csv',
      context
    )
    assert.deepEqual(result.lines, [])
    assert.deepEqual(
      result.errors.map((error) => [error.row, error.column]),
      [
        [1, 'notes'],
        [1, 'description'],
        [1, 'budget_line'],
        [1, 'standard'],
      ]
    )
    assert.equal(result.errors[1].message, 'Column "description" is missing')
  })

  test('a row in another currency needs an exchange rate', async ({ assert }) => {
    const result = await parseExpenseFile(
      csv(
        header,
        '2025-03-14,Knjižara,Books,6,MS-06,5400,RSD,,,,',
        '2025-03-14,Knjižara,Books,6,MS-06,5400,RSD,117.12345678,,,',
        '2025-03-14,Knjižara,Books,6,MS-06,5400,RSD,0,,,'
      ),
      'lines.csv',
      context
    )
    assert.deepEqual(result.lines, [])
    assert.deepEqual(result.errors, [
      {
        row: 2,
        column: 'exchange_rate',
        message: 'Exchange rate is required for an amount in RSD',
      },
      {
        row: 3,
        column: 'exchange_rate',
        message: 'Exchange rate "117.12345678" has more than 6 decimals',
      },
      { row: 4, column: 'exchange_rate', message: 'Exchange rate "0" must be more than 0' },
    ])
  })

  test('amounts with more than 2 decimals are refused, in text and in numeric cells', async ({
    assert,
  }) => {
    const fromCsv = await parseExpenseFile(
      csv(
        header,
        '2025-03-14,Apteka,Plasters,4,MS-03,0.125,,,,,',
        '2025-03-14,Apteka,Plasters,4,MS-03,12.3456,,,,,',
        '2025-03-14,Apteka,Plasters,4,MS-03,"1.234,567",,,,,'
      ),
      'lines.csv',
      context
    )
    assert.deepEqual(fromCsv.lines, [])
    assert.deepEqual(
      fromCsv.errors.map((error) => [error.row, error.column, error.message]),
      [
        [2, 'amount', 'Amount "0.125" has more than 2 decimals'],
        [3, 'amount', 'Amount "12.3456" has more than 2 decimals'],
        [4, 'amount', 'Amount "1.234,567" has more than 2 decimals'],
      ]
    )

    const fromXlsx = await parseExpenseFile(
      await xlsx([
        [...importColumns],
        ['2025-03-14', 'Apteka', 'Plasters', 4, 'MS-03', 12.345],
        ['2025-03-14', 'Apteka', 'Plasters', 4, 'MS-03', 0.1 + 0.2],
      ]),
      'lines.xlsx',
      context
    )
    assert.deepEqual(fromXlsx.lines, [])
    assert.deepEqual(
      fromXlsx.errors.map((error) => [error.row, error.column, error.message]),
      [
        [2, 'amount', 'Amount "12.345" has more than 2 decimals'],
        [3, 'amount', 'Amount "0.30000000000000004" has more than 2 decimals'],
      ]
    )
  })

  test('a number in the date column is not guessed to be a date', async ({ assert }) => {
    const result = await parseExpenseFile(
      await xlsx([[...importColumns], [45730, 'Apteka', 'Plasters', 4, 'MS-03', 10]]),
      'lines.xlsx',
      context
    )
    assert.deepEqual(result.errors, [
      {
        row: 2,
        column: 'date',
        message: 'Date "45730" is not a date like 2025-03-14 or 14.03.2025',
      },
    ])
  })

  test('garbage, an old .xls, a broken ZIP and an empty file are file errors at row 0', async ({
    assert,
  }) => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x80, 0x81, 0xc3, 0x28, 0x00, 0x01])
    const oldXls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    const brokenZip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)])

    for (const [bytes, name] of [
      [garbage, 'lines.csv'],
      [oldXls, 'lines.xls'],
      [brokenZip, 'lines.xlsx'],
      [Buffer.from('\uFEFF\r\n  \r\n', 'utf8'), 'empty.csv'],
      [csv(header), 'header-only.csv'],
    ] as const) {
      const result = await parseExpenseFile(bytes, name, context)
      assert.deepEqual(result.lines, [], name)
      assert.lengthOf(result.errors, 1, name)
      assert.equal(result.errors[0].row, 0, name)
      assert.equal(result.errors[0].column, 'file', name)
      assert.include(result.errors[0].message, name)
    }
  })

  test('more rows than allowed is one error', async ({ assert }) => {
    const row = '2025-03-14,Apteka,Plasters,4,MS-03,10,,,,,'
    const result = await parseExpenseFile(csv(header, row, row, row, row), 'lines.csv', {
      ...context,
      maxRows: 3,
    })
    assert.deepEqual(result, {
      lines: [],
      errors: [
        {
          row: 5,
          column: 'file',
          message: 'The file has 4 lines; at most 3 can be imported at once',
        },
      ],
    })
  })
})

test.group('Expense import: progress', () => {
  test('progress is reported every 100 rows and at the end', async ({ assert }) => {
    const rows = Array.from(
      { length: 250 },
      (_, index) => `2025-03-14,Apteka,Plasters ${index + 1},4,MS-03,10,,,,,R-${index + 1}`
    )
    const calls: [number, number][] = []
    const result = await parseExpenseFile(
      csv(header, ...rows),
      'lines.csv',
      context,
      (done, total) => calls.push([done, total])
    )

    assert.deepEqual(result.errors, [])
    assert.lengthOf(result.lines, 250)
    assert.equal(result.lines[249].row, 251)
    assert.deepEqual(calls, [
      [100, 250],
      [200, 250],
      [250, 250],
    ])
  })
})

test.group('Expense import: supplier country', () => {
  test('an optional column: empty is XK (Kosovo), a code is upper-cased, anything else is refused', async ({
    assert,
  }) => {
    const good = await parseExpenseFile(
      csv(
        'date,supplier,description,budget_line,standard,amount,supplier_country',
        '2025-03-14,Viva,Food,1,MS-02,10,',
        '2025-03-14,Maxi,Food,1,MS-02,11,rs'
      ),
      'lines.csv',
      context
    )
    assert.deepEqual(
      good.lines.map((line) => line.supplierCountry),
      ['XK', 'RS']
    )
    const bad = await parseExpenseFile(
      csv(
        'date,supplier,description,budget_line,standard,amount,supplier_country',
        '2025-03-14,Viva,Food,1,MS-02,10,Kosovo'
      ),
      'lines.csv',
      context
    )
    assert.deepEqual(bad.lines, [])
    assert.deepEqual(
      bad.errors.map((error) => [error.row, error.column]),
      [[2, 'supplier_country']]
    )
  })

  test('the grantee late-cost box is not a column of the format', async ({ assert }) => {
    const result = await parseExpenseFile(
      csv(
        'date,supplier,description,budget_line,standard,amount,late_cost_allowed',
        '2025-03-14,Audit firm,Final audit,1,MS-02,10,true'
      ),
      'lines.csv',
      context
    )
    assert.deepEqual(
      result.errors.map((error) => [error.row, error.column]),
      [[1, 'late_cost_allowed']]
    )
  })
})

test.group('Expense import: hostile files', () => {
  test('a ZIP bomb XLSX is refused quickly, with bounded memory', async ({ assert }) => {
    const bomb = await zipBombXlsx()
    assert.isBelow(bomb.length, 1024 * 1024)
    global.gc?.()
    const before = process.memoryUsage().rss
    const started = performance.now()
    const result = await parseExpenseFile(bomb, 'bomb.xlsx', context)
    assert.isBelow(performance.now() - started, 2000)
    assert.isBelow(process.memoryUsage().rss - before, 150 * 1024 * 1024)
    assert.deepEqual(result.lines, [])
    assert.lengthOf(result.errors, 1)
    assert.equal(result.errors[0].column, 'file')
    assert.include(result.errors[0].message, 'ZIP bomb')
  })

  test('a ZIP bomb whose headers lie about its size is stopped while inflating', async ({
    assert,
  }) => {
    const bomb = await lyingZipBombXlsx()
    const before = process.memoryUsage().rss
    const result = await parseExpenseFile(bomb, 'bomb.xlsx', context)
    assert.isBelow(process.memoryUsage().rss - before, 150 * 1024 * 1024)
    assert.deepEqual(result.lines, [])
    assert.lengthOf(result.errors, 1)
    assert.equal(result.errors[0].row, 0)
    assert.include(result.errors[0].message, 'bomb.xlsx')
  })

  test('more columns than allowed, or a giant cell, refuse the file', async ({ assert }) => {
    const wide = await parseExpenseFile(
      csv(header, `2025-03-14,Apteka,Plasters,4,MS-03,10${',x'.repeat(70)}`),
      'wide.csv',
      context
    )
    assert.deepEqual(wide.lines, [])
    assert.include(wide.errors[0].message, 'at most 64 are read')

    const wideSheet = await parseExpenseFile(
      await xlsx([[...importColumns], Array.from({ length: 70 }, () => 'x')]),
      'wide.xlsx',
      context
    )
    assert.include(wideSheet.errors[0].message, 'at most 64 are read')

    const giant = await parseExpenseFile(
      csv(header, `2025-03-14,Apteka,${'a'.repeat(40_000)},4,MS-03,10`),
      'giant.csv',
      context
    )
    assert.deepEqual(giant.lines, [])
    assert.equal(giant.errors[0].column, 'file')
  })

  test('the default cap is 50 000 lines: one more is refused, counted', async ({ assert }) => {
    const row = '2025-03-14,Apteka,Plasters,4,MS-03,10,,,,,,'
    const result = await parseExpenseFile(
      csv(header, ...Array.from({ length: 50_001 }, () => row)),
      'lines.csv',
      context
    )
    assert.deepEqual(result, {
      lines: [],
      errors: [
        {
          row: 50_002,
          column: 'file',
          message: 'The file has 50001 lines; at most 50000 can be imported at once',
        },
      ],
    })
  })
})
