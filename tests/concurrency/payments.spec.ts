import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import AuditEvent from '#models/audit_event'
import LedgerEntry from '#models/ledger_entry'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'

/**
 * A tranche is paid exactly once (DOMAIN-RULES §4.5). No global
 * transaction here: the data is committed so that twenty real HTTP
 * requests race on separate connections (on PostgreSQL, the row lock
 * serialises them; SQLite runs one writer at a time).
 */
test.group('Exactly-once payment under parallel requests', () => {
  test('20 parallel payment posts for one approved request record one payment', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, finance, manager, recorder } = await paymentPeople(grant)
    const request = await PaymentRequest.create({
      grantId: grant.id,
      number: 1,
      kind: 'initial_prefinancing',
      period: 1,
      status: 'approved',
      currency: 'EUR',
      scheduledCents: 50000000,
      reductionCents: 0,
      payableCents: 50000000,
      verifiedCents: 50000000,
      requestedById: applicant.id,
      requestedAt: DateTime.utc(),
      verifiedById: finance.id,
      verifiedAt: DateTime.utc(),
      approvedById: manager.id,
      approvedAt: DateTime.utc(),
    })

    // Ten posts repeat one key (a retried click); ten carry keys of their own.
    const keys = [
      ...Array.from({ length: 10 }, () => 'retried-key-0001'),
      ...Array.from({ length: 10 }, (_, n) => `distinct-key-${String(n).padStart(4, '0')}`),
    ]
    const responses = await Promise.all(
      keys.map((key) =>
        client
          .post(`/api/v1/payment-requests/${request.id}/payments`)
          .withGuard('api')
          .loginAs(recorder)
          .header('Idempotency-Key', key)
          .json({ valueDate: '2026-12-01', bankReference: 'BKT-RACE-1' })
      )
    )
    const statuses = responses.map((r) => r.status())
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`)
    assert.isTrue(
      statuses.every((s) => [200, 201, 409].includes(s)),
      statuses.join(',')
    )

    const payments = await Payment.query().where('payment_request_id', request.id)
    assert.lengthOf(payments, 1)
    const winner = responses.find((r) => r.status() === 201)!
    assert.equal(winner.body().data.id, payments[0].id)
    for (const replay of responses.filter((r) => r.status() === 200)) {
      assert.equal(replay.body().data.id, payments[0].id)
    }
    // Replays come only from the key that won.
    const winningKey = payments[0].idempotencyKey
    responses.forEach((response, index) => {
      if (response.status() === 200) assert.equal(keys[index], winningKey)
    })

    const disbursements = await LedgerEntry.query()
      .where('grant_id', grant.id)
      .where('kind', 'disbursement')
    assert.deepEqual(
      disbursements.map((e) => e.amountCents),
      [50000000]
    )
    const recorded = await AuditEvent.query()
      .where('action', 'payment.recorded')
      .where('subject_id', String(request.id))
    assert.lengthOf(recorded, 1)
    await request.refresh()
    assert.equal(request.status, 'paid')
  })
})
