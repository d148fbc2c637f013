import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { ExpenseImports } from '#actions/reports/expense_imports'
import AuditEvent from '#models/audit_event'
import ExpenseImport from '#models/expense_import'
import ExpenseLine from '#models/expense_line'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { fileWith, makeMember, makeOrganisation } from '#tests/helpers'
import { craftedXlsx, zipBombXlsx, type ZipDisagreement } from '#tests/zip_bomb'

const N = 50_000
const header = 'date,supplier,description,budget_line,standard,amount,receipt_number'
const csv = (count: number) =>
  Buffer.from(
    [
      header,
      ...Array.from(
        { length: count },
        (_, index) => `2026-03-01,Market,Food ${index + 1},1,MS-02,1.00,`
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

test.group('Expense imports: hostile files, caps, interruptions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a ZIP bomb XLSX is refused with 422 at once, nothing stored, memory bounded', async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const bomb = await zipBombXlsx()
    const before = process.memoryUsage().rss
    const response = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('bomb.xlsx', bomb))
    response.assertStatus(422)
    assert.include(response.body().errors[0].message, 'ZIP bomb')
    assert.isBelow(process.memoryUsage().rss - before, 150 * 1024 * 1024)
    assert.lengthOf(await ExpenseImport.query().where('expense_report_id', reportId), 0)
    assert.lengthOf(await ExpenseLine.query().where('expense_report_id', reportId), 0)
  })

  test(
    'an XLSX whose local headers disagree with its central directory is refused with 422 before inflating'
  )
    .with<ZipDisagreement[]>(['name', 'size', 'method', 'overlap'])
    .run(async ({ client, assert }, disagreement) => {
      const { applicant, reportId } = await openReport(client)
      const response = await client
        .post(`/api/v1/expense-reports/${reportId}/imports`)
        .withGuard('api')
        .loginAs(applicant)
        .file('file', await fileWith('crafted.xlsx', craftedXlsx(disagreement)))
      response.assertStatus(422)
      assert.include(response.body().errors[0].message, 'crafted ZIP')
      assert.equal(response.body().errors[0].field, 'file')
      assert.lengthOf(await ExpenseImport.query().where('expense_report_id', reportId), 0)
      assert.lengthOf(await ExpenseLine.query().where('expense_report_id', reportId), 0)
    })

  test('the same parts with agreeing headers pass the ZIP check', async ({ assert }) => {
    assert.isNull(await new ExpenseImports().precheck('fine.xlsx', craftedXlsx('none')))
  })

  test('a file over 10 MB is cut off at the body parser, nothing stored', async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const big = Buffer.concat([Buffer.from(`${header}\n`), Buffer.alloc(11 * 1024 * 1024, 0x61)])
    const response = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('big.csv', big))
    assert.include([413, 422], response.status())
    assert.lengthOf(await ExpenseImport.query().where('expense_report_id', reportId), 0)
  })

  test('50 001 lines are refused with 422 and nothing is saved', async ({ client, assert }) => {
    const { applicant, reportId } = await openReport(client)
    const response = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', csv(50_001)))
    response.assertStatus(422)
    assert.include(response.body().errors[0].message, 'at most 50000 can be imported')
    assert.equal(response.body().data.status, 'failed')
    assert.lengthOf(await ExpenseLine.query().where('expense_report_id', reportId), 0)
  })

  test('50 000 lines are accepted (202) and all saved, with progress to the end', async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const response = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', csv(N)))
    response.assertStatus(202)
    assert.equal(response.body().data.status, 'running')
    await ExpenseImports.settled(response.body().data.id)

    const status = await client
      .get(`/api/v1/expense-imports/${response.body().data.id}`)
      .withGuard('api')
      .loginAs(applicant)
    status.assertStatus(200)
    assert.containsSubset(status.body().data, {
      status: 'done',
      importedLines: N,
      processedRows: N,
      totalRows: N,
    })
    const count = await ExpenseLine.query().where('expense_report_id', reportId).count('* as n')
    assert.equal(Number(count[0].$extras.n), N)
    const last = await ExpenseLine.query()
      .where('expense_report_id', reportId)
      .orderBy('position', 'desc')
      .firstOrFail()
    assert.equal(last.position, N)
    assert.equal(last.description, `Food ${N}`)
    assert.deepEqual(last.flags, [{ code: 'NO_RECEIPT' }])
  }).timeout(300_000)

  test('50 000 lines with varied amounts: every cent saved, totals and flags computed once', async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const cents = (index: number) => 1 + ((index * 7919) % 999_999)
    const amount = (value: number) =>
      `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`
    const rows = Array.from({ length: N }, (_, index) => {
      // The first two lines repeat one receipt: a duplicate to flag.
      const receipt = index < 2 ? 'R-1' : ''
      const value = index < 2 ? 12_345 : cents(index)
      return `2026-03-01,Market,Food ${index + 1},1,MS-02,${amount(value)},${receipt}`
    })
    let expected = 0n
    for (let index = 0; index < N; index++) expected += BigInt(index < 2 ? 12_345 : cents(index))

    const response = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', Buffer.from([header, ...rows].join('\n'))))
    response.assertStatus(202)
    const job = await ExpenseImports.settled(response.body().data.id)
    assert.equal(job.status, 'done')
    assert.equal(job.importedLines, N)

    const [sum] = await db
      .from('expense_lines')
      .where('expense_report_id', reportId)
      .count('* as n')
      .sum('claimed_cents as claimed')
      .sum('amount_cents as amount')
    assert.equal(Number(sum.n), N)
    assert.equal(BigInt(String(sum.claimed)), expected)
    assert.equal(BigInt(String(sum.amount)), expected)
    const report = await db.from('expense_reports').where('id', reportId).firstOrFail()
    assert.equal(BigInt(String(report.claimed_cents)), expected)

    const flagged = await db
      .from('expense_lines')
      .where('expense_report_id', reportId)
      .whereLike('flags_json', '%DUPLICATE_RECEIPT%')
      .count('* as n')
    assert.isAtLeast(Number(flagged[0].n), 1)
    const unflagged = await db
      .from('expense_lines')
      .where('expense_report_id', reportId)
      .where('flags_json', '[]')
      .count('* as n')
    assert.equal(Number(unflagged[0].n), 0)
    const line = await ExpenseLine.query()
      .where('expense_report_id', reportId)
      .where('position', 1000)
      .firstOrFail()
    assert.equal(line.claimedCents, cents(999))
    const codes = line.flags.map((flag) => flag.code)
    assert.include(codes, 'NO_RECEIPT')
    assert.notInclude(codes, 'DUPLICATE_RECEIPT')
    const audit = await AuditEvent.query()
      .where('action', 'expense_report.lines_added')
      .where('subject_id', String(reportId))
      .firstOrFail()
    assert.equal(audit.afterJson && JSON.parse(audit.afterJson).lines, N)
  }).timeout(300_000)

  test('a rejected 50 000-line file saves nothing, not even the lines before the bad one', async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const rows = Array.from({ length: N }, (_, index) =>
      index === N - 1
        ? `2026-03-01,Market,Food,1,MS-02,twelve,`
        : `2026-03-01,Market,Food ${index + 1},1,MS-02,1.00,`
    )
    const response = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', Buffer.from([header, ...rows].join('\n'))))
    response.assertStatus(422)
    assert.equal(response.body().errors[0].row, N + 1)
    assert.lengthOf(await ExpenseLine.query().where('expense_report_id', reportId), 0)
  }).timeout(300_000)

  test('an import left running by a stopped process is swept to interrupted and retried', async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const first = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', csv(3)))
    first.assertStatus(202)
    await ExpenseImports.settled(first.body().data.id)
    // The same file again, as if the process had died while saving it.
    const kept = await ExpenseImport.findOrFail(first.body().data.id)
    const stuck = await ExpenseImport.create({
      expenseReportId: reportId,
      status: 'running',
      fileName: kept.fileName,
      fileKey: kept.fileKey,
      totalRows: 3,
      processedRows: 1,
      importedLines: 0,
      errors: [],
      createdById: applicant.id,
    })
    const recent = await ExpenseImport.create({ ...stuck.serialize(), id: undefined } as any)
    await ExpenseImport.query()
      .where('id', stuck.id)
      .update({
        updated_at: DateTime.utc()
          .minus({ minutes: 10 })
          .toFormat(db.connection().dialect.dateTimeFormat),
      })

    assert.equal(await ExpenseImports.sweepInterrupted(), 1)
    await stuck.refresh()
    await recent.refresh()
    assert.equal(stuck.status, 'interrupted')
    assert.equal(recent.status, 'running')

    const status = await client
      .get(`/api/v1/expense-imports/${stuck.id}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.equal(status.body().data.status, 'interrupted')

    const retried = await client
      .post(`/api/v1/expense-imports/${stuck.id}/retry`)
      .withGuard('api')
      .loginAs(applicant)
    retried.assertStatus(202)
    const done = await ExpenseImports.settled(stuck.id)
    assert.equal(done.status, 'done')
    assert.equal(done.importedLines, 3)
    assert.lengthOf(await ExpenseLine.query().where('expense_report_id', reportId), 6)
    const audit = await AuditEvent.query()
      .where('action', 'expense_import.retried')
      .where('subject_id', String(stuck.id))
      .firstOrFail()
    assert.equal(audit.actorId, applicant.id)

    // Done imports cannot be retried again.
    const again = await client
      .post(`/api/v1/expense-imports/${stuck.id}/retry`)
      .withGuard('api')
      .loginAs(applicant)
    again.assertStatus(409)
  })

  test('the web page retries an interrupted import with its button', async ({ client, assert }) => {
    const { applicant, reportId } = await openReport(client)
    const first = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', csv(2)))
    const job = await ExpenseImports.settled(first.body().data.id)
    job.merge({ status: 'interrupted' })
    await job.save()

    const page = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    page.assertStatus(200)
    assert.include(page.text(), `action="/expense-imports/${job.id}/retry"`)

    const retried = await client
      .post(`/expense-imports/${job.id}/retry`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    retried.assertStatus(302)
    const settled = await ExpenseImports.settled(job.id)
    assert.equal(settled.status, 'done')
    assert.lengthOf(await ExpenseLine.query().where('expense_report_id', reportId), 4)
  })

  test("another organisation's NGO can neither see nor retry an import", async ({
    client,
    assert,
  }) => {
    const { applicant, reportId } = await openReport(client)
    const first = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', csv(2)))
    const job = await ExpenseImports.settled(first.body().data.id)
    job.merge({ status: 'interrupted' })
    await job.save()
    const stranger = await makeMember(await makeOrganisation('ngo', 'Shelter B'), 'applicant')

    const seen = await client
      .get(`/api/v1/expense-imports/${job.id}`)
      .withGuard('api')
      .loginAs(stranger)
    assert.include([403, 404], seen.status())
    const apiRetry = await client
      .post(`/api/v1/expense-imports/${job.id}/retry`)
      .withGuard('api')
      .loginAs(stranger)
    assert.include([403, 404], apiRetry.status())
    const webRetry = await client
      .post(`/expense-imports/${job.id}/retry`)
      .loginAs(stranger)
      .withCsrfToken()
      .redirects(0)
    assert.include([403, 404], webRetry.status())
    await job.refresh()
    assert.equal(job.status, 'interrupted')
    const retries = await AuditEvent.query().where('action', 'expense_import.retried')
    assert.lengthOf(retries, 0)
  })
})
