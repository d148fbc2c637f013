import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import Call from '#models/call'
import { makeMember, makeOrganisation } from '#tests/helpers'

function form(conceptDeadline: DateTime, fullDeadline: DateTime) {
  const local = (d: DateTime) => d.setZone('Europe/Belgrade').toFormat("yyyy-MM-dd'T'HH:mm")
  return {
    reference: 'SG-2027-01',
    titleEn: 'Support to shelters for victims of trafficking',
    procedure: 'restricted',
    budgetEnvelope: '300 000,00',
    minGrant: '20 000',
    maxGrant: '60 000',
    maxFunderShare: '95',
    maxPerThirdParty: '60 000',
    checklist: 'Registered NGO\nLicence valid',
    conceptGrid: JSON.stringify(defaultConceptGrid),
    fullGrid: JSON.stringify(defaultFullGrid),
    conceptDeadline: local(conceptDeadline),
    fullDeadline: local(fullDeadline),
    minDaysToConceptDeadline: '45',
    minDaysToFullDeadline: '30',
    shortlistMultiple: '2',
    spreadFlag: '20',
  }
}

test.group('Calls: set-up and publication', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a grant manager sets up a call; amounts, shares and deadlines are stored exactly', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const conceptDeadline = DateTime.utc().plus({ days: 60 }).set({ second: 0, millisecond: 0 })

    const response = await client
      .post('/calls')
      .form({
        ...form(conceptDeadline, conceptDeadline.plus({ days: 40 })),
        'eligibleServices[]': 'residential_vot',
      })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const call = await Call.findByOrFail('reference', 'SG-2027-01')
    assert.equal(call.budgetEnvelopeCents, 30000000)
    assert.equal(call.maxGrantCents, 6000000)
    assert.equal(call.maxFunderShareBp, 9500)
    assert.equal(call.shortlistMultipleBp, 20000)
    assert.equal(call.conceptDeadlineAt.toMillis(), conceptDeadline.toMillis())
    assert.deepEqual(call.eligibleServices, ['residential_vot'])
    assert.equal(call.status, 'draft')
  })

  test('publication is refused when the deadline leaves less than 45 days', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const soon = DateTime.utc().plus({ days: 20 })
    await client
      .post('/calls')
      .form(form(soon, soon.plus({ days: 40 })))
      .loginAs(manager)
      .withCsrfToken()
    const call = await Call.findByOrFail('reference', 'SG-2027-01')

    const refused = await client
      .post(`/calls/${call.id}/stage`)
      .form({ stage: 'published' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /at least 45 days after publication/)
    await call.refresh()
    assert.equal(call.status, 'draft')

    call.conceptDeadlineAt = DateTime.utc().plus({ days: 46 })
    call.fullDeadlineAt = DateTime.utc().plus({ days: 80 })
    await call.save()
    const published = await client
      .post(`/calls/${call.id}/stage`)
      .form({ stage: 'published' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    published.assertFlashMessage('success', 'The call is published.')
    await call.refresh()
    assert.equal(call.status, 'published')
  })

  test('an invalid grid or amount is refused field by field and nothing is saved', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const later = DateTime.utc().plus({ days: 60 })

    const response = await client
      .post('/calls')
      .form({
        ...form(later, later.plus({ days: 40 })),
        conceptGrid: '{"sections": []',
        budgetEnvelope: 'lots',
      })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.exists(errors.budgetEnvelope)
    assert.isNull(await Call.findBy('reference', 'SG-2027-01'))
  })

  test('NGO users cannot set up calls nor move them', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')

    const response = await client.get('/calls/create').loginAs(applicant)
    response.assertStatus(403)
  })
})
