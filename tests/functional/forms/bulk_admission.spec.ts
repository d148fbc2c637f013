import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeOrganisation } from '#tests/helpers'
import { follow, signIn, summaryOf } from '#tests/form_agent'

/** A submitted report with `amounts` as its lines (none with a receipt: all flagged). */
async function submittedReport(client: ApiClient, amounts: number[]) {
  const { grant } = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Shelter B') })
  const people = await paymentPeople(grant)
  const budgetLine = await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
  const opened = await client
    .post(`/api/v1/grants/${grant.id}/expense-reports`)
    .withGuard('api')
    .loginAs(people.applicant)
    .json({ periodNumber: 1 })
  const reportId: number = opened.body().data.id
  const lineIds: number[] = []
  for (const [index, amountCents] of amounts.entries()) {
    const line = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(people.applicant)
      .json({
        spentOn: '2026-04-10',
        supplier: `Supplier ${index + 1}`,
        description: 'Food',
        budgetLineId: budgetLine.id,
        standard: 'MS-02',
        amountCents,
        receiptNumber: `R-${index + 1}`,
      })
    line.assertStatus(201)
    lineIds.push(line.body().data.id)
  }
  await client
    .post(`/api/v1/expense-reports/${reportId}/submission`)
    .withGuard('api')
    .loginAs(people.applicant)
    .then((r) => r.assertStatus(200))
  return { reportId, lineIds, ...people }
}

async function admissionEvents(lineIds: number[]) {
  return db
    .from('audit_events')
    .where('action', 'expense_line.admitted')
    .whereIn('subject_id', lineIds.map(String))
}

test.group('Forms: verification page and bulk admission', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a rejected admission shows its value and error on its own line only, and at the top', async ({
    client,
    assert,
  }) => {
    const { reportId, lineIds, finance } = await submittedReport(client, [12050, 3000, 4500])
    const agent = await signIn(finance as User)
    const page = `/expense-reports/${reportId}`
    const refused = await agent.submit(page, `/expense-lines/${lineIds[0]}/admission`, {
      lineId: String(lineIds[0]),
      admitted: '999',
      reason: '',
    })
    const html = await follow(agent, refused)
    assert.match(html, new RegExp(`id="field-admitted-${lineIds[0]}"[^>]*value="999"`))
    assert.match(html, new RegExp(`id="field-admitted-${lineIds[1]}"[^>]*value="30.00"`))
    assert.match(html, new RegExp(`id="field-admitted-${lineIds[2]}"[^>]*value="45.00"`))
    assert.equal(html.split('value="999"').length - 1, 1)
    assert.include(html, `id="error-field-admitted-${lineIds[0]}"`)
    assert.notInclude(html, `id="error-field-admitted-${lineIds[1]}"`)
    const summary = summaryOf(html)
    assert.include(summary, `href="#field-admitted-${lineIds[0]}"`)
    assert.include(summary, 'Line 1: Admitted')
    const untouched = await ExpenseLine.findOrFail(lineIds[0])
    assert.isNull(untouched.admittedCents)
  })

  test('selected lines admitted at 0 with one reason in one request; without a reason nothing changes', async ({
    client,
    assert,
  }) => {
    const { reportId, lineIds, finance } = await submittedReport(client, [12050, 3000, 4500])
    const agent = await signIn(finance as User)
    const page = `/expense-reports/${reportId}`
    const form = {
      'lineId': 'bulk',
      'scope': 'selected',
      'rule': 'zero',
      'reason': '',
      'lineIds[0]': String(lineIds[0]),
      'lineIds[1]': String(lineIds[2]),
    }
    const refused = await agent.submit(page, `${page}/admissions`, form)
    const html = await follow(agent, refused)
    assert.include(summaryOf(html), 'Give the reason for admitting 0')
    assert.match(html, new RegExp(`value="${lineIds[0]}"[^>]*checked`))
    assert.lengthOf(await admissionEvents(lineIds), 0)

    const done = await agent.submit(page, `${page}/admissions`, {
      ...form,
      reason: 'Receipts not in the name of the shelter',
    })
    const after = await follow(agent, done)
    assert.include(after, '2 lines admitted')
    const lines = await ExpenseLine.query().whereIn('id', lineIds).orderBy('position')
    assert.deepEqual(
      lines.map((l) => [l.admittedCents, l.admissionReason, l.decidedById]),
      [
        [0, 'Receipts not in the name of the shelter', finance.id],
        [null, null, null],
        [0, 'Receipts not in the name of the shelter', finance.id],
      ]
    )
    assert.lengthOf(await admissionEvents(lineIds), 2)
  })

  test('the API admits every undecided flagged line as claimed; other reports and grantees are refused', async ({
    client,
    assert,
  }) => {
    const { reportId, lineIds, finance, applicant } = await submittedReport(client, [12050, 3000])
    const other = await submittedReport(client, [999])

    const foreign = await client
      .post(`/api/v1/expense-reports/${reportId}/admissions`)
      .withGuard('api')
      .loginAs(finance)
      .json({ scope: 'selected', rule: 'claimed', lineIds: [lineIds[0], other.lineIds[0]] })
    foreign.assertStatus(422)
    foreign.assertBodyContains({ errors: [{ code: 'E_UNKNOWN_LINES', field: 'lineIds' }] })

    const grantee = await client
      .post(`/api/v1/expense-reports/${reportId}/admissions`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ scope: 'flagged', rule: 'claimed' })
    grantee.assertStatus(403)
    assert.lengthOf(await admissionEvents(lineIds), 0)

    const admitted = await client
      .post(`/api/v1/expense-reports/${reportId}/admissions`)
      .withGuard('api')
      .loginAs(finance)
      .json({ scope: 'flagged', rule: 'claimed' })
    admitted.assertStatus(200)
    assert.deepEqual(
      admitted.body().data.map((l: { admittedCents: number }) => l.admittedCents),
      [12050, 3000]
    )
    const again = await client
      .post(`/api/v1/expense-reports/${reportId}/admissions`)
      .withGuard('api')
      .loginAs(finance)
      .json({ scope: 'flagged', rule: 'claimed' })
    again.assertStatus(422)
    again.assertBodyContains({ errors: [{ code: 'E_NO_LINES' }] })
  })
})
