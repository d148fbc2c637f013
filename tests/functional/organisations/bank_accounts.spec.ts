import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import OrganisationBankAccount from '#models/organisation_bank_account'
import { fileWith, makeMember, makeOrganisation } from '#tests/helpers'

const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
)

async function accountsOf(organisationId: number) {
  return OrganisationBankAccount.query().where('organisationId', organisationId).orderBy('id')
}

test.group('Organisations: bank accounts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an NGO user adds accounts with a certificate; the first is primary, another can take over', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo', 'Safe House')
    const user = await makeMember(ngo, 'applicant')
    const pdf = await fileWith('bank-certificate.pdf', minimalPdf)

    const first = await client
      .post(`/organisations/${ngo.id}/bank-accounts`)
      .field('iban', 'XK05 1212 0123 4567 8906')
      .field('holderName', 'Safe House')
      .field('bankName', 'Raiffeisen Bank Kosovo')
      .file('certificate', pdf)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    first.assertHeader('location', `/organisations/${ngo.id}#bank-accounts`)
    let accounts = await accountsOf(ngo.id)
    assert.lengthOf(accounts, 1)
    assert.equal(accounts[0].iban, 'XK051212012345678906')
    assert.isTrue(accounts[0].isPrimary)
    assert.equal(accounts[0].currency, 'EUR')
    assert.equal(accounts[0].certificateFileName, 'bank-certificate.pdf')

    await client
      .post(`/organisations/${ngo.id}/bank-accounts`)
      .form({ iban: 'DE89 3704 0044 0532 0130 00', holderName: 'Safe House', currency: 'EUR' })
      .loginAs(user)
      .withCsrfToken()
    accounts = await accountsOf(ngo.id)
    assert.deepEqual(
      accounts.map((a) => a.isPrimary),
      [true, false]
    )

    // The primary account is not removed while there is another one.
    const refused = await client
      .delete(`/organisations/${ngo.id}/bank-accounts/${accounts[0].id}`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /primary account/)

    await client
      .put(`/organisations/${ngo.id}/bank-accounts/${accounts[1].id}`)
      .form({ isPrimary: 'true' })
      .loginAs(user)
      .withCsrfToken()
    accounts = await accountsOf(ngo.id)
    assert.deepEqual(
      accounts.map((a) => a.isPrimary),
      [false, true]
    )
    await client
      .delete(`/organisations/${ngo.id}/bank-accounts/${accounts[0].id}`)
      .loginAs(user)
      .withCsrfToken()
    assert.lengthOf(await accountsOf(ngo.id), 1)

    const actions = await db
      .from('audit_events')
      .where('action', 'like', 'bank_account.%')
      .orderBy('id')
      .select('action', 'before_json', 'after_json')
    assert.deepEqual(
      actions.map((a) => a.action),
      ['bank_account.added', 'bank_account.added', 'bank_account.updated', 'bank_account.removed']
    )
    assert.include(actions[2].before_json, '"isPrimary":false')
    assert.include(actions[2].after_json, '"isPrimary":true')

    const page = await client.get(`/organisations/${ngo.id}`).loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('DE89 3704 0044 0532 0130 00')
  })

  test('an invalid IBAN is refused and nothing is saved; the same IBAN twice is refused', async ({
    client,
    assert,
  }) => {
    const ngo = await makeOrganisation('ngo')
    const user = await makeMember(ngo, 'applicant')
    const response = await client
      .post(`/organisations/${ngo.id}/bank-accounts`)
      .form({ iban: 'XK05 1212 0123 4567 8907', holderName: 'Safe House' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.match(errors.iban[0], /IBAN is not valid/)
    assert.lengthOf(await accountsOf(ngo.id), 0)

    const api = await client
      .post(`/api/v1/organisations/${ngo.id}/bank-accounts`)
      .json({ iban: 'XK051212012345678906', holderName: 'Safe House' })
      .withGuard('api')
      .loginAs(user)
    api.assertStatus(201)
    const twice = await client
      .post(`/api/v1/organisations/${ngo.id}/bank-accounts`)
      .json({ iban: 'XK05 1212 0123 4567 8906', holderName: 'Safe House' })
      .withGuard('api')
      .loginAs(user)
    twice.assertStatus(422)
    twice.assertBodyContains({ errors: [{ field: 'iban' }] })
  })

  test('the API lists, changes and removes accounts; others are refused', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('contracting_authority', 'EU Office')
    const keeper = await makeMember(funder, 'grant_manager')
    const ngo = await makeOrganisation('ngo', 'Safe House')
    const other = await makeOrganisation('ngo', 'Other NGO')
    const outsider = await makeMember(other, 'applicant')
    const mlsw = await makeMember(await makeOrganisation('ministry', 'MLSW'), 'mlsw_official')

    const created = await client
      .post(`/api/v1/organisations/${ngo.id}/bank-accounts`)
      .json({ iban: 'XK051212012345678906', holderName: 'Safe House', bankName: 'TEB' })
      .withGuard('api')
      .loginAs(keeper)
    created.assertStatus(201)
    const id = created.body().data.id
    assert.isTrue(created.body().data.isPrimary)

    const changed = await client
      .patch(`/api/v1/organisations/${ngo.id}/bank-accounts/${id}`)
      .json({ bankName: 'ProCredit Bank' })
      .withGuard('api')
      .loginAs(keeper)
    changed.assertStatus(200)
    assert.equal(changed.body().data.bankName, 'ProCredit Bank')

    const list = await client
      .get(`/api/v1/organisations/${ngo.id}/bank-accounts`)
      .withGuard('api')
      .loginAs(keeper)
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 1)

    const foreign = await client
      .get(`/api/v1/organisations/${ngo.id}/bank-accounts`)
      .withGuard('api')
      .loginAs(outsider)
    foreign.assertStatus(404)
    const foreignWrite = await client
      .patch(`/api/v1/organisations/${ngo.id}/bank-accounts/${id}`)
      .json({ bankName: 'Mine now' })
      .withGuard('api')
      .loginAs(outsider)
    foreignWrite.assertStatus(404)
    const ministry = await client
      .get(`/api/v1/organisations/${ngo.id}/bank-accounts`)
      .withGuard('api')
      .loginAs(mlsw)
    ministry.assertStatus(403)
    const ministryPage = await client.get(`/organisations/${ngo.id}`).loginAs(mlsw)
    ministryPage.assertStatus(200)
    assert.notInclude(ministryPage.text(), 'XK05 1212')

    const removed = await client
      .delete(`/api/v1/organisations/${ngo.id}/bank-accounts/${id}`)
      .withGuard('api')
      .loginAs(keeper)
    removed.assertStatus(204)
    assert.lengthOf(await accountsOf(ngo.id), 0)
  })
})
