import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { parseInforEuroCsv } from '#services/inforeuro_import'

const csv = (...lines: string[]) => Buffer.from(lines.join('\n'))

test.group('InforEuro import file', () => {
  test('a good file gives exact micro-unit rates with their line numbers', ({ assert }) => {
    const result = parseInforEuroCsv(
      csv(
        '\uFEFFCurrency,Month,Rate',
        'rsd,2026-03,117.1956',
        '',
        'USD,2026-03,"1,082345"',
        'ALL,2026-04,100'
      )
    )
    assert.deepEqual(result.errors, [])
    assert.deepEqual(result.rows, [
      { line: 2, currency: 'RSD', month: '2026-03', rateMicro: 117_195_600 },
      { line: 4, currency: 'USD', month: '2026-03', rateMicro: 1_082_345 },
      { line: 5, currency: 'ALL', month: '2026-04', rateMicro: 100_000_000 },
    ])
  })

  test('a semicolon file is read too', ({ assert }) => {
    const result = parseInforEuroCsv(csv('currency;month;rate', 'RSD;2026-03;117,1956'))
    assert.deepEqual(result.rows, [
      { line: 2, currency: 'RSD', month: '2026-03', rateMicro: 117_195_600 },
    ])
  })

  test('every error is listed with its line, and no rate comes back', ({ assert }) => {
    const result = parseInforEuroCsv(
      csv(
        'currency,month,rate',
        'RSD,2026-03,117.1956',
        'RSDX,2026-3,abc',
        'EUR,2026-03,1',
        'USD,2026-03,0',
        'USD,2026-03,1.0000001',
        'rsd,2026-03,117.2'
      )
    )
    assert.deepEqual(result.rows, [])
    assert.deepEqual(
      result.errors.map((error) => [error.line, error.column]),
      [
        [3, 'currency'],
        [3, 'month'],
        [3, 'rate'],
        [4, 'currency'],
        [5, 'rate'],
        [6, 'rate'],
        [7, 'row'],
      ]
    )
    const { key, values } = result.errors[6]
    assert.match(i18nManager.locale('en').t(key, values), /already on line 2/)
  })

  test('a missing or unknown column and an empty file are refused', ({ assert }) => {
    assert.deepEqual(
      parseInforEuroCsv(csv('currency,rate,value', 'RSD,1,2')).errors.map((e) => [
        e.line,
        e.column,
      ]),
      [
        [1, 'month'],
        [1, 'value'],
      ]
    )
    assert.equal(parseInforEuroCsv(csv('')).errors[0].column, 'file')
    assert.equal(parseInforEuroCsv(csv('currency,month,rate')).errors[0].column, 'file')
    assert.equal(parseInforEuroCsv(Buffer.from([0xff, 0xfe, 0x00])).errors[0].column, 'file')
  })
})
