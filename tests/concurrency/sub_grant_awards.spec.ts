import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeCall, makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

/**
 * The per-third-party cap is cumulative (DOMAIN-RULES §3): six awards of
 * 40 000.00 to the same NGO under one lead grant, posted at the same time,
 * must not both pass. No global transaction: the data is committed and the
 * requests race on separate connections; the row lock on the lead grant
 * (PostgreSQL) serialises them, SQLite runs one writer at a time.
 */
test.group('Cumulative third-party cap under parallel awards', () => {
  test('six parallel 40 000.00 awards to one NGO: exactly one sub-grant', async ({
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
      unitCostCents: 20000000,
      totalCents: 20000000,
      thirdParty: 'Shelter NGOs',
    })
    const leadManager = await makeMember(lead.grantee, 'grant_manager')
    const mlsw = await makeOrganisation('ministry', 'MLSW race')
    const official = await makeMember(mlsw, 'mlsw_official')
    const ngo = await makeOrganisation('ngo', 'Shelter Race')
    await makeLicence(ngo, official, { issuedOn: '2026-01-01', validUntil: '2029-12-31' })
    const applicant = await makeMember(ngo, 'applicant')

    const applications: Application[] = []
    for (let n = 0; n < 6; n++) {
      const call = await makeCall(lead.grantee, leadManager, {
        status: 'awarded',
        eligibleServices: ['residential_vot'],
      })
      call.parentGrantId = lead.grant.id
      await call.save()
      const application = await Application.create({
        callId: call.id,
        organisationId: ngo.id,
        status: 'awarded',
        title: `Beds ${n}`,
        currency: 'EUR',
        requestedCents: 4000000,
        fullRequestedCents: null,
        periodStartOn: DateTime.fromISO('2027-01-01'),
        periodEndOn: DateTime.fromISO('2027-12-31'),
        createdById: applicant.id,
        isEliminated: false,
      })
      // Budget 42 105.27 → F 40 000.00.
      await ApplicationBudgetLine.create({
        applicationId: application.id,
        position: 0,
        heading: 'human_resources',
        label: 'Care staff',
        unit: 'lump sum',
        quantityHundredths: 100,
        unitCostCents: 4210527,
      })
      applications.push(application)
    }

    const responses = await Promise.all(
      applications.map((application) =>
        client
          .post(`/applications/${application.id}/grant`)
          .loginAs(leadManager)
          .withCsrfToken()
          .redirects(0)
      )
    )
    assert.isTrue(responses.every((r) => r.status() === 302))
    const subGrants = await Grant.query().where('parent_grant_id', lead.grant.id)
    assert.lengthOf(subGrants, 1)
    assert.equal(subGrants[0].funderCents, 4000000)
    const refused = responses.map((r) => String(r.flashMessages().error ?? ''))
    assert.equal(refused.filter((m) => m.includes('per-third-party cap')).length, 5)
  })
})
