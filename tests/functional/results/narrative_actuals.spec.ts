import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { NarrativeStatus } from '#domain/narrative/narrative_report'
import type Grant from '#models/grant'
import Indicator from '#models/indicator'
import NarrativeReport from '#models/narrative_report'
import { narrativeReportActuals } from '#queries/narrative_actuals'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeOrganisation } from '#tests/helpers'
import { giveGrantLogframe } from '#tests/functional/narrative/fixtures'

async function narrativeIndicator() {
  return Indicator.create({
    code: `N-${Math.random().toString(36).slice(2, 7)}`,
    titleEn: 'Victims reintegrated',
    titleSq: 'Viktima të riintegruara',
    titleSr: 'Reintegrisane žrtve',
    rule: 'narrative_reports',
    measure: '',
    baselineYear: 2025,
    baselineValue: 10,
    targets: { '2026': 20 },
  })
}

/** A report of a period whose I1 (linked to the programme indicator) counts `value` people, split a/b. */
async function report(
  grant: Grant,
  periodNumber: number,
  status: NarrativeStatus,
  value: number,
  small: number
) {
  const split = { female: value - small, male: small }
  return NarrativeReport.create({
    grantId: grant.id,
    periodNumber,
    kind: 'interim',
    status,
    version: 1,
    content: {
      summary: null,
      progress: [],
      indicators: [
        {
          ref: 'I1',
          value: String(value),
          sex: split,
          ageBand: { under_18: small, adult: value - small },
          origin: { domestic: value - small, foreign: small },
        },
        { ref: 'I2', value: '18' },
      ],
      deviations: [],
      risks: null,
      lessons: null,
      visibility: null,
    },
    createdById: grant.createdById,
  })
}

async function seriesOf(indicator: Indicator, viewer: () => { insider: boolean }) {
  const series = await narrativeReportActuals([indicator], viewer, 5)
  return series.get(indicator.id)!
}

const outsider = () => ({ insider: false })
const insider = () => ({ insider: true })

test.group('Indicators computed from narrative reports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('approved reports count per year of the period end; drafts and submissions do not', async ({
    assert,
  }) => {
    const indicator = await narrativeIndicator()
    const { grant } = await makeSignedGrant()
    await giveGrantLogframe(grant.id, indicator.id)
    await report(grant, 1, 'approved', 20, 5)
    await report(grant, 2, 'submitted', 30, 10)

    const series = await seriesOf(indicator, outsider)
    assert.deepEqual(series.byYear, [{ year: 2026, value: 20, shown: { value: 20 } }])
    assert.deepEqual(
      series.byGrant.map((p) => [p.grantReference, p.year, p.shown]),
      [[grant.reference, 2026, { value: 20 }]]
    )
  })

  test('a grant whose series holds a count from 1 to 4 is hidden from outsiders, and so is the year total', async ({
    assert,
  }) => {
    const indicator = await narrativeIndicator()
    const { grant: open } = await makeSignedGrant({
      grantee: await makeOrganisation('ngo', 'Open'),
    })
    const { grant: small } = await makeSignedGrant({
      grantee: await makeOrganisation('ngo', 'Small'),
    })
    await giveGrantLogframe(open.id, indicator.id)
    await giveGrantLogframe(small.id, indicator.id)
    await report(open, 1, 'approved', 20, 5)
    await report(small, 1, 'approved', 12, 2)

    const hidden = await seriesOf(indicator, outsider)
    assert.deepEqual(
      hidden.byYear.map((p) => p.shown),
      [{ suppressed: true, mark: 'x' }]
    )
    const byGrant = new Map(hidden.byGrant.map((p) => [p.grantId, p.shown]))
    assert.deepEqual(byGrant.get(open.id), { value: 20 })
    assert.deepEqual(byGrant.get(small.id), { suppressed: true, mark: 'x' })

    const shown = await seriesOf(indicator, insider)
    assert.deepEqual(
      shown.byYear.map((p) => p.shown),
      [{ value: 32 }]
    )
  })

  test('an indicator no logframe links to has no values', async ({ assert }) => {
    const indicator = await narrativeIndicator()
    const other = await narrativeIndicator()
    const { grant } = await makeSignedGrant()
    await giveGrantLogframe(grant.id, other.id)
    await report(grant, 1, 'approved', 20, 5)
    const series = await seriesOf(indicator, insider)
    assert.deepEqual(series, { byYear: [], byGrant: [] })
  })
})
