import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/organisation'
import { makeMember, makeOrganisation, fileWith } from '#tests/helpers'

const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

test.group('Organisations: profile and documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an NGO user saves the profile', async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .put(`/organisations/${ngo.id}`)
      .form({ name: ngo.name, municipalityCode: 'prizren', fiscalNumber: '600123456' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)

    response.assertHeader('location', `/organisations/${ngo.id}`)
    const fresh = await Organisation.findOrFail(ngo.id)
    assert.equal(fresh.fiscalNumber, '600123456')
    assert.equal(fresh.municipalityCode, 'prizren')
    const event = await db
      .from('audit_events')
      .where({ action: 'organisation.profile_updated' })
      .first()
    assert.include(event.after_json, '600123456')
  })

  test("another NGO's profile cannot be edited (404)", async ({ client }) => {
    const ngo = await makeOrganisation('ngo')
    const other = await makeOrganisation('ngo')
    const user = await makeMember(other, 'applicant')

    const response = await client.get(`/organisations/${ngo.id}/edit`).loginAs(user)
    response.assertStatus(404)
  })

  test('a PDF is stored as a new version; a file named .pdf with other bytes is refused', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')

    const good = await client
      .post(`/organisations/${ngo.id}/documents`)
      .field('type', 'statute')
      .file('file', await fileWith('statute.pdf', minimalPdf))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    good.assertStatus(302)
    const second = await client
      .post(`/organisations/${ngo.id}/documents`)
      .field('type', 'statute')
      .file('file', await fileWith('statute-2026.pdf', minimalPdf))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    second.assertStatus(302)
    const versions = await db
      .from('document_versions')
      .join(
        'organisation_documents',
        'organisation_documents.id',
        'document_versions.organisation_document_id'
      )
      .where('organisation_documents.organisation_id', ngo.id)
      .orderBy('version')
      .select('version', 'content_type', 'file_name')
    assert.deepEqual(
      versions.map((v) => [v.version, v.content_type, v.file_name]),
      [
        [1, 'application/pdf', 'statute.pdf'],
        [2, 'application/pdf', 'statute-2026.pdf'],
      ]
    )

    const fake = await client
      .post(`/organisations/${ngo.id}/documents`)
      .field('type', 'audit_report')
      .file(
        'file',
        await fileWith('audit.pdf', Buffer.from('MZ this is an executable, not a PDF at all'))
      )
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    fake.assertStatus(302)
    fake.assertFlashMessage('errorsBag', {
      file: "The file's content is not an accepted type (the name does not count).",
    })
    const auditReports = await db
      .from('organisation_documents')
      .where({ organisation_id: ngo.id, type: 'audit_report' })
    assert.lengthOf(auditReports, 0)
  })
})
