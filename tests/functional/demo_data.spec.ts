import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { budgetOf } from '#actions/applications/full_applications'
import { DemoData } from '#database/seeders/demo_data'
import Application from '#models/application'
import Call from '#models/call'
import Licence from '#models/licence'
import { todayInKosovo } from '#services/clock'

test.group('Demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('loads once, with licences in every state and the calls of both stages', async ({
    assert,
  }) => {
    assert.isTrue(await new DemoData().load())
    assert.isFalse(await new DemoData().load())

    const today = todayInKosovo()
    const licences = await Licence.query().withScopes((s) => s.withFacts())
    assert.includeMembers(
      licences.map((l) => l.statusOn(today)),
      ['active', 'expiring', 'expired', 'suspended', 'renewal_pending']
    )

    const calls = await Call.query().orderBy('id')
    assert.deepEqual(
      calls.map((c) => c.status),
      ['awarded', 'published', 'concept_notes_closed']
    )
    const { default: Grant } = await import('#models/grant')
    const leadGrant = await Grant.query().whereNull('parent_grant_id').firstOrFail()
    assert.equal(leadGrant.funderCents + leadGrant.cofinancingCents, 105263158)
    assert.deepEqual(
      calls.slice(1).map((c) => c.parentGrantId),
      [leadGrant.id, leadGrant.id]
    )
    // Every demo grant follows the payment option rule (DOMAIN-RULES §4.4): the lead grant
    // (24 months, F 1 000 000.00) option 2; the sub-grants (F 40 000.00 ≤ 100 000.00) option 1.
    const { derivePaymentOption, reasonsToText } = await import('#domain/grants/payment_option')
    const grants = await Grant.query().orderBy('id')
    for (const grant of grants) {
      const rule = derivePaymentOption({
        startsOn: grant.startsOn.toISODate()!,
        endsOn: grant.endsOn.toISODate()!,
        funderCents: grant.funderCents,
      })
      assert.equal(grant.paymentOption, rule.option, grant.reference)
      assert.equal(grant.paymentOptionReason, reasonsToText(rule.reasons), grant.reference)
    }
    assert.equal(leadGrant.paymentOption, 'option_2')
    assert.deepEqual(
      grants.filter((g) => g.parentGrantId !== null).map((g) => g.paymentOption),
      ['option_1', 'option_1', 'option_1']
    )
  })

  test('the payment path is at every stage, computed by the rules', async ({ client, assert }) => {
    await new DemoData().load()
    const { default: Grant } = await import('#models/grant')
    const { default: PaymentRequest } = await import('#models/payment_request')
    const { default: User } = await import('#models/user')
    const grants = await Grant.query().preload('paymentRequests').orderBy('id')
    const [lead, ...subGrants] = grants
    assert.deepEqual(
      lead.paymentRequests.map((r) => [r.number, r.kind, r.status]),
      [
        [1, 'initial_prefinancing', 'paid'],
        [2, 'further_prefinancing', 'verified'],
      ]
    )
    assert.deepEqual(
      subGrants.map((g) => [g.status, g.paymentRequests.map((r) => r.status)]),
      [
        ['in_implementation', ['paid']],
        ['suspended', []],
        ['in_implementation', ['verified']],
      ]
    )
    assert.isNull(lead.paymentRequests[1].heldReason)
    const held = await PaymentRequest.findByOrFail('grant_id', subGrants[2].id)
    assert.include(held.heldReason, 'licence_valid')

    // The EU's grant manager, who neither requested nor verified it, is offered the approval.
    const manager = await User.findByOrFail('email', 'manager@demo.test')
    await manager.loadMemberships()
    const page = await client
      .get(`/payment-requests/${lead.paymentRequests[1].id}`)
      .loginAs(manager)
    page.assertStatus(200)
    page.assertTextIncludes('/approval')
    const grantPage = await client.get(`/grants/${lead.id}`).loginAs(manager)
    grantPage.assertStatus(200)
  })

  test('each shelter sub-grant has a report: approved, returned and draft, with receipts and statistics', async ({
    assert,
  }) => {
    await new DemoData().load()
    const { default: ExpenseReport } = await import('#models/expense_report')
    const reports = await ExpenseReport.query()
      .whereHas('grant', (g) => g.whereNotNull('parent_grant_id'))
      .preload('lines', (q) => q.preload('receipts'))
      .preload('statistics')
      .preload('assessments')
      .orderBy('grant_id')
    assert.deepEqual(
      reports.map((r) => r.status),
      ['approved', 'returned', 'draft']
    )
    for (const report of reports) {
      assert.isAbove(report.lines.flatMap((l) => l.receipts).length, 0)
      assert.isTrue(report.statistics.some((s) => s.count >= 1 && s.count <= 4))
      assert.lengthOf(report.assessments, 10)
    }
    assert.equal(
      reports[0].admittedCents,
      reports[0].lines.reduce((total, line) => total + (line.admittedCents ?? 0), 0)
    )
  })

  test("the EU grant's budget is the PRAG worked example to the cent", async ({ assert }) => {
    await new DemoData().load()
    const application = await Application.query()
      .where('status', 'awarded')
      .preload('call')
      .preload('budgetLines')
      .firstOrFail()

    const budget = budgetOf(application.call, application, application.budgetLines)

    assert.equal(budget.totalEligibleCents, 105263158)
    assert.equal(budget.maxFunderCents, 100000000)
    assert.equal(budget.funderCents, 100000000)
    assert.equal(budget.cofinancingCents, 5263158)
    assert.deepEqual(budget.violations, [])
  })
})
