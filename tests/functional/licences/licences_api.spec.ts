import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

async function setup() {
  const ministry = await makeOrganisation('ministry')
  const official = await makeMember(ministry, 'mlsw_official')
  const ngo = await makeOrganisation('ngo', 'Licensed Shelter NGO')
  const applicant = await makeMember(ngo, 'applicant')
  return { official, ngo, applicant }
}

test.group('Licences: API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an MLSW official records a licence valid three years by default', async ({
    client,
    assert,
  }) => {
    const { official, ngo } = await setup()

    const response = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(official)
      .json({
        number: 'MLSW-2026-1',
        level: 'basic',
        services: ['residential_vot'],
        issuedOn: '2026-03-01',
      })

    response.assertStatus(201)
    response.assertBodyContains({
      data: { number: 'MLSW-2026-1', validUntil: '2029-02-28', organisationId: ngo.id },
    })
    const event = await db
      .from('audit_events')
      .where({ action: 'licence.granted', actor_id: official.id })
      .first()
    assert.include(event.after_json, 'MLSW-2026-1')
  })

  test('an NGO user cannot record or decide a licence (403)', async ({ client, assert }) => {
    const { official, ngo, applicant } = await setup()
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2027-12-31',
    })

    const create = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        number: 'SELF-1',
        level: 'basic',
        services: ['residential_vot'],
        issuedOn: '2026-03-01',
      })
    create.assertStatus(403)
    create.assertBodyContains({ errors: [{ code: 'E_AUTHORIZATION_FAILURE' }] })

    const decide = await client
      .post(`/api/v1/licences/${licence.id}/decisions`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ kind: 'revoked', effectiveOn: '2026-03-01', reason: 'trying' })
    decide.assertStatus(403)

    const count = await db
      .from('licence_decisions')
      .where('licence_id', licence.id)
      .count('* as total')
    assert.equal(Number(count[0].total), 0)
  })

  test("an NGO user gets 404 for another NGO's licences", async ({ client }) => {
    const { official, applicant } = await setup()
    const other = await makeOrganisation('ngo')
    const licence = await makeLicence(other, official, {
      issuedOn: '2025-01-01',
      validUntil: '2027-12-31',
    })

    const list = await client
      .get(`/api/v1/organisations/${other.id}/licences`)
      .withGuard('api')
      .loginAs(applicant)
    list.assertStatus(404)
    const decide = await client
      .post(`/api/v1/licences/${licence.id}/decisions`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ kind: 'revoked', effectiveOn: '2026-03-01', reason: 'trying' })
    decide.assertStatus(404)
  })

  test('suspend, reinstate and revoke change the status; a revoked licence refuses further decisions', async ({
    client,
    assert,
  }) => {
    const { official, ngo } = await setup()
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2030-12-31',
    })
    const decide = (kind: string, effectiveOn: string) =>
      client
        .post(`/api/v1/licences/${licence.id}/decisions`)
        .withGuard('api')
        .loginAs(official)
        .json({ kind, effectiveOn, reason: `Decision ${kind}` })

    const suspended = await decide('suspended', '2025-06-01')
    suspended.assertStatus(200)
    assert.equal(suspended.body().data.status, 'suspended')

    const reinstated = await decide('reinstated', '2025-07-01')
    assert.equal(reinstated.body().data.status, 'active')

    const reinstateAgain = await decide('reinstated', '2025-08-01')
    reinstateAgain.assertStatus(409)

    const revoked = await decide('revoked', '2025-09-01')
    assert.equal(revoked.body().data.status, 'revoked')
    const afterRevocation = await decide('suspended', '2025-10-01')
    afterRevocation.assertStatus(409)

    const actions = await db
      .from('audit_events')
      .where('subject_type', 'licence')
      .where('subject_id', String(licence.id))
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      actions.map((a) => a.action),
      ['licence.suspended', 'licence.reinstated', 'licence.revoked']
    )
  })

  test('a renewal shows as pending, then the granted licence continues the cover', async ({
    client,
    assert,
  }) => {
    const { official, ngo } = await setup()
    const licence = await makeLicence(ngo, official, {
      number: 'OLD-1',
      issuedOn: '2024-01-01',
      validUntil: '2026-06-30',
    })

    const requested = await client
      .post(`/api/v1/licences/${licence.id}/renewal`)
      .withGuard('api')
      .loginAs(official)
      .json({ requestedOn: '2026-04-01' })
    requested.assertStatus(201)
    assert.deepEqual(requested.body().data.pendingRenewal.requestedOn, '2026-04-01')

    const pendingCheck = await client
      .get(
        `/api/v1/licence-checks?organisationId=${ngo.id}&service=residential_vot&from=2026-01-01&to=2026-12-31`
      )
      .withGuard('api')
      .loginAs(official)
    pendingCheck.assertBodyContains({
      covered: false,
      renewalPending: true,
      reasons: [{ code: 'EXPIRES_BEFORE_END' }],
    })

    const granted = await client
      .post(`/api/v1/licences/${licence.id}/renewal/grant`)
      .withGuard('api')
      .loginAs(official)
      .json({ number: 'NEW-1', issuedOn: '2026-07-01' })
    granted.assertStatus(201)
    granted.assertBodyContains({
      data: { number: 'NEW-1', replacesLicenceId: licence.id, validUntil: '2029-06-30' },
    })

    const check = await client
      .get(
        `/api/v1/licence-checks?organisationId=${ngo.id}&service=residential_vot&from=2026-01-01&to=2026-12-31`
      )
      .withGuard('api')
      .loginAs(official)
    check.assertStatus(200)
    check.assertBodyContains({ covered: true, reasons: [] })
    assert.lengthOf(check.body().licences, 2)
  })

  test('the licence check names every reason and refuses bad input', async ({ client }) => {
    const { official, ngo, applicant } = await setup()
    await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2026-06-30',
      services: ['counselling'],
    })

    const notCovered = await client
      .get(
        `/api/v1/licence-checks?organisationId=${ngo.id}&service=residential_vot&from=2026-01-01&to=2026-12-31`
      )
      .withGuard('api')
      .loginAs(applicant)
    notCovered.assertStatus(200)
    notCovered.assertBodyContains({
      covered: false,
      reasons: [{ code: 'SERVICE_NOT_COVERED', message: 'No licence covers this service.' }],
    })

    const bad = await client
      .get(
        `/api/v1/licence-checks?organisationId=${ngo.id}&service=flying&from=2026-13-01&to=2026-12-31`
      )
      .withGuard('api')
      .loginAs(applicant)
    bad.assertStatus(422)
    bad.assertBodyContains({ errors: [{ field: 'service' }, { field: 'from' }] })
  })
})
