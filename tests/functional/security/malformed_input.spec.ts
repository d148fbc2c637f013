import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { makeLicence, makeMember, makeOrganisation } from '#tests/helpers'
import { toCsv } from '#services/csv'
import { todayInKosovo } from '#services/clock'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'

async function people() {
  const ministry = await makeOrganisation('ministry')
  const official = await makeMember(ministry, 'mlsw_official')
  const ngo = await makeOrganisation('ngo', 'Input NGO')
  const applicant = await makeMember(ngo, 'applicant')
  return { official, ngo, applicant }
}

const badIds = ['2147483648', '1.5', '99999999999999999999', '0', '-1', '01', '1e3']

/** The fields a 422 names. */
function fields(body: { errors?: { field?: string }[] }) {
  return (body.errors ?? []).map((error) => error.field)
}

test.group('Malformed input: route ids', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an id that is not 1 … 2^31−1 is 404 on web and API routes', async ({ client, assert }) => {
    const { official, ngo } = await people()
    for (const id of badIds) {
      const web = await client.get(`/licences/${id}`).loginAs(official)
      assert.equal(web.status(), 404, `web /licences/${id}`)
      const org = await client.get(`/organisations/${id}`).loginAs(official)
      assert.equal(org.status(), 404, `web /organisations/${id}`)
      const version = await client.get(`/organisations/${ngo.id}/documents/${id}`).loginAs(official)
      assert.equal(version.status(), 404, `web versionId ${id}`)
      const post = await client
        .post(`/licences/${id}/decisions`)
        .form({ kind: 'revoked', effectiveOn: '2026-01-01', reason: 'testing' })
        .loginAs(official)
        .withCsrfToken()
        .redirects(0)
      assert.equal(post.status(), 404, `web POST /licences/${id}/decisions`)

      for (const path of [`/grants/${id}`, `/organisations/${id}`, `/payment-requests/${id}`]) {
        const api = await client.get(`/api/v1${path}`).withGuard('api').loginAs(official)
        assert.equal(api.status(), 404, `API ${path}`)
        assert.deepEqual(api.body().errors[0].code, 'E_NOT_FOUND')
      }
      const apiPost = await client
        .post(`/api/v1/licences/${id}/decisions`)
        .withGuard('api')
        .loginAs(official)
        .json({ kind: 'revoked', effectiveOn: '2026-01-01', reason: 'testing' })
      assert.equal(apiPost.status(), 404, `API POST /licences/${id}/decisions`)
    }
  })

  test('the largest id is a plain 404 (no such row), not an error', async ({ client }) => {
    const { official } = await people()
    const web = await client.get('/licences/2147483647').loginAs(official)
    web.assertStatus(404)
    const api = await client.get('/api/v1/grants/2147483647').withGuard('api').loginAs(official)
    api.assertStatus(404)
  })

  test('a query id out of range is 422 naming the field', async ({ client, assert }) => {
    const { official } = await people()
    for (const id of ['2147483648', '1.5', '0']) {
      const response = await client
        .get(
          `/api/v1/licence-checks?organisationId=${id}&service=residential_vot&from=2026-01-01&to=2026-12-31`
        )
        .withGuard('api')
        .loginAs(official)
      response.assertStatus(422)
      assert.deepEqual(fields(response.body()), ['organisationId'])
    }
  })
})

test.group('Malformed input: control characters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a NUL byte in a JSON field is 422 naming the field; nothing is stored', async ({
    client,
    assert,
  }) => {
    const { official, ngo } = await people()
    const response = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(official)
      .json({
        number: 'NUL\u0000-1',
        level: 'basic',
        services: ['residential_vot'],
        issuedOn: '2026-03-01',
      })
    response.assertStatus(422)
    assert.deepEqual(fields(response.body()), ['number'])
    assert.isNull(await db.from('licences').where('organisation_id', ngo.id).first())
  })

  test('nested fields, keys, other controls and lone surrogates are named too', async ({
    client,
    assert,
  }) => {
    const { official } = await people()
    const post = (body: unknown) =>
      client.post('/api/v1/budget-checks').withGuard('api').loginAs(official).json(body)

    const nested = await post({ currency: 'EUR', lines: [{ label: 'ok' }, { label: 'a\u0000b' }] })
    nested.assertStatus(422)
    assert.deepEqual(fields(nested.body()), ['lines.1.label'])

    const bell = await post({ currency: 'EU\u0007' })
    assert.deepEqual(fields(bell.body()), ['currency'])

    const key = await post({ ['bad\u0000key']: 1 })
    key.assertStatus(422)
    assert.deepEqual(fields(key.body()), ['bad\u0000key'])

    const surrogate = await post({ currency: '\ud800' })
    surrogate.assertStatus(422)
    assert.deepEqual(fields(surrogate.body()), ['currency'])

    let deep: unknown = 'x'
    for (let i = 0; i < 5000; i++) deep = [deep]
    const tooDeep = await post({ currency: 'EUR', lines: deep })
    tooDeep.assertStatus(422)
  })

  test('a NUL byte in a form field or the query string is 422', async ({ client, assert }) => {
    const { official, ngo, applicant } = await people()
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2027-12-31',
    })
    const form = await client
      .post(`/licences/${licence.id}/decisions`)
      .form({ kind: 'suspended', effectiveOn: '2026-01-01', reason: 'bad\u0000reason' })
      .loginAs(official)
      .withCsrfToken()
      .redirects(0)
    form.assertStatus(422)
    assert.deepEqual(fields(form.body()), ['reason'])
    assert.isNull(await db.from('licence_decisions').where('licence_id', licence.id).first())

    const query = await client.get('/licences?q=a%00b').loginAs(official)
    query.assertStatus(422)
    const api = await client.get('/api/v1/organisations?q=%00').withGuard('api').loginAs(applicant)
    api.assertStatus(422)
    assert.deepEqual(fields(api.body()), ['q'])
  })

  test('tabs and line breaks in multi-line text are kept', async ({ client, assert }) => {
    const { official, ngo } = await people()
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2027-12-31',
    })
    const response = await client
      .post(`/api/v1/licences/${licence.id}/decisions`)
      .withGuard('api')
      .loginAs(official)
      .json({ kind: 'suspended', effectiveOn: '2026-01-01', reason: 'First\r\n\tsecond line' })
    response.assertStatus(200)
    const decision = await db.from('licence_decisions').where('licence_id', licence.id).first()
    assert.equal(decision.reason, 'First\r\n\tsecond line')
  })
})

test.group('Malformed input: dates', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a licence check from after to is 422 naming `to`', async ({ client, assert }) => {
    const { official, ngo } = await people()
    const response = await client
      .get(
        `/api/v1/licence-checks?organisationId=${ngo.id}&service=residential_vot&from=2026-12-31&to=2026-01-01`
      )
      .withGuard('api')
      .loginAs(official)
    response.assertStatus(422)
    assert.deepEqual(fields(response.body()), ['to'])

    const sameDay = await client
      .get(
        `/api/v1/licence-checks?organisationId=${ngo.id}&service=residential_vot&from=2026-06-01&to=2026-06-01`
      )
      .withGuard('api')
      .loginAs(official)
    sameDay.assertStatus(200)
  })

  test('decision dates lie between 2000-01-01 and tomorrow', async ({ client, assert }) => {
    const { official, ngo } = await people()
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2000-01-01',
      validUntil: '2035-12-31',
    })
    const decide = (effectiveOn: string) =>
      client
        .post(`/api/v1/licences/${licence.id}/decisions`)
        .withGuard('api')
        .loginAs(official)
        .json({ kind: 'suspended', effectiveOn, reason: 'Decision' })
    const today = DateTime.fromISO(todayInKosovo())
    for (const date of ['9999-12-31', '1999-12-31', today.plus({ days: 2 }).toISODate()!]) {
      const refused = await decide(date)
      assert.equal(refused.status(), 422, date)
      assert.deepEqual(fields(refused.body()), ['effectiveOn'])
    }
    const accepted = await decide(today.plus({ days: 1 }).toISODate()!)
    accepted.assertStatus(200)

    const licenceIn9999 = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(official)
      .json({
        number: 'Y-9999',
        level: 'basic',
        services: ['residential_vot'],
        issuedOn: '9999-12-31',
      })
    licenceIn9999.assertStatus(422)
    assert.deepEqual(fields(licenceIn9999.body()), ['issuedOn'])

    const endsBeforeStart = await client
      .post(`/api/v1/organisations/${ngo.id}/licences`)
      .withGuard('api')
      .loginAs(official)
      .json({
        number: 'Y-2026',
        level: 'basic',
        services: ['residential_vot'],
        issuedOn: '2026-03-01',
        validUntil: '2026-02-01',
      })
    endsBeforeStart.assertStatus(422)
    assert.deepEqual(fields(endsBeforeStart.body()), ['validUntil'])
  })
})

test.group('Malformed input: cents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const valid = {
    funderCents: 100000000,
    totalEligibleCents: 105263158,
    forecastsCents: [47368421, 65263158],
    paidCents: [],
    acceptedCostsCents: 0,
  }

  test('cents are JSON integers within 0 … 2^53 − 1; anything else is 422 naming the field', async ({
    client,
    assert,
  }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')
    const post = (body: unknown) =>
      client.post('/api/v1/tranche-calculations').withGuard('api').loginAs(user).json(body)

    const hostile: unknown[] = [
      '0x10',
      true,
      [],
      '1e3',
      '100',
      '123.45',
      1.5,
      -1,
      2 ** 53,
      1e20,
      null,
      {},
    ]
    for (const value of hostile) {
      const response = await post({ ...valid, funderCents: value })
      assert.equal(response.status(), 422, JSON.stringify(value))
      assert.deepEqual(fields(response.body()), ['funderCents'], JSON.stringify(value))
    }
    const inArray = await post({ ...valid, paidCents: [1, '2'] })
    inArray.assertStatus(422)
    assert.deepEqual(fields(inArray.body()), ['paidCents.1'])

    const max = Number.MAX_SAFE_INTEGER
    for (const body of [
      { ...valid, funderCents: max },
      { ...valid, funderCents: max, totalEligibleCents: max, acceptedCostsCents: max },
      { ...valid, forecastsCents: Array(20).fill(max), paidCents: Array(20).fill(max) },
      { ...valid, paidCents: [max, max], acceptedCostsCents: max, final: true },
    ]) {
      const response = await post(body)
      assert.isBelow(response.status(), 500, JSON.stringify(body))
    }
    const ok = await post(valid)
    ok.assertStatus(200)
  })

  test('an API expense line amount above 2^53 is 422, not 500', async ({ client, assert }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')
    const response = await client
      .post('/api/v1/budget-checks')
      .withGuard('api')
      .loginAs(user)
      .json({
        currency: 'EUR',
        lines: [
          {
            heading: 'human_resources',
            label: 'Staff',
            unit: 'month',
            quantity: '1',
            unitCostCents: 2 ** 60,
          },
        ],
      })
    response.assertStatus(422)
    assert.deepEqual(fields(response.body()), ['lines.0.unitCostCents'])
  })
})

test.group('Malformed input: CSV export', () => {
  test('negative numbers stay numbers; formulas are still defused', ({ assert }) => {
    const csv = toCsv(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [['-25791.80', '-3', '=1+1', '-1+cmd', '@x', '+1']]
    )
    assert.equal(csv.split('\n')[1], "-25791.80,-3,'=1+1,'-1+cmd,'@x,'+1")
  })
})

test.group('Malformed input: amounts that overflow', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a budget whose totals pass 2^53 cents is refused, not 500', async ({ client, assert }) => {
    const user = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')
    const line = {
      heading: 'human_resources',
      label: 'Staff',
      unit: 'month',
      quantity: '999999999.99',
      unitCostCents: Number.MAX_SAFE_INTEGER,
    }
    const response = await client
      .post('/api/v1/budget-checks')
      .withGuard('api')
      .loginAs(user)
      .json({ currency: 'EUR', lines: [line, line] })
    response.assertStatus(422)
    assert.deepEqual(fields(response.body()), ['lines'])
  })
})

test.group('Malformed input: call deadlines', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a deadline that is no real date and time is refused, not stored', async ({
    client,
    assert,
  }) => {
    const manager = await makeMember(await makeOrganisation('lead_grantee'), 'grant_manager')
    for (const deadline of ['2027-13-45T99:99', '2027-02-30T10:00', '9999-12-31T23:59']) {
      const response = await client
        .post('/calls')
        .form({
          reference: 'SG-BAD-1',
          titleEn: 'Support to shelters',
          procedure: 'open',
          budgetEnvelope: '300 000,00',
          minGrant: '20 000',
          maxGrant: '60 000',
          maxFunderShare: '95',
          maxPerThirdParty: '60 000',
          conceptGrid: JSON.stringify(defaultConceptGrid),
          fullGrid: JSON.stringify(defaultFullGrid),
          conceptDeadline: deadline,
          minDaysToConceptDeadline: '0',
          minDaysToFullDeadline: '0',
          shortlistMultiple: '2',
          spreadFlag: '20',
        })
        .loginAs(manager)
        .withCsrfToken()
        .redirects(0)
      assert.equal(response.status(), 302, deadline)
      assert.property(response.flashMessages().inputErrorsBag ?? {}, 'conceptDeadline', deadline)
      assert.isNull(await db.from('calls').where('reference', 'SG-BAD-1').first())
    }
  })
})
