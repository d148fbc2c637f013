import { test } from '@japa/runner'
import { enteredActuals, formatTargets, parseTargets } from '#domain/results/framework'
import { parseQuarter, quarterContaining, quartersUpTo } from '#domain/results/quarter'

test.group('Results framework | targets and entered values', () => {
  test('targets typed as year=value, both ways', ({ assert }) => {
    assert.deepEqual(parseTargets('2026=11, 2027: 12\n2028=13'), { 2026: 11, 2027: 12, 2028: 13 })
    assert.deepEqual(parseTargets(''), {})
    assert.isNull(parseTargets('2026=eleven'))
    assert.isNull(parseTargets('26=11'))
    assert.equal(formatTargets({ 2027: 12, 2026: 11 }), '2026=11, 2027=12')
  })

  test('the latest entry per year and grant counts; the year sums the grants', ({ assert }) => {
    const { byYear, byGrant } = enteredActuals([
      { year: 2026, grantId: 1, value: 6 },
      { year: 2026, grantId: null, value: 1 },
      { year: 2026, grantId: 1, value: 7 },
      { year: 2027, grantId: 2, value: 3 },
    ])
    assert.deepEqual(
      [...byYear],
      [
        [2026, 8],
        [2027, 3],
      ]
    )
    assert.deepEqual(
      [...byGrant],
      [
        ['1|2026', 7],
        ['2|2027', 3],
      ]
    )
    assert.throws(() => enteredActuals([{ year: 2026, grantId: null, value: -1 }]), RangeError)
  })
})

test.group('Results framework | quarters', () => {
  test('a quarter’s first and last day', ({ assert }) => {
    assert.deepEqual(parseQuarter('2026-Q4'), {
      key: '2026-Q4',
      year: 2026,
      number: 4,
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
    })
    assert.equal(parseQuarter('2026-Q1')!.endsOn, '2026-03-31')
    assert.isNull(parseQuarter('2026-Q5'))
    assert.isNull(parseQuarter('Q4 2026'))
    assert.equal(quarterContaining('2026-08-15').key, '2026-Q3')
  })

  test('the quarters up to one, at most a limit of the latest', ({ assert }) => {
    const keys = quartersUpTo(parseQuarter('2025-Q3')!, parseQuarter('2026-Q2')!, 8).map(
      (q) => q.key
    )
    assert.deepEqual(keys, ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'])
    assert.lengthOf(quartersUpTo(parseQuarter('2020-Q1')!, parseQuarter('2026-Q2')!, 8), 8)
  })
})
