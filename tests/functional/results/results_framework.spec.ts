import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DemoResults } from '#database/seeders/demo_results'
import AuditEvent from '#models/audit_event'
import Indicator from '#models/indicator'
import IndicatorValue from '#models/indicator_value'
import Result from '#models/result'
import ServiceStatistic from '#models/service_statistic'
import { approvedReport, makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

const indicatorForm = (resultId: number) => ({
  resultId: String(resultId),
  code: 'R9.1',
  titleEn: 'Shelter staff trained',
  titleSq: 'Staf i strehimoreve i trajnuar',
  titleSr: 'Obučeno osoblje skloništa',
  unit: 'people',
  sourceOfVerification: 'Training reports',
  rule: 'manual',
  measure: '',
  baselineYear: '2025',
  baselineValue: '0',
  targets: '2026=10, 2027=20',
})

async function euManager() {
  return makeMember(await makeOrganisation('contracting_authority', 'EU Office'), 'grant_manager')
}

test.group('Results framework', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only the EU Office’s grant managers create and edit results and indicators', async ({
    client,
    assert,
  }) => {
    const lead = await makeMember(await makeOrganisation('lead_grantee'), 'grant_manager')
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const result = { code: 'R9', titleEn: 'Staff', titleSq: 'Stafi', titleSr: 'Osoblje' }
    for (const user of [lead, mlsw, applicant]) {
      const refused = await client
        .post('/results')
        .form(result)
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
      refused.assertStatus(403)
      await client
        .get('/indicators/new')
        .loginAs(user)
        .then((r) => r.assertStatus(403))
    }
    assert.isNull(await Result.findBy('code', 'R9'))
    // Others read the framework without the editing links.
    const page = await client.get('/indicators').loginAs(mlsw)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'data-new-result')

    const manager = await euManager()
    const created = await client
      .post('/results')
      .form(result)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    const saved = await Result.findByOrFail('code', 'R9')
    const added = await client
      .post('/indicators')
      .form(indicatorForm(saved.id))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    added.assertStatus(302)
    const indicator = await Indicator.findByOrFail('code', 'R9.1')
    assert.deepEqual(indicator.targets, { 2026: 10, 2027: 20 })
    assert.equal(indicator.rule, 'manual')

    // An indicator the MLSW would edit is refused; the EU Office changes the targets.
    await client
      .post(`/indicators/${indicator.id}`)
      .form({ ...indicatorForm(saved.id), targets: '2026=12' })
      .loginAs(mlsw)
      .withCsrfToken()
      .accept('json')
      .then((r) => r.assertStatus(403))
    await client
      .post(`/indicators/${indicator.id}`)
      .form({ ...indicatorForm(saved.id), targets: '2026=12, 2027=24' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
      .then((r) => r.assertStatus(302))
    await indicator.refresh()
    assert.deepEqual(indicator.targets, { 2026: 12, 2027: 24 })

    const events = await AuditEvent.query()
      .whereIn('action', ['result.created', 'indicator.created', 'indicator.updated'])
      .orderBy('id')
    assert.deepEqual(
      events.map((e) => e.action),
      ['result.created', 'indicator.created', 'indicator.updated']
    )
    const update = events[2]
    assert.equal(update.actorId, manager.id)
    assert.deepEqual(JSON.parse(update.beforeJson!).targets, { 2026: 10, 2027: 20 })
    assert.deepEqual(JSON.parse(update.afterJson!).targets, { 2026: 12, 2027: 24 })
  })

  test('a form with mistakes comes back with the error summary (422 for JSON)', async ({
    client,
    assert,
  }) => {
    const manager = await euManager()
    await new DemoResults().load(manager)
    const r7 = await Result.findByOrFail('code', 'R7')
    const response = await client
      .post('/indicators')
      .form({ ...indicatorForm(r7.id), rule: 'service_statistics', targets: 'soon' })
      .loginAs(manager)
      .withCsrfToken()
      .accept('json')
    response.assertStatus(422)
    const fields = (response.body().errors as { field: string }[]).map((e) => e.field)
    assert.includeMembers(fields, ['measure', 'targets'])
    // A code already in use is refused, not a server error.
    const taken = await client
      .post('/indicators')
      .form({ ...indicatorForm(r7.id), code: 'R7.1' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    taken.assertStatus(302)
    assert.lengthOf(await Indicator.query().where('code', 'R7.1'), 1)
    const api = await client
      .post('/api/v1/indicators')
      .withGuard('api')
      .loginAs(manager)
      .json({ ...indicatorForm(r7.id), resultId: r7.id, code: 'R7.1' })
    api.assertStatus(409)
  })

  test('API: values entered with evidence give the series per year and per grant', async ({
    client,
    assert,
  }) => {
    const manager = await euManager()
    await new DemoResults().load(manager)
    const licensed = await Indicator.findByOrFail('code', 'R7.3')
    const { grant } = await makeSignedGrant()
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')

    // Only the EU Office writes; evidence is required.
    await client
      .post(`/api/v1/indicators/${licensed.id}/values`)
      .withGuard('api')
      .loginAs(mlsw)
      .fields({ year: '2026', value: '4' })
      .file('evidence', pdfBytes, { filename: 'register.pdf' })
      .then((r) => r.assertStatus(403))
    await client
      .post(`/api/v1/indicators/${licensed.id}/values`)
      .withGuard('api')
      .loginAs(manager)
      .fields({ year: '2026', value: '4' })
      .then((r) => r.assertStatus(422))
    for (const [year, grantId, value] of [
      ['2026', String(grant.id), '6'],
      ['2026', '', '1'],
      ['2026', String(grant.id), '7'],
    ]) {
      const response = await client
        .post(`/api/v1/indicators/${licensed.id}/values`)
        .withGuard('api')
        .loginAs(manager)
        .fields({ year, value, ...(grantId ? { grantId } : {}) })
        .file('evidence', pdfBytes, { filename: 'register.pdf' })
      assert.equal(response.status(), 201, JSON.stringify(response.body()))
    }
    assert.lengthOf(await IndicatorValue.query().where('indicator_id', licensed.id), 3)
    const audited = await AuditEvent.query()
      .where('action', 'indicator.value_recorded')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(JSON.parse(audited.beforeJson!).value, 6)
    assert.equal(JSON.parse(audited.afterJson!).value, 7)

    const show = await client
      .get(`/api/v1/indicators/${licensed.id}`)
      .withGuard('api')
      .loginAs(mlsw)
    show.assertStatus(200)
    const data = show.body().data
    assert.equal(data.rule, 'manual')
    assert.equal(data.result.code, 'R7')
    // The latest value per grant counts (7), plus the programme-wide 1: 8 against a target of 5.
    const y2026 = data.series.byYear.find((y: { year: number }) => y.year === 2026)
    assert.deepEqual(y2026, { year: 2026, target: 5, actual: '8', status: 'met' })
    assert.deepEqual(data.series.byGrant, [
      { grantId: grant.id, grantReference: grant.reference, year: 2026, actual: '7' },
    ])

    // A computed indicator takes no entered value.
    const computed = await Indicator.findByOrFail('code', 'R7.1')
    await client
      .post(`/api/v1/indicators/${computed.id}/values`)
      .withGuard('api')
      .loginAs(manager)
      .fields({ year: '2026', value: '3' })
      .file('evidence', pdfBytes, { filename: 'register.pdf' })
      .then((r) => r.assertStatus(409))
  })

  test('API: the series from the statistics is suppressed for outsiders, readers only', async ({
    client,
    assert,
  }) => {
    const manager = await euManager()
    await new DemoResults().load(manager)
    const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
    const { grant: leadGrant } = await makeSignedGrant({ grantee: lead })
    const first = await makeSignedGrant({
      funder: lead,
      grantee: await makeOrganisation('ngo', 'Shelter A'),
      parent: leadGrant,
    })
    const second = await makeSignedGrant({
      funder: lead,
      grantee: await makeOrganisation('ngo', 'Shelter B'),
      parent: leadGrant,
    })
    const a = await paymentPeople(first.grant)
    const b = await paymentPeople(second.grant)
    const reportA = await approvedReport(first.grant, 1, 100000, 100000, a.applicant, a.finance)
    const reportB = await approvedReport(second.grant, 1, 50000, 50000, b.applicant, b.finance)
    for (const [report, domestic, foreign] of [
      [reportA, 5, 3],
      [reportB, 2, 2],
    ] as const) {
      await ServiceStatistic.createMany(
        (['domestic', 'foreign'] as const).map((origin) => ({
          expenseReportId: report.id,
          measure: 'exits_reintegrated',
          sex: 'female' as const,
          ageBand: 'adult' as const,
          origin,
          count: origin === 'domestic' ? domestic : foreign,
        }))
      )
    }
    const reintegrated = await Indicator.findByOrFail('code', 'R7.1')

    // The MLSW is an insider of every shelter: the values in full ("<5" below 5 even so).
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const own = await client
      .get(`/api/v1/indicators/${reintegrated.id}`)
      .withGuard('api')
      .loginAs(mlsw)
    own.assertStatus(200)
    const ownGrants = own.body().data.series.byGrant
    assert.deepEqual(
      ownGrants.map((g: { grantId: number; actual: string }) => [g.grantId, g.actual]),
      [
        [first.grant.id, '8'],
        [second.grant.id, '<5'],
      ]
    )
    assert.equal(
      own.body().data.series.byYear.find((y: { year: number }) => y.year === 2026).actual,
      '12'
    )

    // An admin is an outsider: no count from 1 to 4 is given away, per grant or per year.
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const list = await client.get('/api/v1/indicators').withGuard('api').loginAs(admin)
    list.assertStatus(200)
    const outsider = list.body().data.find((i: { code: string }) => i.code === 'R7.1')
    for (const point of [...outsider.series.byGrant, ...outsider.series.byYear]) {
      if (point.actual === null) continue
      assert.isTrue(
        ['x', '<5'].includes(point.actual) || Number(point.actual) >= 5,
        `shown: ${point.actual}`
      )
    }
    const secondShown = outsider.series.byGrant.find(
      (g: { grantId: number }) => g.grantId === second.grant.id
    )
    assert.oneOf(secondShown.actual, ['x', '<5'])

    // Grantees do not read the programme's indicators; writing is for the EU Office.
    await client
      .get(`/api/v1/indicators/${reintegrated.id}`)
      .withGuard('api')
      .loginAs(a.applicant)
      .then((r) => r.assertStatus(403))
    await client
      .put(`/api/v1/indicators/${reintegrated.id}`)
      .withGuard('api')
      .loginAs(admin)
      .json({})
      .then((r) => r.assertStatus(403))
    await client
      .post('/api/v1/results')
      .withGuard('api')
      .loginAs(mlsw)
      .json({ code: 'R8', titleEn: 'Other', titleSq: 'Tjetër', titleSr: 'Drugo' })
      .then((r) => r.assertStatus(403))
    const created = await client
      .post('/api/v1/results')
      .withGuard('api')
      .loginAs(manager)
      .json({ code: 'R8', titleEn: 'Other', titleSq: 'Tjetër', titleSr: 'Drugo' })
    created.assertStatus(201)
    assert.equal(created.body().data.code, 'R8')
  })

  test('the pages: the framework, an indicator, and the forms for the EU Office', async ({
    client,
    assert,
  }) => {
    const manager = await euManager()
    await new DemoResults().load(manager)
    const r7 = await Result.findByOrFail('code', 'R7')
    const licensed = await Indicator.findByOrFail('code', 'R7.3')
    const list = await client.get('/indicators').loginAs(manager)
    list.assertStatus(200)
    assert.include(list.text(), 'data-new-result')
    assert.include(list.text(), 'data-result="R6"')
    const one = await client.get(`/indicators/${licensed.id}`).loginAs(manager)
    one.assertStatus(200)
    assert.include(one.text(), 'data-value-form')
    assert.include(one.text(), 'MLSW licence register')
    for (const path of ['/indicators/new?result=' + r7.id, `/indicators/${licensed.id}/edit`]) {
      const form = await client.get(path).loginAs(manager)
      form.assertStatus(200)
      assert.include(form.text(), 'data-indicator-form')
    }
    const edit = await client.get(`/indicators/${licensed.id}/edit`).loginAs(manager)
    assert.include(edit.text(), '2026=5, 2027=6')
    for (const path of ['/results/new', `/results/${r7.id}/edit`]) {
      const form = await client.get(path).loginAs(manager)
      form.assertStatus(200)
      assert.include(form.text(), 'data-result-form')
    }
    // In Albanian for a reader who asks for it; read-only for the MLSW.
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const sq = await client
      .get(`/indicators/${licensed.id}`)
      .header('accept-language', 'sq')
      .loginAs(mlsw)
    assert.include(sq.text(), 'Strehimore të licencuara nga MPMS')
    assert.notInclude(sq.text(), 'data-value-form')
  })
})
