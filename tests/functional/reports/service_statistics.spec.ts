import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import AuditEvent from '#models/audit_event'
import ServiceReferral from '#models/service_referral'
import ServiceStatistic from '#models/service_statistic'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/**
 * A lead grant of the EU and a sub-grant to a shelter NGO, whose funder is
 * the lead grantee; the shelter's first report opened as a draft.
 */
async function shelterReport() {
  const eu = await makeOrganisation('contracting_authority', 'EU Office')
  const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
  const { grant: leadGrant } = await makeSignedGrant({ funder: eu, grantee: lead })
  const shelter = await makeOrganisation('ngo', 'Shelter A')
  const { grant } = await makeSignedGrant({
    funder: lead,
    grantee: shelter,
    parent: leadGrant,
    totalEligibleCents: 5_000_000,
    funderCents: 4_750_000,
  })
  const applicant = await makeMember(shelter, 'applicant')
  const leadManager = await makeMember(lead, 'grant_manager')
  const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, '127.0.0.1')
  return { eu, lead, leadGrant, shelter, grant, applicant, leadManager, report }
}

/**
 * Admissions: 3 adult women (domestic), 6 girls (domestic), 8 adult men
 * (domestic), 7 adult men (foreign); 730 bed-days; referrals 3 by the
 * police and 9 by the Centre for Social Work.
 */
const statisticsForm = {
  c_admissions_female_adult_domestic: '3',
  c_admissions_female_under_18_domestic: '6',
  c_admissions_male_adult_domestic: '8',
  c_admissions_male_adult_foreign: '7',
  c_bed_days_female_adult_domestic: '200',
  c_bed_days_female_under_18_domestic: '330',
  c_bed_days_male_adult_domestic: '200',
  c_exits_reintegrated_male_adult_domestic: '6',
  // Everyone admitted is still there or left (the stock-flow identity).
  c_residents_end_female_adult_domestic: '3',
  c_residents_end_female_under_18_domestic: '6',
  c_residents_end_male_adult_domestic: '2',
  c_residents_end_male_adult_foreign: '7',
  r_police: '3',
  r_social_services: '9',
}

/** The text of a cell of the statistics tables on the report page. */
function cellText(html: string, cell: string) {
  const match = new RegExp(`data-cell="${cell}"[^>]*>([^<]*)<`).exec(html)
  return match ? match[1] : null
}

interface ShownJson {
  suppressed?: true
  value?: number
  display: string
}
interface TableJson {
  cells: ShownJson[][]
  rowTotals: ShownJson[]
  columnTotals: ShownJson[]
  total: ShownJson
}

/** Every equation of a table (each row, each column, and the totals) as its entries. */
function equations(table: TableJson): ShownJson[][] {
  const rows = table.cells.map((row, i) => [...row, table.rowTotals[i]])
  const columns = table.columnTotals.map((total, j) => [...table.cells.map((r) => r[j]), total])
  return [
    ...rows,
    ...columns,
    [...table.rowTotals, table.total],
    [...table.columnTotals, table.total],
  ]
}

test.group('Service statistics: privacy-safe aggregates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a grant manager of the lead grantee sees "<5" where the shelter itself sees 3, "x" for 6', async ({
    client,
    assert,
  }) => {
    const { report, applicant, leadManager } = await shelterReport()

    const saved = await client
      .post(`/expense-reports/${report.id}/statistics`)
      .form(statisticsForm)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', `/expense-reports/${report.id}#statistics`)
    assert.lengthOf(await ServiceStatistic.query().where('expense_report_id', report.id), 56)
    assert.lengthOf(await ServiceReferral.query().where('expense_report_id', report.id), 7)

    // The shelter's own people see every count.
    const own = await client.get(`/expense-reports/${report.id}`).loginAs(applicant)
    own.assertStatus(200)
    assert.equal(cellText(own.text(), 'admissions:female:adult'), '3')
    assert.equal(cellText(own.text(), 'admissions:total'), '24')
    assert.notInclude(own.text(), 'data-suppression-note')
    assert.include(own.text(), 'data-statistics-form')
    // Seeing raw counts is an access, recorded with who, what and where.
    const accesses = () =>
      AuditEvent.query()
        .where('action', 'expense_report.statistics_viewed')
        .where('subject_id', String(report.id))
        .orderBy('id')
    const logged = await accesses()
    assert.lengthOf(logged, 1)
    assert.equal(logged[0].actorId, applicant.id)
    assert.deepEqual(JSON.parse(logged[0].afterJson!), { outlet: 'page' })

    // The lead grantee's grant manager (the sub-grant's funder) is an outsider:
    // "<5" for 3 and, since the report holds a small count, "x" for 6 (never "<5").
    const lead = await client.get(`/expense-reports/${report.id}`).loginAs(leadManager)
    lead.assertStatus(200)
    assert.equal(cellText(lead.text(), 'admissions:female:adult'), '&lt;5')
    // 6: "x" or, where the least suppression allows, 6 (never "<5").
    assert.oneOf(cellText(lead.text(), 'admissions:female:under_18'), ['x', '6'])
    assert.include(lead.text(), 'data-suppression-note')
    assert.notInclude(lead.text(), 'data-statistics-form')
    // Bed-days: the total only (who stayed by sex is hidden); the cost per occupied bed-day is shown.
    assert.equal(cellText(lead.text(), 'bed_days:total'), '730')
    assert.equal(cellText(lead.text(), 'bed_days:male:adult'), 'x')
    assert.match(lead.text(), /data-amount="cost-per-bed-day">[^<]*\d/)

    const ownApi = await client
      .get(`/api/v1/expense-reports/${report.id}`)
      .withGuard('api')
      .loginAs(applicant)
    ownApi.assertStatus(200)
    const ownStatistics = ownApi.body().data.statistics
    assert.deepEqual(ownStatistics.measures.admissions.bySexAndAgeBand.cells[0][1], {
      value: 3,
      display: '3',
    })
    assert.isFalse(ownApi.body().data.statisticsSuppressed)

    const leadApi = await client
      .get(`/api/v1/expense-reports/${report.id}`)
      .withGuard('api')
      .loginAs(leadManager)
    leadApi.assertStatus(200)
    const leadStatistics = leadApi.body().data.statistics
    assert.deepEqual(leadStatistics.measures.admissions.bySexAndAgeBand.cells[0][1], {
      suppressed: true,
      display: '<5',
    })
    assert.isTrue(leadApi.body().data.statisticsSuppressed)
    assert.oneOf(leadStatistics.measures.admissions.bySexAndAgeBand.cells[0][0].display, ['x', '6'])
    assert.deepEqual(leadStatistics.referrals.counts[0], { suppressed: true, display: '<5' })
    assert.equal(leadApi.body().data.bedDays, 730)
    assert.notInclude(JSON.stringify(leadStatistics.measures.admissions), '"value":3')
    // The outsider saw no raw count: no access recorded for them; the shelter's API read is.
    const allAccesses = await accesses()
    assert.deepEqual(
      allAccesses.map((e) => [Number(e.actorId), JSON.parse(e.afterJson!).outlet]),
      [
        [applicant.id, 'page'],
        [applicant.id, 'api'],
      ]
    )
  })

  test('a suppressed cell cannot be derived from the totals shown to the outsider', async ({
    client,
    assert,
  }) => {
    const { report, applicant, leadManager } = await shelterReport()
    await client
      .post(`/expense-reports/${report.id}/statistics`)
      .form(statisticsForm)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
      .then((r) => r.assertStatus(302))

    const response = await client
      .get(`/api/v1/expense-reports/${report.id}`)
      .withGuard('api')
      .loginAs(leadManager)
    const statistics = response.body().data.statistics
    let hiddenSeen = 0
    for (const [measure, tables] of Object.entries(statistics.measures) as [
      string,
      { bySexAndAgeBand: TableJson; byOriginAndSex: TableJson },
    ][]) {
      for (const table of [tables.bySexAndAgeBand, tables.byOriginAndSex]) {
        for (const entries of equations(table)) {
          const hidden = entries.filter((e) => e.suppressed).length
          hiddenSeen += hidden
          assert.notEqual(hidden, 1, `${measure}: one hidden entry in a line could be subtracted`)
          // What is shown is shown in full: a value and its text.
          for (const entry of entries.filter((e) => !e.suppressed)) {
            assert.equal(entry.display, String(entry.value))
            assert.isFalse(entry.value! >= 1 && entry.value! <= 4, `${measure}: a count of 1–4`)
          }
        }
      }
      // The totals by sex and the grand total are one set of entries in both tables.
      const { bySexAndAgeBand: a, byOriginAndSex: b } = tables
      assert.deepEqual(
        a.rowTotals.map((e) => Boolean(e.suppressed)),
        b.columnTotals.map((e) => Boolean(e.suppressed))
      )
      assert.equal(Boolean(a.total.suppressed), Boolean(b.total.suppressed))
    }
    assert.isAbove(hiddenSeen, 0)
    const referrals = [...statistics.referrals.counts, statistics.referrals.total] as ShownJson[]
    assert.notEqual(referrals.filter((e) => e.suppressed).length, 1)

    // The page shows the same: "<5" below 5, "x" from 5 (3, 6 and 9 women).
    const page = await client.get(`/expense-reports/${report.id}`).loginAs(leadManager)
    assert.equal(cellText(page.text(), 'admissions:female:adult'), '&lt;5')
    assert.oneOf(cellText(page.text(), 'admissions:female:under_18'), ['x', '6'])
    assert.notInclude(
      ['&lt;5', '1', '2', '3', '4'],
      cellText(page.text(), 'admissions:female:total') ?? ''
    )
  })

  test('statistics cannot be saved by another organisation (404) or the funder (403)', async ({
    client,
    assert,
  }) => {
    const { report, leadManager } = await shelterReport()
    const other = await makeMember(await makeOrganisation('ngo', 'Shelter B'), 'applicant')

    const web = await client
      .post(`/expense-reports/${report.id}/statistics`)
      .form(statisticsForm)
      .loginAs(other)
      .withCsrfToken()
      .redirects(0)
    web.assertStatus(404)
    const api = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(other)
      .json({
        counts: [
          { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'domestic', count: 3 },
        ],
      })
    api.assertStatus(404)

    const funder = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(leadManager)
      .json({
        counts: [
          { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'domestic', count: 3 },
        ],
      })
    funder.assertStatus(403)
    const funderWeb = await client
      .post(`/expense-reports/${report.id}/statistics`)
      .form(statisticsForm)
      .loginAs(leadManager)
      .withCsrfToken()
      .accept('json')
    funderWeb.assertStatus(403)
    assert.lengthOf(await ServiceStatistic.query().where('expense_report_id', report.id), 0)
  })

  test('negative or fractional counts are refused (422) and nothing is saved', async ({
    client,
    assert,
  }) => {
    const { report, applicant } = await shelterReport()

    const negative = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        counts: [
          { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'domestic', count: 3 },
          { measure: 'admissions', sex: 'male', ageBand: 'adult', origin: 'domestic', count: -1 },
        ],
      })
    negative.assertStatus(422)
    negative.assertBodyContains({ errors: [{ field: 'counts.1.count', code: 'E_VALIDATION_MIN' }] })

    const fractional = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ counts: [], referrals: [{ source: 'police', count: 1.5 }] })
    fractional.assertStatus(422)

    const form = await client
      .post(`/expense-reports/${report.id}/statistics`)
      .form({ ...statisticsForm, c_admissions_male_adult_foreign: '-2' })
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')
    form.assertStatus(422)
    form.assertBodyContains({ errors: [{ field: 'c_admissions_male_adult_foreign' }] })

    const repeated = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        counts: [
          { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'domestic', count: 3 },
          { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'domestic', count: 2 },
        ],
      })
    repeated.assertStatus(422)

    assert.lengthOf(await ServiceStatistic.query().where('expense_report_id', report.id), 0)
    assert.lengthOf(await ServiceReferral.query().where('expense_report_id', report.id), 0)
  })

  test('saving replaces the figures and records the totals before and after', async ({
    client,
    assert,
  }) => {
    const { report, applicant } = await shelterReport()
    const body = (count: number) => ({
      counts: [
        { measure: 'admissions', sex: 'female', ageBand: 'adult', origin: 'foreign', count },
        { measure: 'residents_end', sex: 'female', ageBand: 'adult', origin: 'foreign', count },
        { measure: 'bed_days', sex: 'female', ageBand: 'adult', origin: 'foreign', count: 90 },
      ],
      referrals: [{ source: 'embassy', count }],
    })
    const first = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(applicant)
      .json(body(6))
    first.assertStatus(200)
    assert.equal(first.body().data.bedDays, 90)
    const second = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(applicant)
      .json(body(8))
    second.assertStatus(200)
    assert.equal(second.body().data.statistics.measures.admissions.bySexAndAgeBand.total.value, 8)
    const rows = await ServiceStatistic.query().where('expense_report_id', report.id)
    assert.lengthOf(rows, 56)
    assert.equal(
      rows.reduce((sum, r) => sum + (r.measure === 'admissions' ? r.count : 0), 0),
      8
    )
    const events = await AuditEvent.query()
      .where('action', 'expense_report.statistics_saved')
      .where('subject_id', String(report.id))
      .orderBy('id')
    assert.lengthOf(events, 2)
    assert.isNull(JSON.parse(events[0].beforeJson!))
    assert.deepInclude(JSON.parse(events[1].beforeJson!), { referrals: 6 })
    assert.deepInclude(JSON.parse(events[1].afterJson!), { referrals: 8 })
  })

  test('only a shelter’s editable report takes statistics (409)', async ({ client, assert }) => {
    const { report, applicant, leadGrant, lead } = await shelterReport()
    const leadApplicant = await makeMember(lead, 'applicant')
    const leadReport = await new OpenExpenseReport().handle(
      leadGrant.id,
      1,
      leadApplicant,
      '127.0.0.1'
    )
    const notShelter = await client
      .post(`/api/v1/expense-reports/${leadReport.id}/statistics`)
      .withGuard('api')
      .loginAs(leadApplicant)
      .json({ counts: [] })
    notShelter.assertStatus(409)

    report.status = 'submitted'
    await report.save()
    const submitted = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ counts: [] })
    submitted.assertStatus(409)
    assert.lengthOf(await ServiceStatistic.query().where('expense_report_id', report.id), 0)
  })

  test('entry keeps the stock-flow identity and the margins (422 naming the field)', async ({
    client,
    assert,
  }) => {
    const { report, applicant, grant } = await shelterReport()
    const fa = (measure: string, count: number) => ({
      measure,
      sex: 'female',
      ageBand: 'adult',
      origin: 'foreign',
      count,
    })
    const save = (id: number, body: object) =>
      client
        .post(`/api/v1/expense-reports/${id}/statistics`)
        .withGuard('api')
        .loginAs(applicant)
        .json(body)

    // A first report: 2 admitted, 1 returned, nobody at the end — one person is missing.
    const missing = await save(report.id, {
      counts: [fa('admissions', 2), fa('exits_returned', 1)],
    })
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].field, 'residents_end.female.foreign')
    // Totals, when sent, are the sums of the cells.
    const margin = await save(report.id, {
      counts: [fa('admissions', 7), fa('residents_end', 7)],
      totals: { admissions: 8 },
    })
    margin.assertStatus(422)
    assert.equal(margin.body().errors[0].field, 'totals.admissions')
    // Said in the reader's language, the measure in words.
    const marginInSerbian = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .header('accept-language', 'sr-Latn')
      .withGuard('api')
      .loginAs(applicant)
      .json({ counts: [fa('admissions', 7), fa('residents_end', 7)], totals: { admissions: 8 } })
    assert.equal(
      marginInSerbian.body().errors[0].message,
      'Ukupno za „Prijemi” je 8, ali zbir njegovih ćelija je 7.'
    )
    assert.lengthOf(await ServiceStatistic.query().where('expense_report_id', report.id), 0)

    await save(report.id, {
      counts: [fa('admissions', 7), fa('residents_end', 7)],
      totals: { admissions: 7, residents_end: 7 },
    }).then((r) => r.assertStatus(200))

    // Period 2: 7 at the start + 6 admitted − 3 reintegrated = 10 at the end, not 11.
    const second = await new OpenExpenseReport().handle(grant.id, 2, applicant, '127.0.0.1')
    const broken = await save(second.id, {
      counts: [fa('admissions', 6), fa('exits_reintegrated', 3), fa('residents_end', 11)],
    })
    broken.assertStatus(422)
    assert.equal(broken.body().errors[0].field, 'residents_end.female.foreign')
    assert.include(broken.body().errors[0].message, '= 10, not 11')
    await save(second.id, {
      counts: [fa('admissions', 6), fa('exits_reintegrated', 3), fa('residents_end', 10)],
    }).then((r) => r.assertStatus(200))

    // Changing period 1 afterwards must keep period 2 consistent.
    const earlier = await save(report.id, {
      counts: [fa('admissions', 8), fa('residents_end', 8)],
    })
    earlier.assertStatus(422)
    assert.include(earlier.body().errors[0].message, 'period 2')

    // The form says which residents do not follow, in the reader's language.
    const form = await client
      .post(`/expense-reports/${second.id}/statistics`)
      .form({ c_admissions_female_adult_foreign: '6', c_residents_end_female_adult_foreign: '11' })
      .header('referer', `/expense-reports/${second.id}`)
      .loginAs(applicant)
      .withCsrfToken()
    assert.include(form.text(), 'data-stock-flow-error="residents_end.female.foreign"')
  })
})
