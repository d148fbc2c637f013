import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { ExpenseImports } from '#actions/reports/expense_imports'
import ExpenseImport from '#models/expense_import'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { fileWith, makeMember, makeOrganisation } from '#tests/helpers'

async function openReport(client: ApiClient, periodNumber = 1) {
  const { grant } = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Shelter C') })
  const people = await paymentPeople(grant)
  const opened = await client
    .post(`/api/v1/grants/${grant.id}/expense-reports`)
    .withGuard('api')
    .loginAs(people.applicant)
    .json({ periodNumber })
  opened.assertStatus(201)
  return { grant, reportId: opened.body().data.id as number, ...people }
}

async function importInto(client: ApiClient, reportId: number, user: User, bytes: Buffer) {
  const response = await client
    .post(`/api/v1/expense-reports/${reportId}/imports`)
    .withGuard('api')
    .loginAs(user)
    .file('file', await fileWith('lines.csv', bytes))
  return response
}

test.group('Forms: imports and exports in euros, in the import format', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the sample offered on a report imports with no error; the export re-imports unchanged', async ({
    client,
    assert,
  }) => {
    const { grant, reportId, applicant } = await openReport(client)
    const page = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    page.assertTextIncludes(`href="/expense-reports/${reportId}/sample.csv"`)

    const sample = await client.get(`/expense-reports/${reportId}/sample.csv`).loginAs(applicant)
    sample.assertStatus(200)
    const sampleText = sample.text()
    assert.match(sampleText, /^date,supplier,description,budget_line,standard,amount,/)
    assert.include(sampleText, grant.startsOn.toISODate()!)

    const imported = await importInto(client, reportId, applicant, Buffer.from(sampleText))
    imported.assertStatus(202)
    const job = await ExpenseImports.settled(imported.body().data.id)
    assert.deepEqual(job.errors, [])
    assert.equal(job.status, 'done')
    const rows = sampleText.trim().split('\n').length - 1
    assert.equal(job.importedLines, rows)

    const exported = await client.get(`/expense-reports/${reportId}/lines.csv`).loginAs(applicant)
    const exportText = exported.text()
    assert.match(exportText, /^date,supplier,description,budget_line,standard,amount,currency,/)
    assert.include(exportText, ',1250.50,EUR,')
    assert.notInclude(exportText, 'cents')

    // The export goes into the next report of the same grant, as it is.
    const other = await client
      .post(`/api/v1/grants/${grant.id}/expense-reports`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ periodNumber: 2 })
    other.assertStatus(201)
    const again = await importInto(client, other.body().data.id, applicant, Buffer.from(exportText))
    again.assertStatus(202)
    const reimported = await ExpenseImports.settled(again.body().data.id)
    assert.deepEqual(reimported.errors, [])
    const pick = (lines: ExpenseLine[]) =>
      lines.map((l) => [l.supplier, l.amountCents, l.grantBudgetLineId, l.standardCode, l.currency])
    assert.deepEqual(
      pick(
        await ExpenseLine.query()
          .where('expense_report_id', other.body().data.id)
          .orderBy('position')
      ),
      pick(await ExpenseLine.query().where('expense_report_id', reportId).orderBy('position'))
    )
  })

  test('a refused import shows when it was refused (Kosovo time) and its preparer can dismiss it', async ({
    client,
    assert,
  }) => {
    const { reportId, applicant } = await openReport(client)
    const refused = await importInto(
      client,
      reportId,
      applicant,
      Buffer.from(
        'date,supplier,description,budget_line,standard,amount\n2026-03-01,A,B,99,MS-02,1.00\n'
      )
    )
    refused.assertStatus(422)
    const job = await ExpenseImport.query().where('expense_report_id', reportId).firstOrFail()
    const page = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    const time = (job.updatedAt ?? job.createdAt)
      .setZone('Europe/Belgrade')
      .toFormat('yyyy-MM-dd HH:mm')
    page.assertTextIncludes(`Refused ${time} (Kosovo time)`)
    page.assertTextIncludes('data-import-errors')

    const stranger = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const denied = await client
      .post(`/expense-imports/${job.id}/dismissal`)
      .loginAs(stranger)
      .withCsrfToken()
      .redirects(0)
    assert.notEqual(denied.status(), 302)
    await job.refresh()
    assert.isNull(job.dismissedAt)

    const dismissed = await client
      .post(`/expense-imports/${job.id}/dismissal`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    dismissed.assertStatus(302)
    await job.refresh()
    assert.isNotNull(job.dismissedAt)
    const after = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    assert.notInclude(after.text(), 'data-import-errors')
    const events = await db.from('audit_events').where({ action: 'expense_import.dismissed' })
    assert.lengthOf(events, 1)
  })
})
