import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeOrganisation } from '#tests/helpers'

test.group('API: organisations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an NGO user reads their own organisation', async ({ client }) => {
    const ngo = await makeOrganisation('ngo', 'Api Own NGO')
    const user = await makeMember(ngo, 'applicant')

    const response = await client
      .get(`/api/v1/organisations/${ngo.id}`)
      .withGuard('api')
      .loginAs(user)

    response.assertStatus(200)
    response.assertBodyContains({ data: { id: ngo.id, name: 'Api Own NGO', kind: 'ngo' } })
  })

  test("an NGO user gets 404 for another NGO's record", async ({ client }) => {
    const own = await makeOrganisation('ngo')
    const other = await makeOrganisation('ngo')
    const user = await makeMember(own, 'applicant')

    const response = await client
      .get(`/api/v1/organisations/${other.id}`)
      .withGuard('api')
      .loginAs(user)

    response.assertStatus(404)
    response.assertBody({ errors: [{ code: 'E_NOT_FOUND', message: 'Not found' }] })
  })

  test('the list holds only the organisations the user may see', async ({ client, assert }) => {
    const own = await makeOrganisation('ngo')
    await makeOrganisation('ngo')
    const user = await makeMember(own, 'applicant')

    const response = await client.get('/api/v1/organisations').withGuard('api').loginAs(user)

    response.assertStatus(200)
    assert.deepEqual(
      response.body().data.map((o: { id: number }) => o.id),
      [own.id]
    )
  })

  test('an MLSW official lists every organisation, filtered by kind', async ({
    client,
    assert,
  }) => {
    const ministry = await makeOrganisation('ministry')
    const ngoA = await makeOrganisation('ngo')
    const ngoB = await makeOrganisation('ngo')
    const official = await makeMember(ministry, 'mlsw_official')

    const response = await client
      .get('/api/v1/organisations?kind=ngo')
      .withGuard('api')
      .loginAs(official)

    response.assertStatus(200)
    const ids = response.body().data.map((o: { id: number }) => o.id)
    assert.includeMembers(ids, [ngoA.id, ngoB.id])
    assert.notInclude(ids, ministry.id)
  })
})
