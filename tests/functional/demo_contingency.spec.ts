import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DemoData } from '#database/seeders/demo_data'
import ContingencyRelease from '#models/contingency_release'
import Grant from '#models/grant'
import { grantFinances } from '#queries/grant_finances'

test.group('Demo data: contingency', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the lead grant has one approved release and its interim report adds up to 400 000.00 accepted', async ({
    assert,
  }) => {
    await new DemoData().load()
    const lead = await Grant.query()
      .whereNull('parent_grant_id')
      .whereNotNull('funder_signed_at')
      .orderBy('id')
      .firstOrFail()
    const releases = await ContingencyRelease.query().where('grant_id', lead.id)
    assert.deepEqual(
      releases.map((r) => [r.status, r.amountCents, r.heading]),
      [['approved', 1_000_000, 'equipment_supplies']]
    )
    assert.notEqual(releases[0].requestedById, releases[0].decidedById)
    const finances = await grantFinances(lead)
    const [report] = finances.reports
    assert.equal(report.admittedCents, 40_000_000)
    assert.equal(finances.accepted.admittedCents, 40_000_000)
    assert.equal(finances.accepted.acceptedCents, 40_000_000)
    assert.equal(finances.accepted.contingencyAcceptedCents, 800_000)
    assert.equal(finances.accepted.indirectExcessCents, 0)
    // E = round(400 000.00 × 95 %) = 380 000.00 ≥ the threshold: the second tranche is not reduced
    const second = finances.requests.find((r) => r.number === 2)!
    assert.equal(second.reductionCents, 0)
    assert.equal(second.payableCents, second.scheduledCents)
  })
})
