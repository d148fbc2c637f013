/*
| The tenancy and role matrix, generated from the router: every route that
| takes an object id is tried by people who must not reach that object or
| must not take that decision. A read answers no 2xx; a write answers no
| 2xx on the API, never 5xx anywhere, and leaves no trace in the audit trail
| (every decision leaves one, so a missing event means nothing was decided).
|
| A new route with an object id fails this test until its resource is
| described in `resources` below, so nothing added later escapes the matrix.
*/
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { DemoData } from '#database/seeders/demo_data'
import User from '#models/user'
import { makeMember, makeOrganisation } from '#tests/helpers'

interface Resource {
  /** SQL listing every row as (id, owner): owner is the organisation the row belongs to. */
  rows: string
  /** Readable by any signed-in person (a published call, the standards catalogue). */
  publicRows?: string
}

const grantOwner = 'select grantee_organisation_id from grants g where g.id = t.grant_id'
const reportOwner = `select g.grantee_organisation_id from expense_reports r
  join grants g on g.id = r.grant_id where r.id = t.expense_report_id`
const euOffice = "select min(o.id) from organisations o where o.kind = 'contracting_authority'"
const shelterOwner = 'select s.organisation_id from shelters s where s.id = t.shelter_id'

/** The object behind the first route parameter, by the path segment before it. */
const resources: Record<string, Resource | null> = {
  'organisations': { rows: 'select id, id as owner from organisations' },
  'shelters': { rows: 'select id, organisation_id as owner from shelters' },
  'licences': { rows: 'select id, organisation_id as owner from licences' },
  'calls': {
    rows: 'select id, funder_organisation_id as owner from calls',
    publicRows: "select id from calls where status <> 'draft'",
  },
  'applications': { rows: 'select id, organisation_id as owner from applications' },
  'waivers': {
    rows: `select t.id, (select organisation_id from applications a where a.id = t.application_id) as owner
      from conflict_waivers t`,
  },
  'assignments': {
    rows: `select t.id, (select organisation_id from applications a where a.id = t.application_id) as owner
      from assessor_assignments t`,
  },
  'grants': { rows: 'select id, grantee_organisation_id as owner from grants' },
  'grant-budget-lines': { rows: `select t.id, (${grantOwner}) as owner from grant_budget_lines t` },
  'expense-reports': { rows: `select t.id, (${grantOwner}) as owner from expense_reports t` },
  'expense-imports': { rows: `select t.id, (${reportOwner}) as owner from expense_imports t` },
  'expense-lines': { rows: `select t.id, (${reportOwner}) as owner from expense_lines t` },
  'expense-receipts': {
    rows: `select t.id, (select g.grantee_organisation_id from expense_lines l
      join expense_reports r on r.id = l.expense_report_id join grants g on g.id = r.grant_id
      where l.id = t.expense_line_id) as owner from expense_receipts t`,
  },
  'recovery-orders': { rows: `select t.id, (${grantOwner}) as owner from recovery_orders t` },
  'fstp-exceptions': {
    rows: `select t.id, (select organisation_id from applications a where a.id = t.application_id) as owner
      from fstp_exceptions t`,
  },
  'payment-requests': { rows: `select t.id, (${grantOwner}) as owner from payment_requests t` },
  'budget-changes': { rows: `select t.id, (${grantOwner}) as owner from budget_changes t` },
  'contingency-releases': {
    rows: `select t.id, (${grantOwner}) as owner from contingency_releases t`,
  },
  'handover/shelters': { rows: 'select id, organisation_id as owner from shelters' },
  'handover/commitments': {
    rows: `select t.id, (${shelterOwner}) as owner from handover_commitments t`,
  },
  'handover/transfers': {
    rows: `select t.id, (select s.organisation_id from handover_commitments c
      join shelters s on s.id = c.shelter_id where c.id = t.commitment_id) as owner
      from handover_transfers t`,
  },
  'handover/other-funding': {
    rows: `select t.id, (${shelterOwner}) as owner from handover_other_funding t`,
  },
  // API tokens belong to a person; listed with the organisation of that person.
  'profile/tokens': {
    rows: `select t.id, (select min(m.organisation_id) from memberships m
      where m.user_id = t.tokenable_id) as owner from auth_access_tokens t`,
  },
  // Saved views belong to a person; listed with the organisation of that person.
  'saved-views': {
    rows: `select t.id, (select min(m.organisation_id) from memberships m
      where m.user_id = t.user_id) as owner from saved_views t`,
  },
  // Public reference data, and tokens that are not object ids.
  'monitoring-visits': { rows: `select t.id, (${grantOwner}) as owner from monitoring_visits t` },
  'action-points': { rows: `select t.id, (${grantOwner}) as owner from action_points t` },
  'narrative-reports': { rows: `select t.id, (${grantOwner}) as owner from narrative_reports t` },
  'logframe-changes': { rows: `select t.id, (${grantOwner}) as owner from logframe_changes t` },
  // The results framework is the EU Office's: kept by its grant managers, read by programme-wide roles.
  'results': { rows: `select t.id, (${euOffice}) as owner from results t` },
  'indicators': { rows: `select t.id, (${euOffice}) as owner from indicators t` },
  'indicator-values': { rows: `select t.id, (${euOffice}) as owner from indicator_values t` },
  // A quarter (2026-Q4), not an object id.
  'progress-packs': null,
  'minimum-standards': null,
  // Reference data (municipalities, services) kept by admins: no owner; denials in settings specs.
  'admin/reference': null,
  'password/reset': null,
  'register/confirm': null,
  'admin/users': {
    rows: `select u.id, (select m.organisation_id from memberships m where m.user_id = u.id
      order by m.id limit 1) as owner from users u`,
  },
  // People in the API (ADR 0020), listed with the organisation of their first role.
  'users': {
    rows: `select u.id, (select m.organisation_id from memberships m where m.user_id = u.id
      order by m.id limit 1) as owner from users u`,
  },
}

interface RouteUnderTest {
  method: string
  pattern: string
  api: boolean
  resource: string
  params: string[]
}

function routesWithObjects(): RouteUnderTest[] {
  router.commit()
  const found: RouteUnderTest[] = []
  for (const routes of Object.values(router.toJSON())) {
    for (const route of routes) {
      const params = [...route.pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1])
      if (params.length === 0) continue
      const path = route.pattern.replace(/^\/api\/v1/, '')
      const resource = path.slice(1, path.indexOf('/:'))
      for (const method of route.methods.filter((m) => m !== 'HEAD')) {
        found.push({
          method,
          pattern: route.pattern,
          api: path !== route.pattern,
          resource,
          params,
        })
      }
    }
  }
  return found
}

/** Decisions only a funder's or lead grantee's staff take, never the grantee itself. */
const staffDecisions = new Set([
  'verification',
  'approval',
  'payments',
  'decision',
  'award',
  'shortlist',
  'selection',
  'eligibility',
  'promotion',
  'admin-check',
  'assignments',
  'acceptance',
  'admission',
  'admissions',
  'return',
  'recheck',
  'settlement',
  'compliance-review',
  'status',
  'visibility',
  'recovery-orders',
  'stage',
  'decisions',
  'grant',
  'refusal',
  'transfers',
  'cancellation',
  'commitments',
  'need',
  'target',
  'other-funding',
  'late-cost-acceptance',
  'deactivation',
  'invitation',
  'two-factor-reset',
  'roles',
  'people-manager',
  // A monitor's steps: reporting a visit, changing or closing an action point.
  'report',
  'update',
  'close',
])

/** Writes any grantee may make on a public object: applying to a published call. */
const openToGrantees = new Set(['POST /calls/:id/applications'])

/** What grants, reports and payments are made of: not for assessors. */
const moneyResources = [
  'grants',
  'expense-reports',
  'expense-imports',
  'expense-lines',
  'expense-receipts',
  'payment-requests',
  'budget-changes',
  'recovery-orders',
  'fstp-exceptions',
]

/** A grant's monitoring: seen by its monitors and its grantee's people only (ADR 0031). */
const monitoringResources = ['monitoring-visits', 'action-points']

/**
 * Resources the demo must hold rows of, so that the matrix tries their
 * routes (every described resource but these few that the demo leaves empty).
 */
const emptyInDemo = [
  'waivers',
  'expense-imports',
  'recovery-orders',
  'fstp-exceptions',
  'budget-changes',
  'profile/tokens',
  'saved-views',
  'indicator-values',
]

interface Person {
  label: string
  user: User
  org: number | null
  /** Checked by organisation: only its own objects. */
  tenancy: boolean
  /** Resources whose writes the role may make (the rest must record nothing). */
  mayWrite?: string[]
  /** Resources the role must not read at all. */
  mayNotRead?: string[]
}

/** Text fields every form might expect, so that a refusal is the policy's, not the validator's. */
const plausibleBody = {
  comment: 'Matrix check',
  reason: 'Matrix check',
  decision: 'approved',
  outcome: 'approved',
  status: 'approved',
  admittedCents: 100,
  amountCents: 100,
  amount: '1.00',
  paidOn: '2026-11-02',
  date: '2026-11-02',
  year: 2027,
}

async function decisionsRecorded() {
  const row = await db
    .from('audit_events')
    .whereNot('action', 'like', '%viewed')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

function fill(pattern: string, params: string[], id: number) {
  let url = pattern
  for (const name of params) url = url.replace(`:${name}`, String(id))
  return url
}

test.group('Security: tenancy and role matrix from the router', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(0)

  test('every route with an object id names its resource', ({ assert }) => {
    const unknown = routesWithObjects()
      .filter((r) => !(r.resource in resources))
      .map((r) => `${r.method} ${r.pattern}`)
    assert.deepEqual(unknown, [])
  })

  test('no person reaches an object of another organisation or takes a decision not theirs', async ({
    client,
    assert,
  }) => {
    await new DemoData().load()
    const outsiderOrg = await makeOrganisation('ngo', 'Matrix Outsider NGO')
    const outsider = await makeMember(outsiderOrg, 'applicant')
    const insider = await User.findByOrFail('email', 'ngo1@demo.test')
    const insiderOrg = (await db
      .from('memberships')
      .where('user_id', insider.id)
      .select('organisation_id')
      .firstOrFail()) as { organisation_id: number }
    const assessor = await User.findByOrFail('email', 'assessor2@demo.test')
    const mlsw = await User.findByOrFail('email', 'mlsw@demo.test')

    const auditFirm = await makeOrganisation('contracting_authority', 'Matrix Audit Office')
    const auditor = await makeMember(auditFirm, 'auditor')

    /*
     * Grantees are checked by tenancy (objects of their own organisation only,
     * never a staff decision). Assessors, MLSW officials and auditors are
     * checked by role: the money and the decisions of a grant are not theirs.
     */
    const people: Person[] = [
      { label: 'outsider NGO', user: outsider, org: outsiderOrg.id, tenancy: true },
      { label: 'demo NGO 1', user: insider, org: insiderOrg.organisation_id, tenancy: true },
      {
        label: 'assessor',
        user: assessor,
        org: null,
        tenancy: false,
        mayWrite: ['assignments', 'calls'],
        mayNotRead: [...moneyResources, ...monitoringResources],
      },
      {
        label: 'MLSW official',
        user: mlsw,
        org: null,
        tenancy: false,
        mayWrite: [
          'licences',
          'shelters',
          'handover/shelters',
          'handover/commitments',
          'handover/transfers',
          'handover/other-funding',
          'minimum-standards',
          // The MLSW plans and reports its inspections and follows their action points.
          'monitoring-visits',
          'action-points',
        ],
        mayNotRead: ['payment-requests', 'budget-changes', 'recovery-orders', 'fstp-exceptions'],
      },
      {
        label: 'auditor',
        user: auditor,
        org: null,
        tenancy: false,
        mayWrite: [],
        mayNotRead: monitoringResources,
      },
    ]

    const rowsByResource = new Map<string, { id: number; owner: number | null }[]>()
    const publicByResource = new Map<string, Set<number>>()
    for (const [name, resource] of Object.entries(resources)) {
      if (!resource) continue
      const result = await db.rawQuery(resource.rows)
      const rows = (Array.isArray(result) ? result : result.rows) as { id: number; owner: number }[]
      rowsByResource.set(
        name,
        rows.map((r) => ({ id: Number(r.id), owner: r.owner === null ? null : Number(r.owner) }))
      )
      if (resource.publicRows) {
        const pub = await db.rawQuery(resource.publicRows)
        const list = (Array.isArray(pub) ? pub : pub.rows) as { id: number }[]
        publicByResource.set(name, new Set(list.map((r) => Number(r.id))))
      }
    }

    // Every resource with routes has demo rows to try, except the few listed.
    assert.sameMembers(
      [...rowsByResource].filter(([, rows]) => rows.length === 0).map(([name]) => name),
      emptyInDemo
    )
    const failures: string[] = []
    let tried = 0
    const triedByResource = new Map<string, number>()
    for (const route of routesWithObjects()) {
      const rows = rowsByResource.get(route.resource)
      if (!rows) continue
      for (const person of people) {
        const lastSegment = route.pattern.split('/').at(-1)!
        const write = route.method !== 'GET'
        let targets: {
          row: { id: number; owner: number | null }
          mayRead: boolean
          mayWrite: boolean
        }[]
        if (person.tenancy) {
          const publicRows = publicByResource.get(route.resource)
          const foreign = rows.filter((r) => r.owner !== person.org).slice(0, 2)
          const own = rows.filter((r) => r.owner === person.org).slice(0, 1)
          targets = [
            ...foreign.map((r) => ({
              row: r,
              mayRead: publicRows?.has(r.id) ?? false,
              mayWrite:
                publicRows?.has(r.id) === true &&
                openToGrantees.has(`${route.method} ${route.pattern}`),
            })),
            // On its own objects, a grantee still never takes a staff decision.
            ...(staffDecisions.has(lastSegment) && write
              ? own.map((r) => ({ row: r, mayRead: true, mayWrite: false }))
              : []),
          ]
        } else {
          if (!write && !person.mayNotRead!.includes(route.resource)) continue
          if (write && person.mayWrite!.includes(route.resource)) continue
          targets = rows.slice(0, 2).map((r) => ({ row: r, mayRead: false, mayWrite: false }))
        }
        for (const { row, mayRead, mayWrite } of targets) {
          const url = fill(route.pattern, route.params, row.id)
          const before = route.method === 'GET' ? 0 : await decisionsRecorded()
          const verb = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
          let request = client[verb](url)
          if (route.api) request = request.withGuard('api').loginAs(person.user)
          else request = request.loginAs(person.user)
          if (route.method !== 'GET') {
            request = request.json(plausibleBody as Record<string, unknown>)
            if (!route.api) request = request.withCsrfToken()
          }
          const response = await request.redirects(0)
          tried++
          triedByResource.set(route.resource, (triedByResource.get(route.resource) ?? 0) + 1)
          const status = response.status()
          const where = `${person.label}: ${route.method} ${url} (owner ${row.owner})`
          if (status >= 500) failures.push(`${where} → ${status}`)
          if (route.method === 'GET') {
            if (!mayRead && status >= 200 && status < 300) failures.push(`${where} → ${status}`)
          } else if (!mayWrite) {
            if (route.api && status >= 200 && status < 300) failures.push(`${where} → ${status}`)
            const after = await decisionsRecorded()
            if (after !== before) failures.push(`${where} → recorded a decision (${status})`)
          }
        }
      }
    }
    assert.isAbove(tried, 300)
    // The demo's visits, action points and narrative reports are tried by tenancy and by role.
    for (const name of ['monitoring-visits', 'action-points', 'narrative-reports']) {
      assert.isAbove(triedByResource.get(name) ?? 0, 10, name)
    }
    console.log(`route matrix: ${tried} requests`)
    assert.deepEqual(failures, [])
  })
})
