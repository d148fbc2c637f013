import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ExcelJS from 'exceljs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExpenseReport from '#models/expense_report'
import GrantBudgetLine from '#models/grant_budget_line'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeOrganisation } from '#tests/helpers'
import { signIn, signOut } from '#tests/browser_session'

/** An XLSX of two expense lines, with a real date cell and numeric amounts. */
async function xlsxOfLines() {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Lines')
  sheet.addRow([
    'date',
    'supplier',
    'description',
    'budget_line',
    'standard',
    'amount',
    'receipt_number',
  ])
  sheet.addRow([
    new Date(Date.UTC(2026, 2, 14)),
    'Shpresa Catering',
    'Meals, March',
    1,
    'MS-02',
    1250.5,
    'F-0142',
  ])
  sheet.addRow([
    new Date(Date.UTC(2026, 2, 31)),
    'Alb Security',
    'Night guard, March',
    1,
    'MS-01',
    2100,
    'AS-0325',
  ])
  const dir = await mkdtemp(join(tmpdir(), 'sg-xlsx-'))
  const file = join(dir, 'lines.xlsx')
  await writeFile(file, Buffer.from(await workbook.xlsx.writeBuffer()))
  return file
}

async function receiptPdf() {
  const dir = await mkdtemp(join(tmpdir(), 'sg-receipt-'))
  const file = join(dir, 'receipt.pdf')
  await writeFile(file, Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'))
  return file
}

test.group('Browser: an expense report from import to approval', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('imported, receipted, partly admitted, returned, resubmitted and approved', async ({
    visit,
    assert,
  }) => {
    const { grant } = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Shelter X') })
    const { applicant, finance, recorder } = await paymentPeople(grant)
    await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
    const page = await visit('/login')
    page.on('dialog', (dialog) => dialog.accept())

    // The NGO prepares the report of period 1 and imports its lines.
    await signIn(page, applicant.email)
    await page.goto(page.url().replace('/dashboard', `/grants/${grant.id}`))
    await page.locator('[data-open-report="1"]').click()
    await page.locator('#import-file').setInputFiles(await xlsxOfLines())
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.assertTextContains('[data-amount="claimed"]', '€3,350.50')
    await page
      .locator('#receipt-' + (await firstLineId(grant.id)))
      .setInputFiles(await receiptPdf())
    await page.getByRole('button', { name: 'Attach' }).first().click()
    await page.assertExists('[data-receipt]')
    await page.getByRole('button', { name: 'Submit the report' }).click()
    await page.assertTextContains('[data-report-status]', 'Submitted')
    const reportUrl = page.url()
    await signOut(page)

    // The finance officer admits part of the first line and returns the report.
    await signIn(page, finance.email)
    await page.goto(reportUrl)
    await page.locator('[data-admit-form="1"] input[name="admitted"]').fill('1000,00')
    await page
      .locator('[data-admit-form="1"] input[name="reason"]')
      .fill('Only 40 meals documented')
    await page.locator('[data-admit-form="1"] button').click()
    await page
      .getByLabel('Comments for the grantee')
      .fill('Attach the receipt of the security invoice')
    await page.getByRole('button', { name: 'Return for revision' }).click()
    await page.assertTextContains('[data-report-status]', 'Returned for revision')
    await signOut(page)

    // The NGO sees the decision, attaches the missing receipt and resubmits.
    await signIn(page, applicant.email)
    await page.goto(reportUrl)
    await page.assertTextContains('[data-return-comment]', 'security invoice')
    await page.assertTextContains('[data-line="1"] [data-admitted]', 'Only 40 meals documented')
    await page
      .locator('input[type="file"][name="receipt"]')
      .nth(1)
      .setInputFiles(await receiptPdf())
    await page.getByRole('button', { name: 'Attach' }).nth(1).click()
    await page.getByRole('button', { name: 'Submit the revised report' }).click()
    await page.assertTextContains('[data-report-status]', 'Submitted')
    await signOut(page)

    // The finance officer accepts the unflagged line and keeps the partial admission.
    await signIn(page, finance.email)
    await page.goto(reportUrl)
    await page.locator('[data-admit-form="1"] input[name="admitted"]').fill('1000,00')
    await page
      .locator('[data-admit-form="1"] input[name="reason"]')
      .fill('Only 40 meals documented')
    await page.locator('[data-admit-form="1"] button').click()
    await page.getByRole('button', { name: /Accept the 1 lines without flags/ }).click()
    // Whoever admitted lines is not offered the approval.
    await page.assertNotExists('[data-approve-report]')
    await signOut(page)

    // A second finance officer, who admitted no line, approves.
    await signIn(page, recorder.email)
    await page.goto(reportUrl)
    await page.getByRole('button', { name: 'Approve the report' }).click()
    await page.assertTextContains('[data-report-status]', 'Approved')
    await page.assertTextContains('[data-amount="admitted"]', '€3,100.00')
    await page.assertTextContains('[data-budget-vs-actual] [data-admitted]', '€3,100.00')
    const report = await ExpenseReport.findByOrFail('grant_id', grant.id)
    assert.equal(report.admittedCents, 310000)
  })
})

async function firstLineId(grantId: number) {
  const report = await ExpenseReport.findByOrFail('grant_id', grantId)
  await report.load('lines')
  return report.lines[0].id
}
