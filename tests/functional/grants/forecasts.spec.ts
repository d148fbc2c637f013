import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { formatMoney } from '#domain/money'
import type Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import GrantForecast from '#models/grant_forecast'
import { DateTime } from 'luxon'
import { GrantContracts } from '#actions/grants/grant_contracts'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeCall, makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

/**
 * Case A with a contingency reserve of 50 000.00: TEC 1 052 631.58,
 * C 50 000.00, so the forecasts must add up to 1 002 631.58. Two 12-month
 * periods; the grant is a draft unless `status` says otherwise.
 */
async function grantWithContingency(status: Grant['status'] = 'draft') {
  const made = await makeSignedGrant({ status })
  await GrantBudgetLine.query().where('grant_id', made.grant.id).update({
    unit_cost_cents: 100263158,
    total_cents: 100263158,
  })
  await GrantBudgetLine.create({
    grantId: made.grant.id,
    version: 1,
    position: 1,
    heading: 'contingency',
    label: 'Contingency reserve',
    unit: 'lump sum',
    quantityHundredths: 100,
    unitCostCents: 5000000,
    totalCents: 5000000,
    thirdParty: null,
  })
  return { ...made, people: await paymentPeople(made.grant) }
}

const webBody = (first: string, second: string) => ({
  'forecasts[0][periodNumber]': '1',
  'forecasts[0][amount]': first,
  'forecasts[1][periodNumber]': '2',
  'forecasts[1][amount]': second,
})
const apiBody = (first: number, second: number) => ({
  forecasts: [
    { periodNumber: 1, forecastCents: first },
    { periodNumber: 2, forecastCents: second },
  ],
})

async function storedForecasts(grant: Grant) {
  const rows = await GrantForecast.query().where('grant_id', grant.id).orderBy('period_number')
  return rows.map((r) => r.forecastCents)
}

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pdf-'))
  const file = join(dir, 'document.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

test.group('Grant forecasts per period: web', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the grantee enters its forecasts; the schedule follows them and says so', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency()

    const before = await client.get(`/grants/${grant.id}`).loginAs(people.applicant)
    before.assertStatus(200)
    assert.include(before.text(), 'data-forecast-source="spread"')
    assert.include(before.text(), 'No forecasts entered yet')

    const response = await client
      .post(`/grants/${grant.id}/forecasts`)
      .loginAs(people.applicant)
      .withCsrfToken()
      .form(webBody('400000.00', '602631.58'))
      .redirects(0)
    response.assertStatus(302)

    assert.deepEqual(await storedForecasts(grant), [40000000, 60263158])
    const audit = await db.from('audit_events').where({
      subject_type: 'grant',
      subject_id: String(grant.id),
      action: 'grant.forecasts_saved',
    })
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actor_id, people.applicant.id)

    const page = await client.get(`/grants/${grant.id}`).loginAs(people.applicant)
    assert.include(page.text(), 'data-forecast-source="grantee"')
    // 400 000.00 × 95 % = 380 000.00; then 602 631.58 × 95 % capped at 900 000.00 − 380 000.00.
    assert.include(page.text(), formatMoney(38000000))
    assert.include(page.text(), formatMoney(52000000))
  })

  test('forecasts one cent over TEC − C are refused, naming the difference', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency()

    const response = await client
      .post(`/grants/${grant.id}/forecasts`)
      .loginAs(people.applicant)
      .withCsrfToken()
      .form(webBody('400000.00', '602631.59'))

    assert.include(response.text(), `${formatMoney(1)} too much`)
    assert.include(response.text(), formatMoney(100263158))
    assert.deepEqual(await storedForecasts(grant), [])
  })

  test('once signed the grantee cannot change them; the funder grant manager can, audited', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency('signed')

    const byGrantee = await client
      .post(`/grants/${grant.id}/forecasts`)
      .header('referer', `/grants/${grant.id}`)
      .loginAs(people.applicant)
      .withCsrfToken()
      .form(webBody('400000.00', '602631.58'))
    assert.include(byGrantee.text(), 'locked since the grant was signed')
    assert.deepEqual(await storedForecasts(grant), [])

    const byManager = await client
      .post(`/grants/${grant.id}/forecasts`)
      .loginAs(people.manager)
      .withCsrfToken()
      .form(webBody('500000.00', '502631.58'))
      .redirects(0)
    byManager.assertStatus(302)
    assert.deepEqual(await storedForecasts(grant), [50000000, 50263158])
    const audit = await db
      .from('audit_events')
      .where({
        subject_type: 'grant',
        subject_id: String(grant.id),
        action: 'grant.forecasts_saved',
      })
      .firstOrFail()
    assert.equal(audit.actor_id, people.manager.id)
    assert.include(audit.after_json, '"afterSignatureByFunder":true')
  })

  test('a finance officer cannot edit them; another NGO sees nothing', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency()
    const stranger = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    const byFinance = await client
      .post(`/grants/${grant.id}/forecasts`)
      .loginAs(people.finance)
      .withCsrfToken()
      .form(webBody('400000.00', '602631.58'))
      .redirects(0)
    // The web form is sent back (302 with the message); asked for JSON it is a plain 403.
    byFinance.assertStatus(302)
    const byFinanceJson = await client
      .post(`/grants/${grant.id}/forecasts`)
      .loginAs(people.finance)
      .withCsrfToken()
      .accept('json')
      .form(webBody('400000.00', '602631.58'))
      .redirects(0)
    byFinanceJson.assertStatus(403)

    const strangerPage = await client.get(`/grants/${grant.id}`).loginAs(stranger)
    strangerPage.assertStatus(404)
    const strangerPost = await client
      .post(`/grants/${grant.id}/forecasts`)
      .loginAs(stranger)
      .withCsrfToken()
      .form(webBody('400000.00', '602631.58'))
      .redirects(0)
    strangerPost.assertStatus(404)
    const strangerCsv = await client.get(`/grants/${grant.id}/schedule.csv`).loginAs(stranger)
    strangerCsv.assertStatus(404)
    assert.deepEqual(await storedForecasts(grant), [])
  })
})

test.group('Grant forecasts per period: API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('PUT stores them; the API, the page, the CSV and the contract PDF show the same schedule', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency()

    const put = await client
      .put(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(people.applicant)
      .json(apiBody(40000000, 60263158))
    put.assertStatus(200)
    assert.equal(put.body().data.source, 'grantee')
    assert.equal(put.body().data.budgetWithoutContingencyCents, 100263158)
    assert.deepEqual(
      put.body().data.periods.map((p: { enteredCents: number }) => p.enteredCents),
      [40000000, 60263158]
    )

    const detail = await client
      .get(`/api/v1/grants/${grant.id}`)
      .withGuard('api')
      .loginAs(people.applicant)
    const planned = detail
      .body()
      .data.schedule.map((row: { plannedCents: number }) => row.plannedCents)
    assert.deepEqual(planned, [38000000, 52000000, 10000000])
    assert.equal(detail.body().data.forecasts.source, 'grantee')

    const csv = await client.get(`/grants/${grant.id}/schedule.csv`).loginAs(people.applicant)
    csv.assertStatus(200)
    const csvPlanned = csv
      .text()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[5]))
    assert.deepEqual(csvPlanned, planned)

    const page = await client.get(`/grants/${grant.id}`).loginAs(people.applicant)
    const pdf = await client.get(`/grants/${grant.id}/contract.pdf`).loginAs(people.applicant)
    const text = pdfText(pdf.body())
    for (const cents of planned) {
      assert.include(page.text(), formatMoney(cents))
      assert.include(text, formatMoney(cents))
    }
  })

  test('a sum that is not TEC − C is refused with 422 and the difference', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency()

    const response = await client
      .put(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(people.applicant)
      .json(apiBody(40000000, 60000000))

    response.assertStatus(422)
    const [error] = response.body().errors
    assert.equal(error.code, 'E_FORECASTS_SUM_NOT_BUDGET')
    assert.equal(error.details.differenceCents, -263158)
    assert.include(error.message, `${formatMoney(263158)} missing`)
    assert.deepEqual(await storedForecasts(grant), [])
  })

  test('after signature the grantee gets 409; the funder grant manager may correct', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency('signed')

    const byGrantee = await client
      .put(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(people.applicant)
      .json(apiBody(40000000, 60263158))
    byGrantee.assertStatus(409)

    const byManager = await client
      .put(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(people.manager)
      .json(apiBody(40000000, 60263158))
    byManager.assertStatus(200)
    assert.deepEqual(await storedForecasts(grant), [40000000, 60263158])
  })

  test("another organisation's NGO can neither read nor write; a finance officer only reads", async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency()
    const stranger = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    const read = await client
      .get(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(stranger)
    read.assertStatus(404)
    const write = await client
      .put(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(stranger)
      .json(apiBody(40000000, 60263158))
    write.assertStatus(404)

    const financeRead = await client
      .get(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(people.finance)
    financeRead.assertStatus(200)
    assert.equal(financeRead.body().data.source, 'spread')
    const financeWrite = await client
      .put(`/api/v1/grants/${grant.id}/forecasts`)
      .withGuard('api')
      .loginAs(people.finance)
      .json(apiBody(40000000, 60263158))
    financeWrite.assertStatus(403)
    assert.deepEqual(await storedForecasts(grant), [])
  })
})

test.group('Option 1 with a contingency reserve', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('pre-finances 80 % of (TEC − C) × share everywhere, never the contingency', async ({
    client,
    assert,
  }) => {
    const { grant, people } = await grantWithContingency()
    await grant.merge({ paymentOption: 'option_1' }).save()
    // round(80 % × 1 002 631.58 × 1 000 000.00 / 1 052 631.58) = 762 000.00 (not 800 000.00).
    const detail = await client
      .get(`/api/v1/grants/${grant.id}`)
      .withGuard('api')
      .loginAs(people.applicant)
    assert.deepEqual(
      detail.body().data.schedule.map((row: { plannedCents: number }) => row.plannedCents),
      [76200000, 23800000]
    )
    assert.equal(detail.body().data.next.payableCents, 76200000)
    const csv = await client.get(`/grants/${grant.id}/schedule.csv`).loginAs(people.applicant)
    assert.include(csv.text(), ',76200000,')
    const pdf = await client.get(`/grants/${grant.id}/contract.pdf`).loginAs(people.applicant)
    assert.include(pdfText(pdf.body()), formatMoney(76200000))
  })
})

test.group('Payment option of a sub-grant from its award', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('18 months but F ≤ 100 000.00: option 1, and the page says why', async ({
    client,
    assert,
  }) => {
    const lead = await makeSignedGrant({ status: 'in_implementation' })
    await GrantBudgetLine.create({
      grantId: lead.grant.id,
      version: 1,
      position: 1,
      heading: 'other',
      label: 'Sub-grants to shelters',
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: 10000000,
      totalCents: 10000000,
      thirdParty: 'Shelter NGOs',
    })
    const leadManager = await makeMember(lead.grantee, 'grant_manager')
    const call = await makeCall(lead.grantee, leadManager, {
      status: 'awarded',
      eligibleServices: ['residential_vot'],
    })
    call.parentGrantId = lead.grant.id
    await call.save()
    const official = await makeMember(await makeOrganisation('ministry', 'MLSW'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo', 'Shelter')
    await makeLicence(ngo, official, { issuedOn: '2026-01-01', validUntil: '2029-12-31' })
    const applicant = await makeMember(ngo, 'applicant')
    const application = await Application.create({
      callId: call.id,
      organisationId: ngo.id,
      status: 'awarded',
      title: 'Beds',
      currency: 'EUR',
      requestedCents: 4000000,
      fullRequestedCents: null,
      periodStartOn: DateTime.fromISO('2027-01-01'),
      periodEndOn: DateTime.fromISO('2028-06-30'),
      createdById: applicant.id,
      isEliminated: false,
    })
    await ApplicationBudgetLine.create({
      applicationId: application.id,
      position: 0,
      heading: 'human_resources',
      label: 'Care staff',
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: 4210527,
    })

    const subGrant = await new GrantContracts().createFromAward(
      application.id,
      leadManager,
      '127.0.0.1'
    )

    assert.equal(subGrant.funderCents, 4000000)
    assert.equal(subGrant.paymentOption, 'option_1')
    assert.equal(subGrant.paymentOptionReason, 'small_contribution')
    const page = await client.get(`/grants/${subGrant.id}`).loginAs(applicant)
    assert.include(page.text(), 'option 1: F ≤ €100,000.00')
    const api = await client
      .get(`/api/v1/grants/${subGrant.id}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.deepEqual(api.body().data.paymentOptionReasons, ['small_contribution'])
  })
})
