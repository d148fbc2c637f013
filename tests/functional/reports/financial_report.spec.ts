import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LineInput } from '#actions/reports/expense_report_support'
import { AddExpenseLines } from '#actions/reports/add_expense_lines'
import { AdmitExpenseLine } from '#actions/reports/admit_expense_line'
import { ApproveExpenseReport } from '#actions/reports/approve_expense_report'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import { SubmitExpenseReport } from '#actions/reports/submit_expense_report'
import { formatMoney } from '#domain/money'
import type Grant from '#models/grant'
import GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'
const money = (cents: number, locale = 'en') => formatMoney(cents, 'EUR', locale)

/**
 * A grant of 2026–2028 (three 12-month periods) with two budget lines:
 * "Everything" (human resources, 20 000.00) and "Beds" (equipment, 5 000.00).
 */
async function grantWithTwoLines() {
  const made = await makeSignedGrant({
    grantee: await makeOrganisation('ngo', 'Shelter Docs'),
    totalEligibleCents: 2000000,
    funderCents: 1900000,
    endsOn: '2028-12-31',
    status: 'in_implementation',
  })
  const staff = await GrantBudgetLine.query().where('grant_id', made.grant.id).firstOrFail()
  const beds = await GrantBudgetLine.create({
    grantId: made.grant.id,
    version: 1,
    position: 1,
    heading: 'equipment_supplies',
    label: 'Beds',
    unit: 'bed',
    quantityHundredths: 1000,
    unitCostCents: 50000,
    totalCents: 500000,
    thirdParty: null,
  })
  return { ...made, staff, beds, ...(await paymentPeople(made.grant)) }
}

type Item = Pick<LineInput, 'spentOn' | 'supplier' | 'description' | 'standard'> & {
  budgetLine: GrantBudgetLine
  claimedCents: number
  receiptNumber: string | null
}

/** Opens the report of a period, adds the items and submits it; returns the report and its lines. */
async function submittedReport(grant: Grant, period: number, items: Item[], grantee: User) {
  const report = await new OpenExpenseReport().handle(grant.id, period, grantee, ip)
  const lines = await new AddExpenseLines().handle(
    report.id,
    items.map((item) => ({
      spentOn: item.spentOn,
      supplier: item.supplier,
      description: item.description,
      budgetLineId: item.budgetLine.id,
      standard: item.standard,
      amountCents: item.claimedCents,
      currency: 'EUR',
      rateMicro: null,
      rateSource: null,
      vat: 'exempt',
      receiptNumber: item.receiptNumber,
      supplierCountry: 'XK',
    })),
    grantee,
    ip
  )
  await new SubmitExpenseReport().handle(report.id, grantee, ip)
  return { report, lines }
}

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-financial-report-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'])
    .toString()
    .replace(/[\u00a0\u202f]/g, ' ')
}

/** A table row of the PDF: the label, then the figures in order, separated by spaces only. */
function rowPattern(label: string, figures: string[]) {
  return new RegExp(
    `${escape(label)}\\s+${figures.map((figure) => escape(figure)).join('\\s+')}\\s*$`,
    'm'
  )
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Period 1 approved: Food 1 234.56 claimed, 1 000.00 admitted on
 * "Everything"; bunk beds 2 500.00 admitted in full on "Beds". Period 2
 * under verification: a night guard 3 000.00 claimed, 2 900.00 admitted;
 * medicine 450.50 on "Beds" not yet decided.
 */
async function twoReports() {
  const setup = await grantWithTwoLines()
  const { grant, staff, beds, applicant, finance } = setup
  const first = await submittedReport(
    grant,
    1,
    [
      {
        spentOn: '2026-02-10',
        supplier: 'Market',
        description: 'Food',
        budgetLine: staff,
        standard: 'MS-02',
        claimedCents: 123456,
        receiptNumber: 'R-1',
      },
      {
        spentOn: '2026-03-05',
        supplier: 'BedCo',
        description: 'Bunk beds',
        budgetLine: beds,
        standard: 'MS-01',
        claimedCents: 250000,
        receiptNumber: 'R-2',
      },
    ],
    applicant
  )
  await new AdmitExpenseLine().handle(first.lines[0].id, 100000, 'Partly eligible', finance, ip)
  await new AdmitExpenseLine().handle(first.lines[1].id, 250000, null, finance, ip)
  // Whoever admitted a line never approves the report: a second finance officer does.
  await new ApproveExpenseReport().handle(first.report.id, setup.recorder, ip)

  const second = await submittedReport(
    grant,
    2,
    [
      {
        spentOn: '2027-01-15',
        supplier: 'Guard',
        description: 'Night guard',
        budgetLine: staff,
        standard: 'MS-01',
        claimedCents: 300000,
        receiptNumber: 'G-7',
      },
      {
        spentOn: '2027-02-01',
        supplier: 'Pharmacy',
        description: 'Medicine',
        budgetLine: beds,
        standard: 'MS-03',
        claimedCents: 45050,
        receiptNumber: null,
      },
    ],
    applicant
  )
  await new AdmitExpenseLine().handle(
    second.lines[0].id,
    290000,
    'Overtime not eligible',
    finance,
    ip
  )
  return { ...setup, first, second }
}

test.group('Financial report PDF (PRAG Annex VI)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('header, table per heading and items carry the figures of formatMoney', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, second } = await twoReports()

    const response = await client
      .get(`/expense-reports/${second.report.id}/financial-report.pdf`)
      .loginAs(applicant)

    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    const text = pdfText(response.body())
    assert.include(text, 'Financial report')
    assert.include(text, grant.reference)
    assert.match(text, /Grantee\s+Shelter Docs/)
    assert.match(text, /Funder\s+EU Office/)
    assert.match(text, /Reporting period\s+2 · 2027-01-01 – 2027-12-31/)
    assert.match(text, /Report\s+Interim report/)
    assert.match(text, /Status\s+Under verification/)
    assert.match(text, /Version \(submissions\)\s+1/)
    assert.match(text, /Report due\s+2028-02-29/)

    // Budget, this period claimed / admitted, cumulative (approved up to period 2), remaining.
    assert.match(
      text,
      rowPattern('1. Human resources', [
        money(2000000),
        money(300000),
        money(290000),
        money(100000),
        money(1900000),
      ])
    )
    assert.match(
      text,
      rowPattern('Everything', [
        money(2000000),
        money(300000),
        money(290000),
        money(100000),
        money(1900000),
      ])
    )
    assert.match(
      text,
      rowPattern('3. Equipment and supplies', [
        money(500000),
        money(45050),
        money(0),
        money(250000),
        money(250000),
      ])
    )
    assert.match(
      text,
      rowPattern('Total', [
        money(2500000),
        money(345050),
        money(290000),
        money(350000),
        money(2150000),
      ])
    )

    // The expense items, with heading, standard and receipt reference.
    assert.match(
      text,
      new RegExp(
        `1\\s+2027-01-15\\s+Guard\\s+Night guard\\s+1\\. Human[^\\n]*MS-01\\s+G-7\\s+${escape(money(300000))}\\s+${escape(money(290000))}`
      )
    )
    assert.match(
      text,
      new RegExp(
        `2\\s+2027-02-01\\s+Pharmacy\\s+Medicine\\s+3\\. Equipment[^\\n]*MS-03\\s+—\\s+${escape(money(45050))}\\s+—`
      )
    )
    assert.match(text, rowPattern('Total', [money(345050), money(290000)]))
    assert.include(text, '1 item is not verified yet')
  })

  test('once the report is approved, the cumulative column includes it', async ({
    client,
    assert,
  }) => {
    const { finance, recorder, second } = await twoReports()
    await new AdmitExpenseLine().handle(second.lines[1].id, 45050, null, finance, ip)
    await new ApproveExpenseReport().handle(second.report.id, recorder, ip)

    const response = await client
      .get(`/expense-reports/${second.report.id}/financial-report.pdf`)
      .loginAs(finance)

    response.assertStatus(200)
    const text = pdfText(response.body())
    assert.match(text, /Status\s+Approved/)
    assert.match(
      text,
      rowPattern('Everything', [
        money(2000000),
        money(300000),
        money(290000),
        money(390000),
        money(1610000),
      ])
    )
    assert.match(
      text,
      rowPattern('Beds', [money(500000), money(45050), money(45050), money(295050), money(204950)])
    )
    assert.notInclude(text, 'not verified yet')
  })

  test('the report of period 1 counts only itself as cumulative', async ({ client, assert }) => {
    const { applicant, first } = await twoReports()

    const response = await client
      .get(`/expense-reports/${first.report.id}/financial-report.pdf`)
      .loginAs(applicant)

    const text = pdfText(response.body())
    assert.match(
      text,
      rowPattern('Everything', [
        money(2000000),
        money(123456),
        money(100000),
        money(100000),
        money(1900000),
      ])
    )
    assert.match(
      text,
      new RegExp(
        `2026-02-10\\s+Market\\s+Food[^\\n]*MS-02\\s+R-1\\s+${escape(money(123456))}\\s+${escape(money(100000))}`
      )
    )
  })

  test('labels follow the reader’s language; figures stay those of formatMoney', async ({
    client,
    assert,
  }) => {
    const { applicant, second } = await twoReports()

    const response = await client
      .get(`/expense-reports/${second.report.id}/financial-report.pdf`)
      .header('accept-language', 'sq')
      .loginAs(applicant)

    response.assertStatus(200)
    const text = pdfText(response.body())
    assert.include(text, 'Raporti financiar')
    assert.include(text, 'Shpenzimet sipas kategorisë buxhetore')
    assert.include(text, money(345050, 'sq').replace(/[\u00a0\u202f]/g, ' '))
  })

  test('an unrelated NGO gets 404, as for a report that does not exist', async ({ client }) => {
    const { second } = await twoReports()
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    const response = await client
      .get(`/expense-reports/${second.report.id}/financial-report.pdf`)
      .loginAs(outsider)
    response.assertStatus(404)
    const missing = await client
      .get('/expense-reports/999999/financial-report.pdf')
      .loginAs(outsider)
    missing.assertStatus(404)
  })
})
