import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ExpenseImports } from '#actions/reports/expense_imports'
import ExpenseLine from '#models/expense_line'
import GrantBudgetLine from '#models/grant_budget_line'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { fileWith, makeMember, makeOrganisation } from '#tests/helpers'

const csv = (rows: string[]) =>
  Buffer.from(
    ['date,supplier,description,budget_line,standard,amount,receipt_number', ...rows].join('\n')
  )

async function reportOf() {
  const { grant } = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Shelter A') })
  const people = await paymentPeople(grant)
  const budgetLine = await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
  return { grant, budgetLine, ...people }
}

test.group('Expense reports: lines, imports and verification', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an import with one bad row saves nothing and names the row', async ({ client, assert }) => {
    const { grant, applicant } = await reportOf()
    const opened = await client
      .post(`/api/v1/grants/${grant.id}/expense-reports`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ periodNumber: 1 })
    opened.assertStatus(201)
    const reportId = opened.body().data.id

    const bad = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file(
        'file',
        await fileWith(
          'lines.csv',
          csv([
            '2026-03-01,Market,Food,1,MS-02,120.00,R-1',
            '2026-03-02,Pharmacy,Medicine,9,MS-03,40.00,R-2',
            '2026-03-03,Shop,Soap,1,MS-02,15.50,R-3',
          ])
        )
      )
    bad.assertStatus(422)
    assert.deepInclude(bad.body().errors[0], { row: 3, field: 'budget_line' })
    assert.lengthOf(await ExpenseLine.query().where('expense_report_id', reportId), 0)

    const good = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .withGuard('api')
      .loginAs(applicant)
      .file(
        'file',
        await fileWith(
          'lines.csv',
          csv([
            '2026-03-01,Market,Food,1,MS-02,120.00,R-1',
            '2026-03-03,Shop,Soap,1,MS-02,15.50,R-3',
          ])
        )
      )
    good.assertStatus(202)
    const imported = await ExpenseImports.settled(good.body().data.id)
    assert.equal(imported.status, 'done')
    assert.equal(imported.importedLines, 2)
    const report = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.equal(report.body().data.claimedCents, 13550)
    assert.deepEqual(
      report
        .body()
        .data.lines.map((l: { flags: { code: string }[] }) => l.flags.map((f) => f.code)),
      [['NO_RECEIPT'], ['NO_RECEIPT']]
    )
  })

  test('a finance officer cannot admit more than claimed (422)', async ({ client, assert }) => {
    const { grant, budgetLine, applicant, finance } = await reportOf()
    const opened = await client
      .post(`/api/v1/grants/${grant.id}/expense-reports`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ periodNumber: 1 })
    const reportId = opened.body().data.id
    const line = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        spentOn: '2026-04-10',
        supplier: 'Alb Security',
        description: 'Night guard, April',
        budgetLineId: budgetLine.id,
        standard: 'MS-01',
        amountCents: 210000,
        receiptNumber: 'AS-0426',
      })
    line.assertStatus(201)
    await client
      .post(`/api/v1/expense-reports/${reportId}/submission`)
      .withGuard('api')
      .loginAs(applicant)
      .then((r) => r.assertStatus(200))

    const over = await client
      .post(`/api/v1/expense-lines/${line.body().data.id}/admission`)
      .withGuard('api')
      .loginAs(finance)
      .json({ admittedCents: 210001 })
    over.assertStatus(422)
    over.assertBodyContains({ errors: [{ field: 'admittedCents' }] })
    const stored = await ExpenseLine.findOrFail(line.body().data.id)
    assert.isNull(stored.admittedCents)
  })

  test('each side keeps to its role: the grantee cannot admit, the verifier cannot add lines (403)', async ({
    client,
    assert,
  }) => {
    const { grant, budgetLine, applicant, finance } = await reportOf()
    const opened = await client
      .post(`/api/v1/grants/${grant.id}/expense-reports`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ periodNumber: 1 })
    const reportId = opened.body().data.id
    const line = {
      spentOn: '2026-04-10',
      supplier: 'Alb Security',
      description: 'Night guard, April',
      budgetLineId: budgetLine.id,
      standard: 'MS-01',
      amountCents: 210000,
    }
    const byVerifier = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(finance)
      .json(line)
    byVerifier.assertStatus(403)
    const added = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(applicant)
      .json(line)
    await client
      .post(`/api/v1/expense-reports/${reportId}/submission`)
      .withGuard('api')
      .loginAs(applicant)
    const selfAdmitted = await client
      .post(`/api/v1/expense-lines/${added.body().data.id}/admission`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ admittedCents: 210000 })
    selfAdmitted.assertStatus(403)
    const selfApproved = await client
      .post(`/api/v1/expense-reports/${reportId}/approval`)
      .withGuard('api')
      .loginAs(applicant)
    selfApproved.assertStatus(403)
    const stored = await ExpenseLine.findOrFail(added.body().data.id)
    assert.isNull(stored.admittedCents)
  })

  test('an NGO cannot open another NGO’s report (404)', async ({ client }) => {
    const { grant, applicant } = await reportOf()
    const opened = await client
      .post(`/api/v1/grants/${grant.id}/expense-reports`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ periodNumber: 1 })
    const other = await makeMember(await makeOrganisation('ngo', 'Shelter B'), 'applicant')
    const api = await client
      .get(`/api/v1/expense-reports/${opened.body().data.id}`)
      .withGuard('api')
      .loginAs(other)
    api.assertStatus(404)
    const page = await client.get(`/expense-reports/${opened.body().data.id}`).loginAs(other)
    page.assertStatus(404)
  })

  test('returned, revised and approved: the diff shows and budget against actual moves', async ({
    client,
    assert,
  }) => {
    const { grant, budgetLine, applicant, finance, recorder } = await reportOf()
    const opened = await client
      .post(`/grants/${grant.id}/expense-reports`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
      .form({ periodNumber: 1 })
    opened.assertStatus(302)
    const reportId = Number(opened.header('location')!.split('/').pop())
    await client
      .post(`/expense-reports/${reportId}/lines`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
      .form({
        spentOn: '2026-05-02',
        supplier: 'Shpresa Catering',
        description: 'Meals, May',
        budgetLineId: budgetLine.id,
        standard: 'MS-02',
        amount: '1 250,50',
        receiptNumber: 'F-0142',
      })
    await client
      .post(`/expense-reports/${reportId}/submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    const line = await ExpenseLine.findByOrFail('expense_report_id', reportId)
    await client
      .post(`/expense-lines/${line.id}/admission`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
      .form({ admitted: '1000,00', reason: 'Only 40 meals documented' })
    await client
      .post(`/expense-reports/${reportId}/return`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
      .form({ comment: 'Attach the meal lists' })

    // The grantee sees the decision and the comment, changes the line and resubmits.
    const returned = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    returned.assertTextIncludes('Attach the meal lists')
    returned.assertTextIncludes('Only 40 meals documented')
    await client
      .post(`/expense-lines/${line.id}`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
      .form({
        spentOn: '2026-05-02',
        supplier: 'Shpresa Catering',
        description: 'Meals, May (40 meals)',
        budgetLineId: budgetLine.id,
        standard: 'MS-02',
        amount: '1000,00',
        receiptNumber: 'F-0142',
      })
      .then((r) => r.assertStatus(302))
    await client
      .post(`/expense-reports/${reportId}/submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    const resubmitted = await client.get(`/expense-reports/${reportId}`).loginAs(finance)
    resubmitted.assertTextIncludes('data-diff')
    resubmitted.assertTextIncludes('Meals, May (40 meals)')

    await client
      .post(`/expense-reports/${reportId}/acceptance`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
    const flagged = await ExpenseLine.findOrFail(line.id)
    // The line has no receipt, so it is flagged and not accepted in bulk.
    assert.isNull(flagged.admittedCents)
    await client
      .post(`/expense-lines/${line.id}/admission`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
      .form({ admitted: '1000,00' })
    // The admitter cannot approve: the report stays under verification, with the reason shown.
    const byAdmitter = await client
      .post(`/expense-reports/${reportId}/approval`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
    byAdmitter.assertStatus(302)
    const stillOpen = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.equal(stillOpen.body().data.status, 'under_verification')
    // A second finance officer, who admitted no line, approves.
    await client
      .post(`/expense-reports/${reportId}/approval`)
      .loginAs(recorder)
      .withCsrfToken()
      .redirects(0)
      .then((r) => r.assertStatus(302))
    const approved = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.equal(approved.body().data.status, 'approved')
    assert.equal(approved.body().data.admittedCents, 100000)
    assert.equal(approved.body().data.budgetVsActual.total.admittedCents, 100000)
    assert.deepEqual(
      approved.body().data.history.map((h: { event: string }) => h.event),
      ['submitted', 'returned', 'submitted', 'approved']
    )
  })
})
