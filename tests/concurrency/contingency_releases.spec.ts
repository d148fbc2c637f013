import { test } from '@japa/runner'
import AuditEvent from '#models/audit_event'
import ContingencyRelease from '#models/contingency_release'
import GrantBudgetLine from '#models/grant_budget_line'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'

/**
 * Σ approved contingency releases never exceeds C (DOMAIN-RULES §3), even
 * when approvals race: committed data, parallel HTTP posts on separate
 * connections; the row lock on the grant serialises them on PostgreSQL.
 */
test.group('Contingency releases under parallel approvals', () => {
  test('ten parallel approvals of 3 000.00 each against C = 10 000.00 approve three', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, manager } = await paymentPeople(grant)
    await GrantBudgetLine.create({
      grantId: grant.id,
      version: 1,
      position: 1,
      heading: 'contingency',
      label: 'Contingency reserve',
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: 1_000_000,
      totalCents: 1_000_000,
      thirdParty: null,
    })
    const releases = await ContingencyRelease.createMany(
      Array.from({ length: 10 }, (_, n) => ({
        grantId: grant.id,
        heading: 'travel' as const,
        amountCents: 300_000,
        currency: 'EUR',
        justification: `Request ${n + 1}`,
        status: 'requested' as const,
        requestedById: applicant.id,
      }))
    )

    const responses = await Promise.all(
      releases.map((release) =>
        client
          .post(`/api/v1/contingency-releases/${release.id}/decision`)
          .withGuard('api')
          .loginAs(manager)
          .json({ decision: 'approve', comment: 'Approved' })
      )
    )
    const statuses = responses.map((r) => r.status())
    assert.equal(statuses.filter((s) => s === 200).length, 3, statuses.join(','))
    assert.equal(statuses.filter((s) => s === 409).length, 7, statuses.join(','))
    assert.equal(await ContingencyRelease.approvedCents(grant.id), 900_000)
    const approvals = await AuditEvent.query()
      .where('action', 'contingency_release.approved')
      .whereIn(
        'subject_id',
        releases.map((r) => String(r.id))
      )
    assert.lengthOf(approvals, 3)
  })
})
