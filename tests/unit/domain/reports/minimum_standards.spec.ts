import { test } from '@japa/runner'
import {
  complianceLevels,
  defaultMinimumStandards,
  isComplianceLevel,
  isStandardCode,
  minimumStandardCodes,
  standardCodes,
  standardLocales,
  standardSetInForce,
  standardTitle,
} from '#domain/reports/minimum_standards'

test.group('Minimum standards | default catalogue', () => {
  test('has MS-01 to MS-10 in order, plus organisational among the codes', ({ assert }) => {
    assert.deepEqual(
      defaultMinimumStandards.map((s) => s.code),
      [...minimumStandardCodes]
    )
    assert.lengthOf(minimumStandardCodes, 10)
    assert.equal(standardCodes[standardCodes.length - 1], 'organisational')
    assert.deepEqual([...complianceLevels], ['met', 'partly', 'not_met'])
  })

  test('every standard has a title, a description and 2–4 criteria in en, sq and sr', ({
    assert,
  }) => {
    const criterionCodes = new Set<string>()
    for (const standard of defaultMinimumStandards) {
      assert.isAtLeast(standard.criteria.length, 2, standard.code)
      assert.isAtMost(standard.criteria.length, 4, standard.code)
      for (const locale of standardLocales) {
        assert.isAbove(standard.title[locale].trim().length, 0)
        assert.isAbove(standard.description[locale].trim().length, 0)
        for (const criterion of standard.criteria) {
          assert.isAbove(criterion.text[locale].trim().length, 0)
        }
      }
      for (const criterion of standard.criteria) {
        assert.isTrue(criterion.code.startsWith(`${standard.code}.`))
        assert.isFalse(criterionCodes.has(criterion.code), criterion.code)
        criterionCodes.add(criterion.code)
      }
    }
  })

  test('carries the figures of DOMAIN-RULES §8', ({ assert }) => {
    const find = (code: string) => defaultMinimumStandards.find((s) => s.code === code)!
    assert.include(find('MS-05').description.en, '90 days')
    assert.include(find('MS-05').description.sq, '90 ditësh')
    assert.include(find('MS-05').description.sr, '90 dana')
    assert.include(find('MS-08').description.en, '6 and 12 months')
    assert.include(find('MS-01').description.en, '24 hours a day')
  })

  test('titles, including organisational, and type guards', ({ assert }) => {
    assert.equal(standardTitle('MS-04', 'sq'), 'Këshillim psikologjik')
    assert.equal(standardTitle('MS-04', 'sr'), 'Psihološko savetovanje')
    assert.match(standardTitle('organisational'), /Organisational/)
    assert.isTrue(isStandardCode('MS-10'))
    assert.isFalse(isStandardCode('MS-11'))
    assert.isTrue(isComplianceLevel('partly'))
    assert.isFalse(isComplianceLevel('partial'))
  })
})

test.group('Minimum standards | versions by date', () => {
  const rows = [
    { code: 'MS-01', from: '2000-01-01', title: 'old' },
    { code: 'MS-02', from: '2000-01-01', title: 'old' },
    { code: 'MS-01', from: '2027-01-01', title: 'new' },
    { code: 'MS-02', from: '2027-01-01', title: 'new' },
  ]
  const titles = (date: string) =>
    standardSetInForce(rows, date, (row) => row.from).map((row) => `${row.code}:${row.title}`)

  test('the set in force is the newest version on or before the date, whole', ({ assert }) => {
    assert.deepEqual(titles('1999-12-31'), [])
    assert.deepEqual(titles('2026-12-31'), ['MS-01:old', 'MS-02:old'])
    assert.deepEqual(titles('2027-01-01'), ['MS-01:new', 'MS-02:new'])
    assert.deepEqual(titles('2030-06-01'), ['MS-01:new', 'MS-02:new'])
    assert.throws(() => titles('someday'))
  })
})
