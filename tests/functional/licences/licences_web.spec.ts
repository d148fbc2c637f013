import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Licence from '#models/licence'
import { makeLicence, makeMember, makeOrganisation, fileWith } from '#tests/helpers'

test.group('Licences: pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an MLSW official records a licence with its scanned PDF decision', async ({
    client,
    assert,
  }) => {
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo')

    const response = await client
      .post('/licences')
      .fields({
        number: 'WEB-1',
        organisationId: String(ngo.id),
        level: 'higher',
        issuedOn: '2026-02-01',
      })
      .field('services[]', 'residential_vot')
      .field('services[]', 'reintegration')
      .file('decisionFile', await fileWith('decision.pdf', Buffer.from('%PDF-1.7\n%%EOF\n')))
      .loginAs(official)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const row = await Licence.findByOrFail('number', 'WEB-1')
    assert.equal(row.validUntil.toISODate(), '2029-01-31')
    assert.deepEqual(row.services, ['residential_vot', 'reintegration'])
    assert.isNotNull(row.decisionFileKey)
    const page = await client.get(`/licences/${row.id}/decision-file`).loginAs(official)
    page.assertStatus(200)
    page.assertHeader('content-type', 'application/pdf')
  })

  test('a decision file that is not a PDF is refused and no licence is saved', async ({
    client,
    assert,
  }) => {
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo')

    const response = await client
      .post('/licences')
      .fields({
        number: 'WEB-2',
        organisationId: String(ngo.id),
        level: 'basic',
        issuedOn: '2026-02-01',
      })
      .field('services[]', 'residential_vot')
      .file('decisionFile', await fileWith('decision.pdf', Buffer.from('GIF89a not really a pdf')))
      .loginAs(official)
      .withCsrfToken()
      .redirects(0)

    response.assertFlashMessage('errorsBag', {
      decisionFile: "The file's content is not an accepted type (the name does not count).",
    })
    assert.isNull(await db.from('licences').where('number', 'WEB-2').first())
  })

  test('an NGO user may not open the licence form nor post a decision', async ({
    client,
    assert,
  }) => {
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2027-12-31',
    })

    const form = await client.get('/licences/create').loginAs(applicant)
    form.assertStatus(403)

    const decision = await client
      .post(`/licences/${licence.id}/decisions`)
      .form({ kind: 'revoked', effectiveOn: '2026-01-01', reason: 'not allowed' })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    decision.assertFlashMessage('error', 'Access denied')
    assert.isNull(await db.from('licence_decisions').where('licence_id', licence.id).first())

    const page = await client.get(`/licences/${licence.id}`).loginAs(applicant)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'data-decision-form')
  })

  test('the licensing dashboard is for MLSW officials and programme staff', async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')

    const allowed = await client.get('/licensing').loginAs(official)
    allowed.assertStatus(200)
    const refused = await client.get('/licensing').loginAs(applicant)
    refused.assertStatus(403)
  })
})

test.group('Licences: the licensing dashboard with sub-grants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('stopped licences of shelters with active sub-grants are shown as holding payments', async ({
    client,
    assert,
  }) => {
    const { DemoData } = await import('#database/seeders/demo_data')
    await new DemoData().load()
    const { default: User } = await import('#models/user')
    const official = await User.findByOrFail('email', 'mlsw@demo.test')
    await official.loadMemberships()

    const page = await client.get('/licensing').loginAs(official)

    page.assertStatus(200)
    const held = page.text().match(/data-held-sub-grants>[\s\S]*?<\/td>/g) ?? []
    assert.lengthOf(
      held.filter((cell) => cell.includes('Payments held')),
      2
    )
  })
})
