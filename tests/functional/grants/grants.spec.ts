import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { GrantContracts } from '#actions/grants/grant_contracts'
import { SendLicenceReminders } from '#actions/licences/send_licence_reminders'
import { reportingPeriods } from '#domain/grants/grant_terms'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import Grant from '#models/grant'
import { makeCall, makeLicence, makeMember, makeOrganisation, sentMails } from '#tests/helpers'

const ip = '127.0.0.1'

async function awardedApplication() {
  const funder = await makeOrganisation('lead_grantee', 'Lead Funder')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager, { status: 'awarded' })
  const ngo = await makeOrganisation('ngo', 'Awarded Shelter')
  const applicant = await makeMember(ngo, 'applicant')
  const application = await Application.create({
    callId: call.id,
    organisationId: ngo.id,
    status: 'awarded',
    title: 'Beds',
    currency: 'EUR',
    requestedCents: 5000000,
    fullRequestedCents: null,
    periodStartOn: DateTime.fromISO('2027-01-01'),
    periodEndOn: DateTime.fromISO('2028-06-30'),
    createdById: applicant.id,
    isEliminated: false,
  })
  await ApplicationBudgetLine.createMany([
    {
      applicationId: application.id,
      position: 0,
      heading: 'human_resources',
      label: 'Staff',
      unit: 'month',
      quantityHundredths: 1800,
      unitCostCents: 266667,
    },
    {
      applicationId: application.id,
      position: 1,
      heading: 'indirect',
      label: 'Overheads',
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: 300000,
    },
  ])
  return { funder, manager, call, ngo, applicant, application }
}

test.group('Grants: from award to signature', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('reporting periods are 12 months, the last one shorter, with their report deadlines', ({
    assert,
  }) => {
    assert.deepEqual(reportingPeriods('2027-01-01', '2028-06-30'), [
      {
        number: 1,
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        reportDueOn: '2028-02-29',
        isFinal: false,
      },
      {
        number: 2,
        startsOn: '2028-01-01',
        endsOn: '2028-06-30',
        reportDueOn: '2028-09-30',
        isFinal: true,
      },
    ])
  })

  test('the grant copies the awarded budget with an exact co-financing split', async ({
    client,
    assert,
  }) => {
    const { manager, application } = await awardedApplication()

    const response = await client
      .post(`/applications/${application.id}/grant`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const grant = await Grant.query()
      .where('application_id', application.id)
      .preload('budgetLines')
      .firstOrFail()
    assert.equal(grant.totalEligibleCents, 5100006)
    assert.equal(grant.funderCents, 4845005)
    assert.equal(grant.cofinancingCents, 255001)
    assert.equal(grant.funderCents + grant.cofinancingCents, grant.totalEligibleCents)
    // 24 months, but F 48 450.05 ≤ 100 000.00: option 1 (DOMAIN-RULES §4.4), and why is stored.
    assert.equal(grant.paymentOption, 'option_1')
    assert.equal(grant.paymentOptionReason, 'small_contribution')
    const page = await client.get(`/grants/${grant.id}`).loginAs(manager)
    assert.include(page.text(), 'option 1: F ≤ €100,000.00')
    assert.deepEqual(
      grant.budgetLines.map((l) => l.totalCents),
      [4800006, 300000]
    )
    assert.equal(grant.status, 'draft')
    const again = await new GrantContracts().createFromAward(application.id, manager, ip)
    assert.equal(again.id, grant.id)
  })

  test('each side signs for itself; with both signatures the grant is signed', async ({
    client,
    assert,
  }) => {
    const { manager, applicant, application } = await awardedApplication()
    const grant = await new GrantContracts().createFromAward(application.id, manager, ip)

    const wrongSide = await client
      .post(`/grants/${grant.id}/signature`)
      .form({ side: 'funder' })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    wrongSide.assertFlashMessage('error', 'Access denied')

    await client
      .post(`/grants/${grant.id}/signature`)
      .form({ side: 'grantee' })
      .loginAs(applicant)
      .withCsrfToken()
    await client
      .post(`/grants/${grant.id}/signature`)
      .form({ side: 'funder' })
      .loginAs(manager)
      .withCsrfToken()

    await grant.refresh()
    assert.equal(grant.status, 'signed')
    assert.equal(grant.granteeSignedById, applicant.id)
    assert.equal(grant.funderSignedById, manager.id)
    const events = await db
      .from('audit_events')
      .where('subject_type', 'grant')
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      events.map((e) => e.action),
      ['grant.created', 'grant.signed_by_grantee', 'grant.signed_by_funder']
    )
  })

  test('another NGO gets 404 for the grant', async ({ client }) => {
    const { manager, application } = await awardedApplication()
    const grant = await new GrantContracts().createFromAward(application.id, manager, ip)
    const outsider = await makeMember(await makeOrganisation('ngo'), 'applicant')

    const response = await client.get(`/grants/${grant.id}`).loginAs(outsider)
    response.assertStatus(404)
  })

  test("licence reminders also reach the grant managers of the NGO's funders", async ({
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const { manager, ngo, applicant, application } = await awardedApplication()
    await new GrantContracts().createFromAward(application.id, manager, ip)
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    await makeLicence(ngo, official, {
      number: 'GM-1',
      issuedOn: '2024-07-01',
      validUntil: '2027-06-30',
    })

    // The contract drawn up from the award was mailed to its signatories before.
    const before = sentMails(messages).length
    await new SendLicenceReminders().handle('2027-04-01')

    assert.sameMembers(
      sentMails(messages)
        .slice(before)
        .map((m) => m.to),
      [applicant.email, official.email, manager.email]
    )
  })
})

test.group('Grants: the payment schedule on the grant page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the planned tranches of the EU grant add up to its contribution, with nothing pre-financed beyond 90 %', async ({
    client,
    assert,
  }) => {
    const { DemoData } = await import('#database/seeders/demo_data')
    await new DemoData().load()
    const { default: User } = await import('#models/user')
    const manager = await User.findByOrFail('email', 'manager@demo.test')
    const grant = await Grant.query().whereNull('parent_grant_id').firstOrFail()

    const page = await client.get(`/grants/${grant.id}`).loginAs(manager)

    page.assertStatus(200)
    const rows = [
      ...page.text().matchAll(/data-tranche="([a-z_]+)"[\s\S]*?<td class="num">([^<]+)<\/td>/g),
    ].map((m) => [m[1], m[2].trim()])
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['initial_prefinancing', 'further_prefinancing', 'balance']
    )
    // 24 months, two periods: the second tranche gets what the 900 000.00 cap leaves after the
    // first, so the balance is 10 %.
    const cents = (text: string) => Number(text.replace(/\D/g, ''))
    assert.equal(cents(rows[0][1]) + cents(rows[1][1]), 90_000_000)
    assert.equal(rows[2][1], '€100,000.00')
    assert.include(page.text(), '€1,000,000.00')
  })
})

test.group('Grants: the list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('filters by status, paginates and exports the same grants as CSV', async ({
    client,
    assert,
  }) => {
    const { makeSignedGrant } = await import('#tests/grant_fixtures')
    const signed = await makeSignedGrant()
    const running = await makeSignedGrant({
      funder: signed.funder,
      status: 'in_implementation',
    })
    const manager = await makeMember(signed.funder, 'grant_manager')
    const page = await client.get('/grants?status=in_implementation').loginAs(manager)
    page.assertStatus(200)
    page.assertTextIncludes(running.grant.reference)
    assert.notInclude(page.text(), signed.grant.reference)
    const csv = await client.get('/grants?status=in_implementation&format=csv').loginAs(manager)
    assert.include(csv.text(), running.grant.reference)
    assert.notInclude(csv.text(), signed.grant.reference)
  })
})
