import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DemoResults } from '#database/seeders/demo_results'
import type Grant from '#models/grant'
import Indicator from '#models/indicator'
import NarrativeReport from '#models/narrative_report'
import ServiceStatistic from '#models/service_statistic'
import type User from '#models/user'
import { approvedReport, makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'
import { giveGrantLogframe } from '#tests/functional/narrative/fixtures'

type Cell = readonly ['female' | 'male', 'under_18' | 'adult', 'domestic' | 'foreign', number]

interface BreakdownJson {
  year: number
  kind: string
  total: string
  values: Record<string, string>
}

/** A shelter sub-grant with an approved first report whose reintegrated exits are `cells`. */
async function shelterWith(leadGrant: Grant, lead: { id: number }, name: string, cells: Cell[]) {
  const { grant } = await makeSignedGrant({
    funder: lead as never,
    grantee: await makeOrganisation('ngo', name),
    parent: leadGrant,
  })
  const people = await paymentPeople(grant)
  const report = await approvedReport(grant, 1, 10000, 10000, people.applicant, people.finance)
  await ServiceStatistic.createMany(
    cells.map(([sex, ageBand, origin, count]) => ({
      expenseReportId: report.id,
      measure: 'exits_reintegrated',
      sex,
      ageBand,
      origin,
      count,
    }))
  )
  return { grant, applicant: people.applicant }
}

async function breakdownsOf(client: any, user: User, indicatorId: number) {
  const response = await client
    .get(`/api/v1/indicators/${indicatorId}`)
    .withGuard('api')
    .loginAs(user)
  response.assertStatus(200)
  return response.body().data.series.breakdowns as BreakdownJson[]
}

/** What an outsider must never be able to read off one table: a small count, or a hidden entry by subtraction. */
function assertSafe(assert: any, tables: BreakdownJson[]) {
  for (const table of tables) {
    const entries = [table.total, ...Object.values(table.values)]
    for (const entry of entries) {
      assert.isTrue(
        entry === 'x' || entry === '<5' || entry === '0' || Number(entry) >= 5,
        `${table.kind} shows ${entry}`
      )
    }
    assert.notEqual(
      entries.filter((e) => e === 'x' || e === '<5').length,
      1,
      `${table.year} ${table.kind}: one hidden entry is the total less the others`
    )
  }
}

test.group('Indicators: actual values by sex, age band and origin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(0)

  test('from approved statistics: insiders see every breakdown, outsiders no small or derivable one', async ({
    client,
    assert,
  }) => {
    const manager = await makeMember(
      await makeOrganisation('contracting_authority', 'EU Office'),
      'grant_manager'
    )
    await new DemoResults().load(manager)
    const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
    const { grant: leadGrant } = await makeSignedGrant({ grantee: lead })
    await shelterWith(leadGrant, lead, 'Shelter A', [
      ['female', 'adult', 'domestic', 5],
      ['female', 'adult', 'foreign', 3],
    ])
    await shelterWith(leadGrant, lead, 'Shelter B', [
      ['female', 'adult', 'domestic', 2],
      ['male', 'adult', 'foreign', 2],
    ])
    const reintegrated = await Indicator.findByOrFail('code', 'R7.1')

    // The MLSW is an insider of every shelter: each breakdown in full, adding up to the total.
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const full = await breakdownsOf(client, mlsw, reintegrated.id)
    assert.deepEqual(
      full.map((t) => [t.kind, t.total, t.values]),
      [
        ['sex', '12', { female: '10', male: '<5' }],
        ['age_band', '12', { under_18: '0', adult: '12' }],
        ['origin', '12', { domestic: '7', foreign: '5' }],
      ]
    )

    // An admin is an outsider.
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const hidden = await breakdownsOf(client, admin, reintegrated.id)
    assert.lengthOf(hidden, 3)
    assertSafe(assert, hidden)
    // The sex breakdown holds a 2 (Shelter B's men): never shown as a number.
    const sex = hidden.find((t) => t.kind === 'sex')!
    assert.oneOf(sex.values.male, ['x', '<5'])
  })

  test('from approved statistics without small counts, outsiders see the breakdowns too', async ({
    client,
    assert,
  }) => {
    const manager = await makeMember(
      await makeOrganisation('contracting_authority', 'EU Office'),
      'grant_manager'
    )
    await new DemoResults().load(manager)
    const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
    const { grant: leadGrant } = await makeSignedGrant({ grantee: lead })
    await shelterWith(leadGrant, lead, 'Shelter C', [
      ['female', 'adult', 'domestic', 6],
      ['male', 'adult', 'domestic', 5],
    ])
    const reintegrated = await Indicator.findByOrFail('code', 'R7.1')
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const shown = await breakdownsOf(client, admin, reintegrated.id)
    assert.deepEqual(
      shown.map((t) => [t.kind, t.total, t.values]),
      [
        ['sex', '11', { female: '6', male: '5' }],
        ['age_band', '11', { under_18: '0', adult: '11' }],
        ['origin', '11', { domestic: '11', foreign: '0' }],
      ]
    )
    // The page shows them too.
    const page = await client.get(`/indicators/${reintegrated.id}`).loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), 'data-breakdown="sex"')
    assert.match(page.text(), /data-category="female">[^<]*: 6</)
  })

  test('from approved narrative reports: the declared breakdown, withheld with a hidden grant', async ({
    client,
    assert,
  }) => {
    const indicator = await Indicator.create({
      code: 'N1',
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
      targets: { '2026': 10 },
    })
    const report = async (grant: Grant, female: number, male: number) => {
      await giveGrantLogframe(grant.id, indicator.id)
      const value = female + male
      await NarrativeReport.create({
        grantId: grant.id,
        periodNumber: 1,
        kind: 'interim',
        status: 'approved',
        version: 1,
        content: {
          summary: null,
          progress: [],
          indicators: [
            {
              ref: 'I1',
              value: String(value),
              sex: { female, male },
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
    const open = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Open') })
    await report(open.grant, 15, 5)
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const shown = await breakdownsOf(client, admin, indicator.id)
    assert.deepEqual(
      shown.map((t) => [t.kind, t.total, t.values]),
      [['sex', '20', { female: '15', male: '5' }]]
    )

    const small = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Small') })
    await report(small.grant, 10, 2)
    const hidden = await breakdownsOf(client, admin, indicator.id)
    assert.deepEqual(
      hidden.map((t) => [t.kind, t.total, t.values]),
      [['sex', 'x', { female: 'x', male: 'x' }]]
    )
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const full = await breakdownsOf(client, mlsw, indicator.id)
    assert.deepEqual(
      full.map((t) => [t.kind, t.total, t.values]),
      [['sex', '32', { female: '25', male: '7' }]]
    )
  })
})
