import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import fc from 'fast-check'
import { roles, type Role } from '#domain/roles'
import type User from '#models/user'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

/*
 * Hostile JSON bodies (huge numbers, NUL bytes, lone surrogates, deep
 * nesting, wrong types, out-of-range ids in the path) posted to every API
 * write route as a token user of each role, and hostile form values to every
 * web write route as a signed-in user of each role: no answer may be a 5xx.
 * Seeded and reproducible: FUZZ_SEED, FUZZ_RUNS.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20261203)
const numRuns = Number(process.env.FUZZ_RUNS ?? 400)

/** Every API route that writes, from the router itself (a new one is fuzzed without listing it). */
function apiWriteRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern.startsWith('/api/'))
    .flatMap((route) =>
      route.methods
        .filter((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
        .map((method) => ({ method, pattern: route.pattern }))
    )
    .filter((route) => route.pattern !== '/api/v1/tokens/current')
}

/** Field names the validators know, so that some bodies get past the first check. */
const knownFields = [
  'amountCents',
  'admittedCents',
  'funderCents',
  'totalEligibleCents',
  'forecastsCents',
  'paidCents',
  'acceptedCostsCents',
  'prefinancingCapBp',
  'maxFunderShareBp',
  'requestedFunderCents',
  'minGrantCents',
  'unitCostCents',
  'quantity',
  'heading',
  'label',
  'unit',
  'currency',
  'lines',
  'effectiveOn',
  'justification',
  'decision',
  'comment',
  'number',
  'level',
  'services',
  'issuedOn',
  'validUntil',
  'kind',
  'reason',
  'requestedOn',
  'decidedOn',
  'periodNumber',
  'spentOn',
  'supplier',
  'description',
  'budgetLineId',
  'standard',
  'exchangeRate',
  'vat',
  'counts',
  'referrals',
  'entries',
  'valueDate',
  'bankReference',
  'email',
  'password',
  'organisationId',
  'shelterId',
  'final',
]

const hostileScalar = fc.oneof(
  fc.constantFrom(
    2 ** 53,
    2 ** 63,
    -(2 ** 63),
    1e308,
    -1e308,
    2147483648,
    -2147483649,
    0.1,
    -0,
    1.5,
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\u001b[31m',
    '0x10',
    '1e3',
    '-1',
    '',
    ' ',
    'NaN',
    'Infinity',
    '2147483648',
    '9223372036854775808',
    '9999-12-31',
    '0001-01-01',
    '2026-02-30',
    '2026-03-01',
    '1.5',
    'EUR',
    'suspended',
    'approve',
    'human_resources',
    'x'.repeat(70_000),
    true,
    false,
    null
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 6,
  })
)

const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.dictionary(fc.constantFrom(...knownFields), hostileScalar), {
      maxLength: 3,
    }),
  }
)

/** Extreme but valid amounts and quantities, in bodies shaped like the real ones: totals must not overflow. */
const bigCents = fc.constantFrom(0, 1, 100, 2 ** 31, 2 ** 52, Number.MAX_SAFE_INTEGER)
const nearValidBody = fc.record(
  {
    funderCents: bigCents,
    totalEligibleCents: bigCents,
    forecastsCents: fc.array(bigCents, { maxLength: 20 }),
    paidCents: fc.array(bigCents, { maxLength: 20 }),
    acceptedCostsCents: bigCents,
    prefinancingCapBp: fc.constantFrom(0, 1, 9000, 10000),
    final: fc.boolean(),
    currency: fc.constant('EUR'),
    requestedFunderCents: bigCents,
    maxFunderShareBp: fc.constantFrom(1, 9500, 10000),
    lines: fc.array(
      fc.record({
        heading: fc.constantFrom('human_resources', 'other', 'travel'),
        label: fc.constant('Line'),
        unit: fc.constant('month'),
        quantity: fc.constantFrom('0', '1', '0.01', '999999999.99'),
        unitCostCents: bigCents,
      }),
      { maxLength: 3 }
    ),
    justification: fc.constant('Because'),
    effectiveOn: fc.constantFrom('2026-06-01', '2036-01-01'),
    amountCents: bigCents,
    admittedCents: bigCents,
    spentOn: fc.constantFrom('2026-03-01', '2000-01-01'),
    supplier: fc.constant('Supplier'),
    description: fc.constant('Thing'),
    budgetLineId: fc.constantFrom(1, 2147483647),
    standard: fc.constantFrom('MS-01', 'organisational'),
  },
  { requiredKeys: [] }
)

/** A body: known fields with hostile values, or raw JSON text that is hostile as a whole. */
const hostileBody = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...knownFields), hostileValue) },
  { weight: 2, arbitrary: nearValidBody },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"amountCents": 123456789012345678901234567890}',
      '{"funderCents": 1e400}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      `{"lines": ${'['.repeat(3000)}${']'.repeat(3000)}}`,
      '{"a": "\\u0000"}',
      '{"__proto__": {"isAdmin": true}}',
      '{"broken": ',
      'null',
      '"text"',
      '12'
    ),
  }
)

test.group('Security: fuzzed API write bodies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(90_000)

  test('no API write route answers 5xx to hostile input, whatever the role', async ({
    client,
    assert,
  }) => {
    const routes = apiWriteRoutes()
    assert.isAbove(routes.length, 20)

    const { grant, funder, grantee } = await makeSignedGrant()
    const ministry = await makeOrganisation('ministry')
    const ngo = await makeOrganisation('ngo')
    const homeOf: Record<Role, { id: number }> = {
      applicant: grantee,
      grant_manager: funder,
      finance_officer: funder,
      assessor: funder,
      mlsw_official: ministry,
      auditor: ministry,
      admin: ministry,
    }
    const users = {} as Record<Role, User>
    for (const role of roles) users[role] = await makeMember(homeOf[role] as never, role)
    const official = users.mlsw_official
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2027-12-31',
    })
    const report = await new OpenExpenseReport().handle(grant.id, 1, users.applicant, '127.0.0.1')
    const realIds = [grant.id, report.id, licence.id, ngo.id, grantee.id, funder.id]
    const pathId = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...realIds.map(String)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('2147483648', '1.5', '0', '-1', '9'.repeat(30), '1e3', '%00'),
      }
    )

    const failures: string[] = []
    const statuses: Record<number, number> = {}
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...roles),
        pathId,
        hostileBody,
        async (route, role, id, body) => {
          const url = route.pattern.replace(/:\w+/g, id)
          const request = client[route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete'](
            url
          )
            .withGuard('api')
            .loginAs(users[role])
          const response = await (typeof body === 'string'
            ? request.type('application/json').json(body as never)
            : request.json(body))
          statuses[response.status()] = (statuses[response.status()] ?? 0) + 1
          if (response.status() >= 500) {
            failures.push(
              `${route.method} ${url} as ${role}: ${response.status()} ${JSON.stringify(body).slice(0, 300)}`
            )
            return false
          }
          return true
        }
      ),
      { seed, numRuns, endOnFailure: true }
    )
    if (process.env.FUZZ_VERBOSE) console.log(routes.length, 'routes', statuses)
    assert.deepEqual(failures, [])
  })
})

test.group('Security: fuzzed web form bodies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(90_000)

  test('no web write route answers 5xx to hostile form input, whatever the role', async ({
    client,
    assert,
  }) => {
    const routes = Object.values(router.toJSON())
      .flat()
      .filter((route) => !route.pattern.startsWith('/api/') && route.pattern !== '/logout')
      .flatMap((route) =>
        route.methods
          .filter((method) => ['POST', 'PUT'].includes(method))
          .map((method) => ({ method, pattern: route.pattern }))
      )
    const { grant, funder, grantee } = await makeSignedGrant()
    const ministry = await makeOrganisation('ministry')
    const homeOf: Record<Role, { id: number }> = {
      applicant: grantee,
      grant_manager: funder,
      finance_officer: funder,
      assessor: funder,
      mlsw_official: ministry,
      auditor: ministry,
      admin: ministry,
    }
    const users = {} as Record<Role, User>
    for (const role of roles) users[role] = await makeMember(homeOf[role] as never, role)
    const report = await new OpenExpenseReport().handle(grant.id, 1, users.applicant, '127.0.0.1')
    const ids = [grant.id, report.id, funder.id, grantee.id].map(String)
    const formValue = fc.oneof(
      fc.constantFrom(
        '2147483648',
        '1.5',
        '-1',
        '0x10',
        '1e3',
        '9999-12-31',
        '2026-02-30',
        '999999999.99',
        '9'.repeat(40),
        '90071992547409919',
        '',
        ' ',
        'MS-01',
        'approve',
        'suspended',
        'EUR',
        '2027-13-45T99:99',
        'x'.repeat(30000),
        '\u00a0',
        '2026-03-01'
      ),
      fc.string({ maxLength: 10 })
    )
    const failures: string[] = []
    const statuses: Record<number, number> = {}
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...roles),
        fc.oneof(fc.constantFrom(...ids), fc.constantFrom('2147483648', '1.5')),
        fc.dictionary(
          fc.constantFrom(
            ...knownFields,
            'amount',
            'unitCost',
            'admitted',
            'year',
            'occupancy',
            'stateShare',
            'transition',
            'outcome',
            'applicationId',
            'side',
            'stage',
            'eligible',
            'funderName',
            'source',
            'referenceKind',
            'budgetReference',
            'committedOn',
            'transferredOn',
            'settledOn',
            'method'
          ),
          formValue
        ),
        async (route, role, id, body) => {
          const url = route.pattern.replace(/:\w+/g, id)
          const method = route.method === 'PUT' ? 'put' : 'post'
          const response = await client[method](url)
            .form(body)
            .loginAs(users[role])
            .withCsrfToken()
            .redirects(0)
          statuses[response.status()] = (statuses[response.status()] ?? 0) + 1
          if (response.status() >= 500) {
            failures.push(
              `${route.method} ${url} as ${role}: ${JSON.stringify(body).slice(0, 300)}`
            )
            return false
          }
          return true
        }
      ),
      { seed, numRuns: Math.ceil(numRuns / 2), endOnFailure: true }
    )
    if (process.env.FUZZ_VERBOSE) console.log(routes.length, 'web routes', statuses)
    assert.deepEqual(failures, [])
  })
})
