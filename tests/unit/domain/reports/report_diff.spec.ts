import { test } from '@japa/runner'
import type { DiffableLine } from '#domain/reports/report_diff'
import { diffLines } from '#domain/reports/report_diff'

const line = (id: number, claimedCents: number, supplier = 'Market'): DiffableLine => ({
  id,
  spentOn: '2027-02-01',
  supplier,
  description: 'Food',
  budgetLine: 'Basic needs',
  standard: 'MS-02',
  claimedCents,
})

test.group('Report diff', () => {
  test('added, removed and changed lines, field by field', ({ assert }) => {
    const changes = diffLines([line(1, 1000), line(2, 500)], [line(1, 900, 'Shop'), line(3, 200)])
    assert.deepEqual(
      changes.map((c) => [c.kind, c.line.id]),
      [
        ['changed', 1],
        ['added', 3],
        ['removed', 2],
      ]
    )
    const changed = changes[0]
    assert.deepEqual(changed.kind === 'changed' ? changed.fields : [], [
      { field: 'supplier', before: 'Market', after: 'Shop' },
      { field: 'claimedCents', before: 1000, after: 900 },
    ])
  })

  test('an unchanged report has no changes', ({ assert }) => {
    assert.deepEqual(diffLines([line(1, 1000)], [line(1, 1000)]), [])
  })
})
