import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import FstpException from '#models/fstp_exception'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import LedgerEntry from '#models/ledger_entry'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeCall, makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

/** A lead grant with an FSTP line of 100 000.00 and its sub-granting call. */
async function subGrantingCall() {
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
  const mlsw = await makeOrganisation('ministry', 'MLSW')
  const official = await makeMember(mlsw, 'mlsw_official')
  return { lead, leadManager, call, official }
}

/** An awarded application whose funder contribution is `funderCents` (95 % of its budget, floored). */
async function awarded(
  callId: number,
  official: Awaited<ReturnType<typeof makeMember>>,
  budgetCents: number,
  name: string
) {
  const ngo = await makeOrganisation('ngo', name)
  await makeLicence(ngo, official, { issuedOn: '2026-01-01', validUntil: '2029-12-31' })
  const applicant = await makeMember(ngo, 'applicant')
  const application = await Application.create({
    callId,
    organisationId: ngo.id,
    status: 'awarded',
    title: `Beds at ${name}`,
    currency: 'EUR',
    requestedCents: Math.floor((budgetCents * 95) / 100),
    fullRequestedCents: null,
    periodStartOn: DateTime.fromISO('2027-01-01'),
    periodEndOn: DateTime.fromISO('2027-12-31'),
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
    unitCostCents: budgetCents,
  })
  return application
}

test.group('Sub-grants: FSTP cap, line and licence at award', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a sub-grant over the per-third-party cap is refused until the funder approves an exception', async ({
    client,
    assert,
  }) => {
    const { lead, leadManager, call, official } = await subGrantingCall()
    // Budget 73 684.22 → F = floor(95 %) = 70 000.00, over the 60 000.00 cap.
    const application = await awarded(call.id, official, 7368422, 'Shelter Over Cap')

    const refused = await client
      .post(`/applications/${application.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    assert.include(String(refused.flashMessages().error), 'per-third-party cap')
    assert.isNull(await Grant.findBy('application_id', application.id))

    // The lead grantee asks; the applicant's own people cannot decide; the EU's manager approves.
    await client
      .post(`/grants/${lead.grant.id}/fstp-exceptions`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
      .form({
        applicationId: application.id,
        amount: '70000,00',
        justification: 'The only shelter for minors in the region',
      })
      .then((r) => r.assertStatus(302))
    const exception = await FstpException.findByOrFail('application_id', application.id)
    assert.equal(exception.amountCents, 7000000)
    const selfApproval = await client
      .post(`/fstp-exceptions/${exception.id}/decision`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
      .form({ outcome: 'approved' })
    selfApproval.assertFlashMessage('error', 'Access denied')
    const euManager = await makeMember(lead.funder, 'grant_manager')
    await client
      .post(`/fstp-exceptions/${exception.id}/decision`)
      .loginAs(euManager)
      .withCsrfToken()
      .redirects(0)
      .form({ outcome: 'approved' })
      .then((r) => r.assertStatus(302))

    const created = await client
      .post(`/applications/${application.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    const subGrant = await Grant.findByOrFail('application_id', application.id)
    assert.equal(subGrant.parentGrantId, lead.grant.id)
    assert.equal(subGrant.funderCents, 7000000)
  })

  test('the sub-grants together stay within the FSTP line', async ({ client, assert }) => {
    const { lead, leadManager, call, official } = await subGrantingCall()
    const first = await awarded(call.id, official, 6315790, 'Shelter One') // F 60 000.00
    const second = await awarded(call.id, official, 4315790, 'Shelter Two') // F 41 000.00
    await client
      .post(`/applications/${first.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    assert.isNotNull(await Grant.findBy('application_id', first.id))
    const refused = await client
      .post(`/applications/${second.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    assert.include(String(refused.flashMessages().error), 'FSTP line')
    assert.isNull(await Grant.findBy('application_id', second.id))

    // What is left of the line (40 000.00) can still be awarded; once both sides sign, the
    // ledger's commitments of the sub-grants add up to the line and never more.
    const third = await awarded(call.id, official, 4210527, 'Shelter Three') // F 40 000.00
    await client
      .post(`/applications/${third.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    const { GrantContracts } = await import('#actions/grants/grant_contracts')
    const { default: Organisation } = await import('#models/organisation')
    for (const application of [first, third]) {
      const subGrant = await Grant.findByOrFail('application_id', application.id)
      const shelter = await Organisation.findOrFail(subGrant.granteeOrganisationId)
      const signer = await makeMember(shelter, 'applicant')
      await new GrantContracts().sign(subGrant.id, 'grantee', signer, '127.0.0.1')
      await new GrantContracts().sign(subGrant.id, 'funder', leadManager, '127.0.0.1')
    }
    const committed = await LedgerEntry.query()
      .where('kind', 'commitment')
      .whereIn('grant_id', Grant.query().where('parent_grant_id', lead.grant.id).select('id'))
      .sum('amount_cents as total')
    assert.equal(Number(committed[0].$extras.total), 10000000)
  })

  test('a shelter whose licence lapses during the sub-grant is refused', async ({
    client,
    assert,
  }) => {
    const { leadManager, call, official } = await subGrantingCall()
    const application = await awarded(call.id, official, 1000000, 'Shelter Lapsing')
    const { default: Licence } = await import('#models/licence')
    await Licence.query()
      .where('organisation_id', application.organisationId)
      .update({ valid_until: '2027-06-30' })
    const refused = await client
      .post(`/applications/${application.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    assert.include(String(refused.flashMessages().error), 'licence')
    assert.isNull(await Grant.findBy('application_id', application.id))
  })

  test('with its renewal pending, the sub-grant is awarded and the grant says so in the reader’s language', async ({
    client,
    assert,
  }) => {
    const { leadManager, call, official } = await subGrantingCall()
    const application = await awarded(call.id, official, 1000000, 'Shelter Renewing')
    const { default: Licence } = await import('#models/licence')
    const { default: LicenceRenewal } = await import('#models/licence_renewal')
    const licence = await Licence.findByOrFail('organisation_id', application.organisationId)
    licence.validUntil = DateTime.fromISO('2027-06-30')
    await licence.save()
    await LicenceRenewal.create({
      licenceId: licence.id,
      requestedOn: DateTime.fromISO('2027-03-01'),
      outcome: null,
      recordedById: official.id,
    })
    const created = await client
      .post(`/applications/${application.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    const grant = await Grant.findByOrFail('application_id', application.id)
    assert.match(String(grant.licenceNote), /^renewal_pending:2027-0[67]-\d\d$/)
    const english = await client.get(`/grants/${grant.id}`).loginAs(leadManager)
    english.assertTextIncludes('Licence renewal pending at award; cover ends 2027-0')
    const albanian = await client
      .get(`/grants/${grant.id}`)
      .withSession({ locale: 'sq' })
      .loginAs(leadManager)
    albanian.assertTextIncludes('Rinovimi i licencës ishte në pritje në kohën e dhënies së grantit')
  })
})

/** A further sub-granting call under the same lead grant. */
async function anotherCall(
  lead: Awaited<ReturnType<typeof subGrantingCall>>['lead'],
  leadManager: Awaited<ReturnType<typeof makeMember>>
) {
  const call = await makeCall(lead.grantee, leadManager, {
    status: 'awarded',
    eligibleServices: ['residential_vot'],
  })
  call.parentGrantId = lead.grant.id
  await call.save()
  return call
}

/** An awarded application of an existing NGO, F = floor(95 % of the budget). */
async function awardedTo(
  callId: number,
  ngo: Awaited<ReturnType<typeof makeOrganisation>>,
  applicant: Awaited<ReturnType<typeof makeMember>>,
  budgetCents: number
) {
  const application = await Application.create({
    callId,
    organisationId: ngo.id,
    status: 'awarded',
    title: `Beds at ${ngo.name}`,
    currency: 'EUR',
    requestedCents: Math.floor((budgetCents * 95) / 100),
    fullRequestedCents: null,
    periodStartOn: DateTime.fromISO('2027-01-01'),
    periodEndOn: DateTime.fromISO('2027-12-31'),
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
    unitCostCents: budgetCents,
  })
  return application
}

test.group('Sub-grants: the per-third-party cap is cumulative under one lead grant', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a second 40 000.00 sub-grant to the same NGO is refused; an approved exception of 80 000.00 lets it pass; a third beyond is refused', async ({
    client,
    assert,
  }) => {
    const { lead, leadManager, call, official } = await subGrantingCall()
    // Raise the FSTP line to 200 000.00 so that only the third-party cap is at stake.
    await GrantBudgetLine.query()
      .where('grant_id', lead.grant.id)
      .where('heading', 'other')
      .update({ unit_cost_cents: 20000000, total_cents: 20000000 })
    const ngo = await makeOrganisation('ngo', 'Shelter Twice')
    await makeLicence(ngo, official, { issuedOn: '2026-01-01', validUntil: '2029-12-31' })
    const applicant = await makeMember(ngo, 'applicant')
    const second = await anotherCall(lead, leadManager)
    const third = await anotherCall(lead, leadManager)
    // Budget 42 105.27 → F 40 000.00 each.
    const a1 = await awardedTo(call.id, ngo, applicant, 4210527)
    const a2 = await awardedTo(second.id, ngo, applicant, 4210527)
    const a3 = await awardedTo(third.id, ngo, applicant, 4210527)
    const award = (id: number) =>
      client.post(`/applications/${id}/grant`).loginAs(leadManager).withCsrfToken().redirects(0)

    await award(a1.id)
    const firstGrant = await Grant.findByOrFail('application_id', a1.id)
    assert.equal(firstGrant.funderCents, 4000000)
    const refused = await award(a2.id)
    const message = String(refused.flashMessages().error)
    assert.include(message, 'Shelter Twice')
    assert.include(message, 'per-third-party cap')
    assert.include(message, '€80,000.00')
    assert.include(message, '€40,000.00 already awarded')
    assert.isNull(await Grant.findBy('application_id', a2.id))

    const { FstpExceptions } = await import('#actions/grants/fstp_exceptions')
    const exceptions = new FstpExceptions()
    const exception = await exceptions.request(
      lead.grant.id,
      { applicationId: a2.id, amountCents: 8000000, justification: 'Only shelter for minors' },
      leadManager,
      '127.0.0.1'
    )
    const euManager = await makeMember(lead.funder, 'grant_manager')
    await exceptions.decide(exception.id, 'approved', null, euManager, '127.0.0.1')
    await award(a2.id)
    const secondGrant = await Grant.findByOrFail('application_id', a2.id)
    assert.equal(secondGrant.funderCents, 4000000)

    const beyond = await award(a3.id)
    assert.include(String(beyond.flashMessages().error), 'approved exception of €80,000.00')
    assert.isNull(await Grant.findBy('application_id', a3.id))
  })

  test('another NGO’s sub-grants do not count against this NGO’s cap', async ({
    client,
    assert,
  }) => {
    const { leadManager, call, official } = await subGrantingCall()
    const first = await awarded(call.id, official, 6315790, 'Shelter Full Cap') // F 60 000.00
    const other = await awarded(call.id, official, 4210527, 'Shelter Other') // F 40 000.00
    for (const application of [first, other]) {
      await client
        .post(`/applications/${application.id}/grant`)
        .loginAs(leadManager)
        .withCsrfToken()
        .redirects(0)
      assert.isNotNull(await Grant.findBy('application_id', application.id))
    }
  })

  test('the co-financing sources are copied into the grant at award and shown on it', async ({
    client,
    assert,
  }) => {
    const { leadManager, call, official } = await subGrantingCall()
    // Budget 10 000.00 → F 9 500.00, co-financing 500.00.
    const application = await awarded(call.id, official, 1000000, 'Shelter Sources')
    const { default: ApplicationCofinancingSource } =
      await import('#models/application_cofinancing_source')
    await ApplicationCofinancingSource.createMany([
      {
        applicationId: application.id,
        position: 0,
        kind: 'own_funds',
        source: 'Own',
        currency: 'EUR',
        amountCents: 30000,
      },
      {
        applicationId: application.id,
        position: 1,
        kind: 'other_donor',
        source: 'Municipality',
        currency: 'EUR',
        amountCents: 20000,
      },
    ])
    await client
      .post(`/applications/${application.id}/grant`)
      .loginAs(leadManager)
      .withCsrfToken()
      .redirects(0)
    const grant = await Grant.findByOrFail('application_id', application.id)
    await grant.load('cofinancingSources')
    assert.deepEqual(
      grant.cofinancingSources.map((r) => [r.kind, r.source, r.amountCents]),
      [
        ['own_funds', 'Own', 30000],
        ['other_donor', 'Municipality', 20000],
      ]
    )
    const page = await client.get(`/grants/${grant.id}`).loginAs(leadManager)
    page.assertTextIncludes('data-grant-cofinancing')
    page.assertTextIncludes('Municipality')
  })
})
