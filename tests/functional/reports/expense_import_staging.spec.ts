import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { setTimeout as sleep } from 'node:timers/promises'
import { ExpenseImports } from '#actions/reports/expense_imports'
import { stagingTable } from '#actions/reports/expense_line_staging'
import { ImportExpenseLines } from '#actions/reports/import_expense_lines'
import { StageExpenseLines } from '#actions/reports/stage_expense_lines'
import type { LineInput } from '#actions/reports/expense_report_support'
import ExpenseImport from '#models/expense_import'
import ExpenseLine from '#models/expense_line'
import type Grant from '#models/grant'
import type User from '#models/user'
import { currentBudgetLines } from '#queries/grant_finances'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { fileWith, makeOrganisation } from '#tests/helpers'

const header = 'date,supplier,description,budget_line,standard,amount,receipt_number'
const csv = (count: number) =>
  Buffer.from(
    [
      header,
      ...Array.from(
        { length: count },
        (_, index) => `2026-03-01,Market,Food ${index + 1},1,MS-02,1.00,R-${index + 1}`
      ),
    ].join('\n')
  )

async function openReport(client: any) {
  const { grant } = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Shelter A') })
  const { applicant } = await paymentPeople(grant)
  const opened = await client
    .post(`/api/v1/grants/${grant.id}/expense-reports`)
    .withGuard('api')
    .loginAs(applicant)
    .json({ periodNumber: 1 })
  opened.assertStatus(201)
  return { grant, applicant, reportId: opened.body().data.id as number }
}

/** The lines of an import as the worker would hand them over. */
async function inputsFor(grant: Grant, count: number): Promise<LineInput[]> {
  const [budgetLine] = await currentBudgetLines(grant)
  return Array.from({ length: count }, (_, index) => ({
    spentOn: '2026-03-01',
    supplier: 'Market',
    description: `Food ${index + 1}`,
    budgetLineId: budgetLine.id,
    standard: 'MS-02',
    amountCents: 100 + index,
    currency: 'EUR',
    rateMicro: null,
    rateSource: null,
    vat: 'exempt',
    receiptNumber: `R-${index + 1}`,
    supplierCountry: 'XK',
  }))
}

async function runningJob(reportId: number, by: User, total: number) {
  return ExpenseImport.create({
    expenseReportId: reportId,
    status: 'running',
    fileName: 'lines.csv',
    fileKey: 'imports/missing.csv',
    totalRows: total,
    processedRows: 0,
    importedLines: 0,
    errors: [],
    createdById: by.id,
  })
}

async function countOf(table: string, column: string, id: number) {
  const [row] = await db.from(table).where(column, id).count('* as n')
  return Number(row.n)
}

test.group('Expense imports: staging, progress and publishing', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('progress shows on the API while the lines are staged, none in the report until the end', async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const total = 20_000
    const response = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', csv(total)))
    response.assertStatus(202)
    const id = response.body().data.id as number
    const midway: { processed: number; lines: number }[] = []
    for (;;) {
      const status = await client
        .get(`/api/v1/expense-imports/${id}`)
        .withGuard('api')
        .loginAs(applicant)
      const job = status.body().data
      if (job.status !== 'running') break
      if (job.processedRows > 0 && job.processedRows < total) {
        midway.push({
          processed: job.processedRows,
          lines: await countOf('expense_lines', 'expense_report_id', reportId),
        })
      }
      await sleep(5)
    }
    const done = await ExpenseImports.settled(id)
    assert.equal(done.status, 'done')
    assert.isAbove(midway.length, 0, 'no progress was seen between 0 and the total')
    for (const seen of midway) assert.equal(seen.lines, 0)
    assert.equal(await countOf('expense_lines', 'expense_report_id', reportId), total)
    assert.equal(await countOf(stagingTable, 'expense_import_id', id), 0)
  }).timeout(300_000)

  test('an import stopped while staging leaves nothing in the report; the sweeper clears its staging and a retry saves every line', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, reportId } = await openReport(client)
    const first = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', csv(3_000)))
    first.assertStatus(202)
    const kept = await ExpenseImports.settled(first.body().data.id)
    const before = await countOf('expense_lines', 'expense_report_id', reportId)

    // The same file again, staged up to 1 000 rows when the process "stops".
    const stuck = await runningJob(reportId, applicant, 3_000)
    stuck.merge({ fileName: kept.fileName, fileKey: kept.fileKey })
    await stuck.save()
    const inputs = await inputsFor(grant, 3_000)
    await assert.rejects(
      () =>
        new StageExpenseLines().handle(stuck.id, reportId, inputs, (staged) => {
          if (staged >= 1_000) throw new Error('stopped')
        }),
      /stopped/
    )
    assert.equal(await countOf(stagingTable, 'expense_import_id', stuck.id), 1_000)
    assert.equal(await countOf('expense_lines', 'expense_report_id', reportId), before)

    await ExpenseImport.query()
      .where('id', stuck.id)
      .update({
        updated_at: DateTime.utc()
          .minus({ minutes: 10 })
          .toFormat(db.connection().dialect.dateTimeFormat),
      })
    assert.equal(await ExpenseImports.sweepInterrupted(), 1)
    await stuck.refresh()
    assert.equal(stuck.status, 'interrupted')
    assert.equal(await countOf(stagingTable, 'expense_import_id', stuck.id), 0)
    assert.equal(await countOf('expense_lines', 'expense_report_id', reportId), before)

    const retried = await client
      .post(`/api/v1/expense-imports/${stuck.id}/retry`)
      .withGuard('api')
      .loginAs(applicant)
    retried.assertStatus(202)
    const done = await ExpenseImports.settled(stuck.id)
    assert.equal(done.status, 'done')
    assert.equal(done.importedLines, 3_000)
    assert.equal(await countOf('expense_lines', 'expense_report_id', reportId), before + 3_000)
    assert.equal(await countOf(stagingTable, 'expense_import_id', stuck.id), 0)
    const positions = await db
      .from('expense_lines')
      .where('expense_report_id', reportId)
      .min('position as first')
      .max('position as last')
    assert.equal(Number(positions[0].first), 1)
    assert.equal(Number(positions[0].last), before + 3_000)
  }).timeout(300_000)

  test('a report sent to the funder while the lines are staged publishes nothing and clears the staging', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, reportId } = await openReport(client)
    const job = await runningJob(reportId, applicant, 2_000)
    const inputs = await inputsFor(grant, 2_000)
    await assert.rejects(
      () =>
        new ImportExpenseLines().handle(
          job.id,
          reportId,
          inputs,
          applicant,
          '127.0.0.1',
          'import:lines.csv',
          async (staged, total) => {
            if (staged === total) {
              await db.from('expense_reports').where('id', reportId).update({ status: 'submitted' })
            }
          }
        ),
      /with the funder/
    )
    assert.equal(await countOf('expense_lines', 'expense_report_id', reportId), 0)
    assert.equal(await countOf(stagingTable, 'expense_import_id', job.id), 0)
    await job.refresh()
    assert.equal(job.status, 'running')
  }).timeout(300_000)

  test('a line added while the import is staged is taken into account: its duplicate is flagged', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, reportId } = await openReport(client)
    const job = await runningJob(reportId, applicant, 1_200)
    const inputs = await inputsFor(grant, 1_200)
    let added = false
    await new ImportExpenseLines().handle(
      job.id,
      reportId,
      inputs,
      applicant,
      '127.0.0.1',
      'import:lines.csv',
      async (staged, total) => {
        if (added || staged !== total) return
        added = true
        const line = await client
          .post(`/api/v1/expense-reports/${reportId}/lines`)
          .withGuard('api')
          .loginAs(applicant)
          .json({
            spentOn: '2026-03-01',
            supplier: 'Market',
            description: 'The same receipt',
            budgetLineId: inputs[0].budgetLineId,
            standard: 'MS-02',
            amountCents: 100,
            receiptNumber: 'R-1',
          })
        line.assertStatus(201)
      }
    )
    await job.refresh()
    assert.equal(job.status, 'done')
    assert.equal(await countOf('expense_lines', 'expense_report_id', reportId), 1_201)
    const first = await ExpenseLine.query()
      .where('expense_report_id', reportId)
      .where('description', 'Food 1')
      .firstOrFail()
    assert.include(
      first.flags.map((flag) => flag.code),
      'DUPLICATE_RECEIPT'
    )
    const second = await ExpenseLine.query()
      .where('expense_report_id', reportId)
      .where('description', 'Food 2')
      .firstOrFail()
    assert.notInclude(
      second.flags.map((flag) => flag.code),
      'DUPLICATE_RECEIPT'
    )
  }).timeout(300_000)

  test('text and amounts reach the report exactly as staged: quotes, commas, braces, backslashes, NULL', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, reportId } = await openReport(client)
    const job = await runningJob(reportId, applicant, 2_500)
    const plain = await inputsFor(grant, 2_500)
    const inputs = plain.map((input, index) => ({
      ...input,
      supplier: index % 2 === 0 ? 'NULL' : `Shop "A", {B} \\ C ${index}`,
      description: index % 3 === 0 ? '{"a":[1,2]}' : `Line\twith 'quotes', "double" ${index}`,
      amountCents: 3_000_000_000_001 + index * 1_000_003,
      currency: index % 4 === 0 ? 'RSD' : 'EUR',
      rateMicro: index % 4 === 0 ? 117_123_456 : null,
      rateSource: index % 4 === 0 ? 'Bank, "X" {rate}' : null,
      receiptNumber: index % 5 === 0 ? null : index % 5 === 1 ? 'NULL' : `R-${index}`,
    }))
    await new ImportExpenseLines().handle(
      job.id,
      reportId,
      inputs,
      applicant,
      '127.0.0.1',
      'import:lines.csv'
    )
    const stored = await db
      .from('expense_lines')
      .where('expense_report_id', reportId)
      .orderBy('position')
      .select(
        'supplier',
        'description',
        'amount_cents',
        'currency',
        'exchange_rate_micro',
        'rate_source',
        'receipt_number'
      )
    assert.lengthOf(stored, inputs.length)
    stored.forEach((row, index) => {
      const input = inputs[index]
      assert.deepEqual(
        {
          supplier: row.supplier,
          description: row.description,
          amountCents: String(row.amount_cents),
          currency: row.currency,
          rateMicro: row.exchange_rate_micro === null ? null : Number(row.exchange_rate_micro),
          rateSource: row.rate_source,
          receiptNumber: row.receipt_number,
        },
        {
          supplier: input.supplier,
          description: input.description,
          amountCents: String(input.amountCents),
          currency: input.currency,
          rateMicro: input.rateMicro,
          rateSource: input.rateSource,
          receiptNumber: input.receiptNumber,
        },
        `line ${index + 1}`
      )
    })
  }).timeout(300_000)

  test('a publish that fails after copying the lines leaves the report as it was', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, reportId } = await openReport(client)
    const job = await runningJob(reportId, applicant, 2_000)
    const inputs = await inputsFor(grant, 2_000)
    // One staged row goes missing before the publish: the copy runs, then
    // the count of copied lines refuses it, inside the same transaction.
    await assert.rejects(
      () =>
        new ImportExpenseLines().handle(
          job.id,
          reportId,
          inputs,
          applicant,
          '127.0.0.1',
          'import:lines.csv',
          async (staged, total) => {
            if (staged === total) {
              await db.from(stagingTable).where({ expense_import_id: job.id, seq: 1_234 }).delete()
            }
          }
        ),
      /incomplete/
    )
    assert.equal(await countOf('expense_lines', 'expense_report_id', reportId), 0)
    assert.equal(await countOf(stagingTable, 'expense_import_id', job.id), 0)
    const [report] = await db.from('expense_reports').where('id', reportId).select('claimed_cents')
    assert.equal(Number(report.claimed_cents), 0)
    await job.refresh()
    assert.equal(job.status, 'running')
    assert.equal(job.importedLines, 0)
  }).timeout(300_000)
})
