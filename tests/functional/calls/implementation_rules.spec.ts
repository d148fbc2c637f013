import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import Call from '#models/call'
import ApplicationCofinancingSource from '#models/application_cofinancing_source'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

function callForm(overrides: Record<string, string> = {}) {
  const local = (d: DateTime) => d.setZone('Europe/Belgrade').toFormat("yyyy-MM-dd'T'HH:mm")
  const concept = DateTime.utc().plus({ days: 60 })
  return {
    reference: 'SG-2027-07',
    titleEn: 'Support to shelters for victims of trafficking',
    procedure: 'restricted',
    budgetEnvelope: '300 000,00',
    minGrant: '20 000',
    maxGrant: '60 000',
    maxFunderShare: '95',
    maxPerThirdParty: '60 000',
    checklist: 'Registered NGO',
    conceptGrid: JSON.stringify(defaultConceptGrid),
    fullGrid: JSON.stringify(defaultFullGrid),
    conceptDeadline: local(concept),
    fullDeadline: local(concept.plus({ days: 40 })),
    minDaysToConceptDeadline: '45',
    minDaysToFullDeadline: '30',
    shortlistMultiple: '2',
    spreadFlag: '20',
    minDurationMonths: '12',
    maxDurationMonths: '24',
    ...overrides,
  }
}

async function shortlisted() {
  const funder = await makeOrganisation('lead_grantee')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager)
  const ngo = await makeOrganisation('ngo')
  const applicant = await makeMember(ngo, 'applicant')
  const notes = new ConceptNotes()
  const application = await notes.start(call, ngo.id, applicant, ip)
  application.status = 'shortlisted'
  await application.save()
  return { funder, manager, call, ngo, applicant, application }
}

test.group('Calls: implementation period limits in the set-up form', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the limits and the in-kind rule are stored and shown', async ({ client, assert }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    await client
      .post('/calls')
      .form({ ...callForm(), allowsInKind: 'true' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    const call = await Call.findByOrFail('reference', 'SG-2027-07')
    assert.equal(call.minDurationMonths, 12)
    assert.equal(call.maxDurationMonths, 24)
    assert.isTrue(call.allowsInKind)
    const page = await client.get(`/calls/${call.id}`).loginAs(manager)
    page.assertTextIncludes('12–24 months')
  })

  test('a maximum below the minimum is refused on its field, in the reader’s language, and the typed values stay', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const refused = await client
      .post('/calls')
      .form(callForm({ minDurationMonths: '30', maxDurationMonths: '24', titleEn: 'Typed title' }))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    const flash = refused.flashMessages()
    assert.include(
      String((flash.errorsBag as Record<string, string>).maxDurationMonths),
      'Maximum implementation period'
    )
    assert.isNull(await Call.findBy('reference', 'SG-2027-07'))

    const form = await client.get('/calls/create').withFlashMessages(flash).loginAs(manager)
    form.assertTextIncludes('value="Typed title"')
    form.assertTextIncludes('value="30"')
    form.assertTextIncludes('Maximum implementation period: it is shorter than the minimum.')

    const inAlbanian = await client
      .post('/calls')
      .withSession({ locale: 'sq' })
      .form(callForm({ minDurationMonths: '30', maxDurationMonths: '24' }))
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    assert.include(
      String((inAlbanian.flashMessages().errorsBag as Record<string, string>).maxDurationMonths),
      'Periudha maksimale e zbatimit'
    )
  })
})

test.group('API: call implementation rules', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the funder’s grant manager sets them on a draft call; the API shows them', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'draft' })
    const response = await client
      .put(`/api/v1/calls/${call.id}/implementation-rules`)
      .json({ minDurationMonths: 6, maxDurationMonths: 24, allowsInKind: true })
      .withGuard('api')
      .loginAs(manager)
    response.assertStatus(200)
    response.assertBodyContains({
      data: { minDurationMonths: 6, maxDurationMonths: 24, allowsInKind: true },
    })
    await call.refresh()
    assert.equal(call.maxDurationMonths, 24)

    const inverted = await client
      .put(`/api/v1/calls/${call.id}/implementation-rules`)
      .json({ minDurationMonths: 25, maxDurationMonths: 24, allowsInKind: false })
      .withGuard('api')
      .loginAs(manager)
    inverted.assertStatus(409)
    inverted.assertBodyContains({ errors: [{ field: 'maxDurationMonths' }] })
    await call.refresh()
    assert.equal(call.minDurationMonths, 6)
  })

  test('an NGO cannot set them, and a published call is not edited', async ({ client, assert }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'published' })
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const body = { minDurationMonths: 6, maxDurationMonths: 12, allowsInKind: true }
    const denied = await client
      .put(`/api/v1/calls/${call.id}/implementation-rules`)
      .json(body)
      .withGuard('api')
      .loginAs(applicant)
    denied.assertStatus(403)
    const published = await client
      .put(`/api/v1/calls/${call.id}/implementation-rules`)
      .json(body)
      .withGuard('api')
      .loginAs(manager)
    published.assertStatus(409)
    await call.refresh()
    assert.equal(call.maxDurationMonths, 60)
    assert.isFalse(call.allowsInKind)
  })
})

test.group('API: co-financing sources of a full application', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the applicant replaces and reads them; the funder reads them', async ({
    client,
    assert,
  }) => {
    const { manager, applicant, application } = await shortlisted()
    const saved = await client
      .put(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .json({
        sources: [
          { kind: 'own_funds', source: 'Own funds', amountCents: 150000 },
          { kind: 'other_donor', source: 'Municipality', amountCents: 30000 },
        ],
      })
      .withGuard('api')
      .loginAs(applicant)
    saved.assertStatus(200)
    const listed = await client
      .get(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .withGuard('api')
      .loginAs(manager)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((r: { kind: string; amountCents: number }) => [r.kind, r.amountCents]),
      [
        ['own_funds', 150000],
        ['other_donor', 30000],
      ]
    )
    const invalid = await client
      .put(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .json({ sources: [{ kind: 'gift', source: 'x', amountCents: 1.5 }] })
      .withGuard('api')
      .loginAs(applicant)
    invalid.assertStatus(422)
    const inKind = await client
      .put(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .json({ sources: [{ kind: 'in_kind', source: 'Volunteers', amountCents: 100 }] })
      .withGuard('api')
      .loginAs(applicant)
    inKind.assertStatus(409)
    inKind.assertBodyContains({ errors: [{ code: 'E_COFINANCING_IN_KIND', field: 'cofinancing' }] })
    assert.lengthOf(
      await ApplicationCofinancingSource.query().where('application_id', application.id),
      2
    )
  })

  test('another organisation’s NGO can neither read nor edit them; the funder cannot edit them', async ({
    client,
    assert,
  }) => {
    const { manager, applicant, application } = await shortlisted()
    await client
      .put(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .json({ sources: [{ kind: 'own_funds', source: 'Own funds', amountCents: 150000 }] })
      .withGuard('api')
      .loginAs(applicant)
    const otherNgo = await makeOrganisation('ngo')
    const stranger = await makeMember(otherNgo, 'applicant')
    const read = await client
      .get(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .withGuard('api')
      .loginAs(stranger)
    read.assertStatus(404)
    const edit = await client
      .put(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .json({ sources: [] })
      .withGuard('api')
      .loginAs(stranger)
    edit.assertStatus(404)
    const byFunder = await client
      .put(`/api/v1/applications/${application.id}/cofinancing-sources`)
      .json({ sources: [] })
      .withGuard('api')
      .loginAs(manager)
    byFunder.assertStatus(403)
    // Nor through the web form.
    const web = await client
      .put(`/applications/${application.id}/full`)
      .form({
        'cofinancing[0][kind]': 'own_funds',
        'cofinancing[0][source]': 'x',
        'cofinancing[0][amount]': '1',
      })
      .loginAs(stranger)
      .withCsrfToken()
      .redirects(0)
    web.assertStatus(404)
    const rows = await ApplicationCofinancingSource.query().where('application_id', application.id)
    assert.deepEqual(
      rows.map((r) => r.amountCents),
      [150000]
    )
  })
})
