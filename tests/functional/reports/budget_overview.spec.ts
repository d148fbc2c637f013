import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { parse } from 'csv-parse/sync'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { formatMoney } from '#domain/money'
import type Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { budgetOverview } from '#queries/budget_overview'
import { approvedReport, makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

/**
 * A lead grant with its own line "Everything" and an FSTP line of
 * 100 000.00 for "Shelter NGOs"; two shelters' sub-grants with approved
 * reports of awkward amounts, and a draft whose claim is not admitted.
 */
async function leadWithSubGrants() {
  const lead = await makeSignedGrant({
    grantee: await makeOrganisation('lead_grantee', 'Lead NGO'),
    status: 'in_implementation',
  })
  const fstp = await GrantBudgetLine.create({
    grantId: lead.grant.id,
    version: 1,
    position: 1,
    heading: 'other',
    label: 'Sub-grants to shelters',
    unit: 'lump sum',
    quantityHundredths: 100,
    unitCostCents: 10000000,
    totalCents: 10000000,
    thirdParty: 'Shelter NGOs',
  })
  const leadPeople = await paymentPeople(lead.grant)
  const leadManager = await makeMember(lead.grantee, 'grant_manager')
  const leadFinance = await makeMember(lead.grantee, 'finance_officer')
  await approvedReport(lead.grant, 1, 500000, 450000, leadPeople.applicant, leadPeople.finance)

  const shelter = async (name: string) => {
    const made = await makeSignedGrant({
      funder: lead.grantee,
      grantee: await makeOrganisation('ngo', name),
      parent: lead.grant,
      totalEligibleCents: 5000000,
      funderCents: 5000000,
      paymentOption: 'option_1',
    })
    const applicant = await makeMember(made.grantee, 'applicant')
    return { ...made, applicant }
  }
  const alpha = await shelter('Shelter Alpha')
  const beta = await shelter('Shelter Beta')
  await approvedReport(alpha.grant, 1, 1234567, 1000001, alpha.applicant, leadFinance)
  await approvedReport(beta.grant, 1, 333333, 333333, beta.applicant, leadFinance)
  await draftClaim(beta.grant, 2, 77777, beta.applicant)
  return { lead, fstp, leadPeople, leadManager, leadFinance, alpha, beta }
}

/** A draft report of `period` claiming `claimedCents` on the grant's first line. */
async function draftClaim(grant: Grant, period: number, claimedCents: number, by: User) {
  const report = await new OpenExpenseReport().handle(grant.id, period, by, ip)
  const line = await GrantBudgetLine.query().where('grant_id', grant.id).orderBy('id').firstOrFail()
  await new AddExpenseLines().handle(
    report.id,
    [
      {
        spentOn: grant.periods[period - 1].startsOn,
        supplier: 'Market',
        description: 'Food',
        budgetLineId: line.id,
        standard: 'MS-02',
        amountCents: claimedCents,
        currency: 'EUR',
        rateMicro: null,
        rateSource: null,
        vat: 'exempt',
        receiptNumber: null,
        supplierCountry: 'XK',
      },
    ],
    by,
    ip
  )
  return report
}

interface PageRow {
  section: string
  grant: string
  kind: string
  heading: string
  label: string
  cents: number[]
  usedBp: string
  overFlexibility: string
}

/** The rows of every table of the page, read from their data attributes and cells. */
function pageRows(html: string): PageRow[] {
  const rows: PageRow[] = []
  const sections = html.split(/<section /).slice(1)
  for (const section of sections) {
    const kind = /data-section="([^"]*)"/.exec(section)?.[1]
    if (!kind) continue
    for (const match of section.matchAll(/<tr data-row ([^>]*)>([\s\S]*?)<\/tr>/g)) {
      const attributes = match[1]
      const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attributes)![1]
      const cells = match[2]
      rows.push({
        section: kind,
        grant: attribute('data-grant'),
        kind: attribute('data-kind'),
        heading: attribute('data-heading'),
        label: decode(/<span data-label>([^<]*)<\/span>/.exec(cells)![1]),
        cents: [...cells.matchAll(/data-cents="(-?\d+)"/g)].map((m) => Number(m[1])),
        usedBp: /data-used-bp="(\d*)"/.exec(cells)![1],
        overFlexibility: attribute('data-over-flexibility'),
      })
    }
  }
  return rows
}

function decode(text: string) {
  return text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

test.group('Budget against actual: a grant, and a lead grant with its sub-grants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the lead’s FSTP line shows the sum of the sub-grants’ admitted amounts to the cent', async ({
    client,
    assert,
  }) => {
    const { lead, fstp, leadManager, alpha, beta } = await leadWithSubGrants()

    const response = await client
      .get(`/grants/${lead.grant.id}/budget-vs-actual`)
      .loginAs(leadManager)

    response.assertStatus(200)
    const rows = pageRows(response.text())
    const main = rows.filter((row) => row.section === 'grant')
    const fstpRow = main.find((row) => row.kind === 'line' && row.label === fstp.label)!
    const subTotal = (grant: Grant) =>
      rows.find(
        (row) =>
          row.section === 'sub_grant' && row.grant === grant.reference && row.kind === 'total'
      )!
    // planned, claimed, admitted, remaining
    assert.equal(subTotal(alpha.grant).cents[2], 1000001)
    assert.equal(subTotal(beta.grant).cents[2], 333333)
    assert.equal(fstpRow.cents[2], 1000001 + 333333)
    assert.equal(fstpRow.cents[2], subTotal(alpha.grant).cents[2] + subTotal(beta.grant).cents[2])
    // Claimed counts every report, the draft too.
    assert.equal(fstpRow.cents[1], 1234567 + 333333 + 77777)
    assert.equal(fstpRow.cents[0], 10000000)
    assert.equal(fstpRow.cents[3], 10000000 - 1333334)
    // floor(1 333 334 × 10 000 / 10 000 000) = 1333 → 13.33 %
    assert.equal(fstpRow.usedBp, '1333')
    assert.include(response.text(), '13.33 %')
    assert.include(response.text(), formatMoney(1333334, 'EUR'))

    // The lead's own line keeps its own approved report.
    const own = main.find((row) => row.kind === 'line' && row.label === 'Everything')!
    assert.deepEqual(own.cents.slice(1, 3), [500000, 450000])
    const total = main.find((row) => row.kind === 'total')!
    assert.equal(total.cents[2], 450000 + 1333334)

    // The roll-up table names each sub-grant and adds up to the line.
    const rollup = rows.filter((row) => row.section === 'fstp_rollup')
    assert.deepEqual(
      rollup.map((row) => [row.kind, row.label, row.cents[2]]),
      [
        ['sub_grant', `${alpha.grant.reference} · Shelter Alpha`, 1000001],
        ['sub_grant', `${beta.grant.reference} · Shelter Beta`, 333333],
        ['total', 'Total', 1333334],
      ]
    )
  })

  test('the CSV export holds the same rows and figures as the page', async ({ client, assert }) => {
    const { lead, leadPeople } = await leadWithSubGrants()

    const page = await client
      .get(`/grants/${lead.grant.id}/budget-vs-actual`)
      .loginAs(leadPeople.finance)
    const csv = await client
      .get(`/grants/${lead.grant.id}/budget-vs-actual?format=csv`)
      .loginAs(leadPeople.finance)

    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const records: string[][] = parse(csv.text())
    const [header, ...body] = records
    assert.deepEqual(header, [
      'section',
      'grant',
      'row',
      'heading',
      'label',
      'planned_cents',
      'claimed_cents',
      'admitted_cents',
      'remaining_cents',
      'used_percent',
      'over_flexibility',
    ])
    const fromPage = pageRows(page.text()).map((row) => [
      row.section,
      row.grant,
      row.kind,
      row.heading,
      row.label,
      ...row.cents.map(String),
      row.usedBp === '' ? '' : (Number(row.usedBp) / 100).toFixed(2),
      row.overFlexibility,
    ])
    assert.isAbove(fromPage.length, 10)
    const accepted = body.filter((row) => row[0] === 'accepted_costs')
    assert.deepEqual(
      body.filter((row) => row[0] !== 'accepted_costs'),
      fromPage
    )
    // The accepted costs rows carry the same cents as the page's accepted costs block.
    assert.deepEqual(
      accepted.map((row) => row[2]),
      ['admitted', 'indirect_over_cap', 'contingency_not_released', 'accepted']
    )
    const acceptedOnPage = page.text().match(/data-accepted="accepted">([^<]+)</)![1]
    const acceptedRow = accepted.find((row) => row[2] === 'accepted')!
    assert.equal(acceptedRow[7], String(Number(acceptedOnPage.replace(/[^\d]/g, ''))))
  })

  test('a heading is flagged only when admitted exceeds the budget by more than 25 %', async ({
    client,
    assert,
  }) => {
    const at = await makeSignedGrant({ totalEligibleCents: 100000, funderCents: 95000 })
    const over = await makeSignedGrant({ totalEligibleCents: 100000, funderCents: 95000 })
    const atPeople = await paymentPeople(at.grant)
    const overPeople = await paymentPeople(over.grant)
    // 125 % exactly is within the limit; one cent more is over it.
    await approvedReport(at.grant, 1, 125000, 125000, atPeople.applicant, atPeople.finance)
    await approvedReport(over.grant, 1, 125001, 125001, overPeople.applicant, overPeople.finance)

    const atPage = await client
      .get(`/grants/${at.grant.id}/budget-vs-actual`)
      .loginAs(atPeople.manager)
    const overPage = await client
      .get(`/grants/${over.grant.id}/budget-vs-actual`)
      .loginAs(overPeople.manager)

    const headingOf = (html: string) => pageRows(html).find((row) => row.kind === 'heading')!
    assert.equal(headingOf(atPage.text()).overFlexibility, '')
    assert.equal(headingOf(atPage.text()).usedBp, '12500')
    assert.notInclude(atPage.text(), 'data-flexibility-flag')
    assert.equal(headingOf(overPage.text()).overFlexibility, 'yes')
    assert.equal(headingOf(overPage.text()).usedBp, '12500')
    assert.include(overPage.text(), 'over the 25.00 % flexibility')
    assert.equal(headingOf(overPage.text()).cents[3], -25001)
  })

  test('a shelter sees its own sub-grant; the lead grant and strangers get 404', async ({
    client,
    assert,
  }) => {
    const { lead, alpha } = await leadWithSubGrants()
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    const own = await client
      .get(`/grants/${alpha.grant.id}/budget-vs-actual`)
      .loginAs(alpha.applicant)
    own.assertStatus(200)
    const rows = pageRows(own.text())
    assert.notInclude(
      rows.map((row) => row.section),
      'fstp_rollup'
    )
    assert.equal(rows.find((row) => row.kind === 'total')!.cents[2], 1000001)

    const leadPage = await client
      .get(`/grants/${lead.grant.id}/budget-vs-actual`)
      .loginAs(alpha.applicant)
    leadPage.assertStatus(404)
    const stranger = await client
      .get(`/grants/${alpha.grant.id}/budget-vs-actual?format=csv`)
      .loginAs(outsider)
    stranger.assertStatus(404)
  })

  test('the overview reads a fixed number of queries, however many sub-grants', async ({
    assert,
  }) => {
    const { lead } = await leadWithSubGrants()
    const count = async () => {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const { default: emitter } = await import('@adonisjs/core/services/emitter')
      // Inside the test's global transaction, every query runs on this client.
      const connection = db.connection()
      const debug = connection.debug
      connection.debug = true
      let queries = 0
      const listener = () => queries++
      // Counted, not printed.
      emitter.off('db:query', db.prettyPrint)
      emitter.on('db:query', listener)
      try {
        await budgetOverview(lead.grant)
      } finally {
        emitter.off('db:query', listener)
        emitter.on('db:query', db.prettyPrint)
        connection.debug = debug
      }
      return queries
    }
    const withTwo = await count()
    const extra = await makeSignedGrant({
      funder: lead.grantee,
      grantee: await makeOrganisation('ngo', 'Shelter Gamma'),
      parent: lead.grant,
      totalEligibleCents: 5000000,
      funderCents: 5000000,
    })
    const gammaPeople = await paymentPeople(extra.grant)
    await approvedReport(extra.grant, 1, 1000, 999, gammaPeople.applicant, gammaPeople.finance)
    const withThree = await count()
    assert.isAbove(withTwo, 0)
    assert.equal(withThree, withTwo)
  })
})
