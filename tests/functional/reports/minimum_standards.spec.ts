import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditEvent from '#models/audit_event'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'
import { makeMember, makeOrganisation } from '#tests/helpers'

const edited = {
  'titleEn': 'Safe and confidential accommodation',
  'titleSq': 'Akomodim i sigurt dhe konfidencial',
  'titleSr': 'Bezbedan i poverljiv smeštaj',
  'descriptionEn': 'Round-the-clock security at a confidential address.',
  'descriptionSq': 'Siguri gjatë gjithë kohës në një adresë konfidenciale.',
  'descriptionSr': 'Obezbeđenje danonoćno na poverljivoj adresi.',
  'criteria[0][en]': 'The address is known only to named staff.',
  'criteria[0][sq]': 'Adresa njihet vetëm nga stafi i caktuar me emër.',
  'criteria[0][sr]': 'Adresu zna samo imenovano osoblje.',
  'criteria[1][en]': '',
  'criteria[1][sq]': '',
  'criteria[1][sr]': '',
}

/** The standard of the version in force today. */
async function inForce(code: string) {
  const standards = await new MinimumStandardCatalogue().on()
  const standard = standards.find((s) => s.code === code)
  if (!standard) throw new Error(`${code} is not in force`)
  return standard
}

test.group('Minimum standards catalogue', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('everyone signed in reads the catalogue in their language', async ({ client, assert }) => {
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const list = await client.get('/minimum-standards').loginAs(applicant)
    list.assertStatus(200)
    assert.include(list.text(), 'MS-10')
    assert.include(list.text(), 'Safe accommodation')
    assert.notInclude(list.text(), 'data-edit-standard')
    const one = await client.get('/minimum-standards/MS-05').loginAs(applicant)
    one.assertStatus(200)
    assert.include(one.text(), 'Pravna pomoć')
    assert.notInclude(one.text(), 'data-standard-form')
    await client
      .get('/minimum-standards/MS-99')
      .loginAs(applicant)
      .then((r) => r.assertStatus(404))
  })

  test('only an MLSW official edits it (403 for others); the change is audited', async ({
    client,
    assert,
  }) => {
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const manager = await makeMember(
      await makeOrganisation('contracting_authority'),
      'grant_manager'
    )
    for (const user of [applicant, manager]) {
      const refused = await client
        .post('/minimum-standards/MS-01')
        .form(edited)
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
      refused.assertStatus(403)
    }
    const unchanged = await inForce('MS-01')
    assert.equal(unchanged.titleEn, 'Safe accommodation')

    const mlsw = await makeMember(await makeOrganisation('ministry', 'MLSW'), 'mlsw_official')
    const page = await client.get('/minimum-standards/MS-01').loginAs(mlsw)
    assert.include(page.text(), 'data-standard-form')
    const saved = await client
      .post('/minimum-standards/MS-01')
      .form(edited)
      .loginAs(mlsw)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', '/minimum-standards/MS-01')
    const standard = await inForce('MS-01')
    assert.equal(standard.titleSq, 'Akomodim i sigurt dhe konfidencial')
    assert.equal(standard.updatedById, mlsw.id)
    assert.deepEqual(standard.criteria, [
      {
        code: 'MS-01.1',
        text: {
          en: 'The address is known only to named staff.',
          sq: 'Adresa njihet vetëm nga stafi i caktuar me emër.',
          sr: 'Adresu zna samo imenovano osoblje.',
        },
      },
    ])
    const event = await AuditEvent.query()
      .where('action', 'minimum_standard.updated')
      .where('subject_id', 'MS-01')
      .firstOrFail()
    assert.equal(event.actorId, mlsw.id)
    assert.equal(JSON.parse(event.beforeJson!).title.en, 'Safe accommodation')

    // The report pages take the title from the catalogue.
    const list = await client.get('/minimum-standards').loginAs(applicant)
    assert.include(list.text(), 'Safe and confidential accommodation')
  })

  test('a criterion in only some of the languages is refused (422)', async ({ client, assert }) => {
    const mlsw = await makeMember(await makeOrganisation('ministry', 'MLSW'), 'mlsw_official')
    const response = await client
      .post('/minimum-standards/MS-02')
      .form({ ...edited, 'criteria[1][en]': 'Only in English' })
      .loginAs(mlsw)
      .withCsrfToken()
      .accept('json')
    response.assertStatus(422)
    const standard = await inForce('MS-02')
    assert.equal(standard.titleEn, 'Basic needs')
  })
})
