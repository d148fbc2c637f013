import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DemoData } from '#database/seeders/demo_data'
import { HandoverPlan } from '#queries/handover_plan'
import { todayInKosovo } from '#services/clock'

test.group('Handover plan: demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('six shelters over four years, on track, late and under-committed', async ({ assert }) => {
    await new DemoData().load()
    const plan = await HandoverPlan.load({ today: todayInKosovo() })
    assert.lengthOf(plan.shelters, 6)
    assert.isAtLeast(plan.years.length, 4)
    const positions = plan.shelters.flatMap((s) => s.years.map((y) => y.position))
    const flagged = (code: string) => positions.some((p) => p.flags.some((f) => f.code === code))
    assert.isTrue(
      positions.some((p) => p.flags.length === 0 && p.transferredCents > 0),
      'on track'
    )
    assert.isTrue(flagged('late_first_transfer'), 'late')
    assert.isTrue(flagged('under_committed'), 'under-committed')
    assert.isTrue(flagged('unlicensed'), 'unlicensed')
    assert.isTrue(flagged('donor_ends_before_target'), 'donor funding ends')
    // Safe House Prishtina's need comes from its verified total operating cost (EUR 45 200.00
    // over 2 260 bed-days, EUR 20.00 a bed-day), never from the sub-grant's admitted costs.
    const fromCost = plan.shelters
      .flatMap((s) => s.years.map((y) => ({ beds: s.shelter.beds, need: y.need })))
      .filter(({ need }) => need.method === 'reports' && need.amountCents !== null)
    assert.isNotEmpty(fromCost, 'a need from the verified operating cost')
    for (const { beds, need } of fromCost) {
      assert.include(need, { operatingCostCents: 4520000, bedDays: 2260, costPerBedDayCents: 2000 })
      assert.equal(need.amountCents, (2000 * beds * 365 * 3) / 4)
    }
    // Every transfer stays within its commitment, and the audit trail still verifies.
    for (const shelter of plan.shelters) {
      for (const commitment of shelter.commitments) {
        const paid = commitment.transfers.reduce((total, t) => total + t.amountCents, 0)
        assert.isAtMost(paid, commitment.amountCents)
      }
    }
    const { AuditTrail } = await import('#services/audit_trail')
    const verified = await AuditTrail.verify()
    assert.isNull(verified.broken)
  })
})

test.group('Handover plan: on the MLSW dashboard', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the shelters flagged this year wait on the MLSW official’s dashboard', async ({
    client,
  }) => {
    await new DemoData().load()
    const { default: User } = await import('#models/user')
    const official = await User.findByOrFail('email', 'mlsw@demo.test')
    const page = await client.get('/dashboard').loginAs(official)
    page.assertStatus(200)
    page.assertTextIncludes('data-task="handover_flagged"')
    page.assertTextIncludes('href="/handover/shelters/')
  })
})
