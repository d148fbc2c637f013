import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import testUtils from '@adonisjs/core/services/test_utils'
import { leadPeriodFor } from '#domain/narrative/roll_up'
import type { NarrativeStatus } from '#domain/narrative/narrative_report'
import type Grant from '#models/grant'
import Indicator from '#models/indicator'
import NarrativeReport from '#models/narrative_report'
import { narrativeReportActuals } from '#queries/narrative_actuals'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'
import { giveGrantLogframe } from './fixtures.js'

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-roll-up-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

/** A report whose I1 (linked to the programme indicator) counts `value` women, all adults and domestic. */
function report(grant: Grant, periodNumber: number, status: NarrativeStatus, value: number) {
  return NarrativeReport.create({
    grantId: grant.id,
    periodNumber,
    kind: 'interim',
    status,
    version: 1,
    content: {
      summary: `Period ${periodNumber}`,
      progress: [],
      indicators: [
        {
          ref: 'I1',
          value: String(value),
          sex: { female: value, male: 0 },
          ageBand: { under_18: 0, adult: value },
          origin: { domestic: value, foreign: 0 },
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

test.group('Narrative reports: a lead grantee and its sub-grantees are counted once', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a sub-grantee period is rolled up in the one lead period in which it ends', ({
    assert,
  }) => {
    const lead = [
      { number: 1, startsOn: '2026-01-01', endsOn: '2026-12-31' },
      { number: 2, startsOn: '2027-01-01', endsOn: '2027-12-31' },
    ]
    assert.equal(leadPeriodFor('2027-03-31', lead), 2)
    assert.equal(leadPeriodFor('2026-12-31', lead), 1)
    assert.equal(leadPeriodFor('2025-12-31', lead), 1)
    assert.equal(leadPeriodFor('2028-03-31', lead), 2)
    assert.isNull(leadPeriodFor('2026-06-30', []))
  })

  test('the lead reports its own values; the actual and the roll-up add the sub-grantee once', async ({
    client,
    assert,
  }) => {
    const indicator = await Indicator.create({
      code: 'N-LEAD',
      titleEn: 'Victims whose information led to an indictment',
      titleSq: 'Viktima',
      titleSr: 'Žrtve',
      unit: 'people',
      sourceOfVerification: 'Narrative reports',
      disaggregation: ['sex'],
      rule: 'narrative_reports',
      measure: '',
      baselineYear: 2025,
      baselineValue: 8,
      targets: { '2027': 20 },
    })
    const leadOrg = await makeOrganisation('lead_grantee', 'Lead Grantee')
    // The lead grant: two yearly periods, 2026 and 2027.
    const { grant: leadGrant } = await makeSignedGrant({ grantee: leadOrg })
    // A sub-grant from October 2026 in six-month periods: its first ends on 31 March 2027.
    const { grant: subGrant } = await makeSignedGrant({
      funder: leadOrg,
      grantee: await makeOrganisation('ngo', 'Shelter'),
      parent: leadGrant,
      startsOn: '2026-10-01',
      endsOn: '2027-09-30',
    })
    subGrant.reportingPeriodMonths = 6
    await subGrant.save()
    await giveGrantLogframe(leadGrant.id, indicator.id)
    await giveGrantLogframe(subGrant.id, indicator.id)

    const leadFirst = await report(leadGrant, 1, 'draft', 0)
    const leadSecond = await report(leadGrant, 2, 'approved', 10)
    await report(subGrant, 1, 'approved', 6)

    // The programme's actual: the lead's 10 and the shelter's 6, each once, in 2027.
    const actuals = await narrativeReportActuals([indicator], () => ({ insider: true }), 5)
    const series = actuals.get(indicator.id)!
    assert.deepEqual(
      series.byYear.map((p) => [p.year, p.value]),
      [[2027, 16]]
    )
    assert.sameDeepMembers(
      series.byGrant.map((p) => [p.grantId, p.year, p.value]),
      [
        [leadGrant.id, 2027, 10],
        [subGrant.id, 2027, 6],
      ]
    )

    // The lead's second report rolls the shelter's first report up; its first report does not.
    const leadManager = await makeMember(leadOrg, 'grant_manager')
    const second = await client
      .get(`/api/v1/narrative-reports/${leadSecond.id}`)
      .withGuard('api')
      .loginAs(leadManager)
    second.assertStatus(200)
    const contributions = second.body().data.contributions
    assert.lengthOf(contributions.reports, 1)
    assert.deepEqual(
      contributions.rollUp.map((r: Record<string, unknown>) => [
        r.programmeIndicatorId,
        r.own,
        r.value,
        r.total,
      ]),
      [[indicator.id, '10', '6', '16']]
    )
    const first = await client
      .get(`/api/v1/narrative-reports/${leadFirst.id}`)
      .withGuard('api')
      .loginAs(leadManager)
    assert.lengthOf(first.body().data.contributions.reports, 0)
    assert.lengthOf(first.body().data.contributions.rollUp, 0)

    // The lead's form says its values are its own, and the page shows own, sub-grantees and total.
    const form = await client.get(`/narrative-reports/${leadFirst.id}`).loginAs(leadManager)
    form.assertStatus(200)
    assert.include(form.text(), 'data-own-values-only')
    const page = await client.get(`/narrative-reports/${leadSecond.id}`).loginAs(leadManager)
    assert.match(page.text(), /data-total>16</)
    const pdf = await client.get(`/narrative-reports/${leadSecond.id}/pdf`).loginAs(leadManager)
    pdf.assertStatus(200)
    const text = pdfText(pdf.body())
    assert.match(text, /N-LEAD\s+10\s+6\s+16/)
  })
})
