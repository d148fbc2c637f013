import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { MAX_DRAFTS_PER_USER } from '#actions/forms/save_form_draft'
import FormDraft from '#models/form_draft'
import { makeMember, makeOrganisation } from '#tests/helpers'

const typed = JSON.stringify([
  ['title', 'Safe house in Prizren'],
  ['summary', 'Typed for an hour'],
  ['eligibleServices[]', 'residential_vot'],
])

test.group('Forms: autosaved drafts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a draft is saved with the time in Kosovo, restored for its author and cleared', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')

    const saved = await client
      .post('/drafts')
      .form({ form: 'concept_note', object: '42', fields: typed })
      .accept('json')
      .loginAs(applicant)
      .withCsrfToken()
    saved.assertStatus(200)
    const row = await FormDraft.findByOrFail('user_id', applicant.id)
    const kosovo = row.updatedAt.setZone('Europe/Belgrade').toFormat('HH:mm')
    assert.equal(saved.body().time, kosovo)
    assert.equal(saved.body().message, `Draft saved ${kosovo}`)

    const again = await client
      .post('/drafts')
      .form({ form: 'concept_note', object: '42', fields: JSON.stringify([['title', 'v2']]) })
      .accept('json')
      .loginAs(applicant)
      .withCsrfToken()
    again.assertStatus(200)
    assert.lengthOf(await FormDraft.query().where('user_id', applicant.id), 1)

    const restored = await client
      .get('/drafts?form=concept_note&object=42')
      .accept('json')
      .loginAs(applicant)
    restored.assertStatus(200)
    assert.deepEqual(restored.body().draft.fields, [['title', 'v2']])
    assert.include(restored.body().message, 'restored')

    const cleared = await client
      .delete('/drafts?form=concept_note&object=42')
      .accept('json')
      .loginAs(applicant)
      .withCsrfToken()
    cleared.assertStatus(204)
    assert.lengthOf(await FormDraft.query().where('user_id', applicant.id), 0)
  })

  test("nobody else reads, overwrites or deletes a person's draft", async ({ client, assert }) => {
    const ngo = await makeOrganisation('ngo')
    const author = await makeMember(ngo, 'applicant')
    const colleague = await makeMember(ngo, 'applicant')
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    await FormDraft.create({
      userId: author.id,
      form: 'concept_note',
      objectKey: '42',
      fields: [['summary', 'private words']],
      updatedAt: DateTime.utc(),
    })

    for (const other of [colleague, admin]) {
      const read = await client
        .get('/drafts?form=concept_note&object=42')
        .accept('json')
        .loginAs(other)
      read.assertStatus(200)
      assert.isNull(read.body().draft)
      assert.notInclude(read.text(), 'private words')
      await client
        .delete('/drafts?form=concept_note&object=42')
        .accept('json')
        .loginAs(other)
        .withCsrfToken()
    }
    const kept = await FormDraft.findByOrFail('user_id', author.id)
    assert.deepEqual(kept.fields, [['summary', 'private words']])

    const anonymous = await client.get('/drafts?form=concept_note&object=42').redirects(0)
    assert.notEqual(anonymous.status(), 200)
  })

  test('unknown forms, odd keys and malformed fields are refused', async ({ client, assert }) => {
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    for (const body of [
      { form: 'payment', object: '1', fields: typed },
      { form: 'call', object: '../1', fields: typed },
      { form: 'call', object: 'new', fields: '{"a":1}' },
      { form: 'call', object: 'new', fields: JSON.stringify([['_csrf', 'x']]) },
    ]) {
      const response = await client
        .post('/drafts')
        .form(body)
        .accept('json')
        .loginAs(applicant)
        .withCsrfToken()
      response.assertStatus(422)
    }
    assert.lengthOf(await FormDraft.all(), 0)
  })

  test('a person keeps at most the newest drafts', async ({ client, assert }) => {
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const old = DateTime.utc().minus({ days: 1 })
    for (let index = 0; index < MAX_DRAFTS_PER_USER; index++) {
      await FormDraft.create({
        userId: applicant.id,
        form: 'scores',
        objectKey: String(index),
        fields: [],
        updatedAt: old.plus({ minutes: index }),
      })
    }
    await client
      .post('/drafts')
      .form({ form: 'call', object: 'new', fields: typed })
      .accept('json')
      .loginAs(applicant)
      .withCsrfToken()
    const left = await FormDraft.query().where('user_id', applicant.id)
    assert.lengthOf(left, MAX_DRAFTS_PER_USER)
    assert.isFalse(left.some((d) => d.form === 'scores' && d.objectKey === '0'))
    assert.isTrue(left.some((d) => d.form === 'call'))
  })
})
