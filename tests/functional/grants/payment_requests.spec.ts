import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import LedgerEntry from '#models/ledger_entry'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import {
  addRole,
  approvedReport,
  makeSignedGrant,
  paidTranche,
  paymentPeople,
} from '#tests/grant_fixtures'
import { makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

const paymentBody = { valueDate: '2026-11-30', bankReference: 'BKT-2026-0001' }

test.group('Payment requests: the four-eyes path to exactly one payment', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('request, verify, approve and pay the initial pre-financing through the API', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, finance, manager, recorder } = await paymentPeople(grant)

    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    requested.assertStatus(201)
    const id = requested.body().data.id
    assert.equal(requested.body().data.kind, 'initial_prefinancing')
    // F1 = half the budget by days (365 of 730) → 526 315.79; × F/TEC = 500 000.00.
    assert.equal(requested.body().data.payableCents, 50000000)
    assert.isFalse(requested.body().data.held)

    const verified = await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({})
    verified.assertStatus(200)
    assert.equal(verified.body().data.verifiedCents, 50000000)

    const approved = await client
      .post(`/api/v1/payment-requests/${id}/approval`)
      .withGuard('api')
      .loginAs(manager)
    approved.assertStatus(200)
    assert.equal(approved.body().data.status, 'approved')

    const paid = await client
      .post(`/api/v1/payment-requests/${id}/payments`)
      .withGuard('api')
      .loginAs(recorder)
      .header('Idempotency-Key', 'pay-initial-0001')
      .json(paymentBody)
    paid.assertStatus(201)
    assert.equal(paid.body().data.amountCents, 50000000)

    const replay = await client
      .post(`/api/v1/payment-requests/${id}/payments`)
      .withGuard('api')
      .loginAs(recorder)
      .header('Idempotency-Key', 'pay-initial-0001')
      .json(paymentBody)
    replay.assertStatus(200)
    assert.equal(replay.body().data.id, paid.body().data.id)

    const other = await client
      .post(`/api/v1/payment-requests/${id}/payments`)
      .withGuard('api')
      .loginAs(recorder)
      .header('Idempotency-Key', 'pay-initial-0002')
      .json(paymentBody)
    other.assertStatus(409)

    assert.lengthOf(await Payment.query().where('payment_request_id', id), 1)
    const ledger = await LedgerEntry.query()
      .where('grant_id', grant.id)
      .where('kind', 'disbursement')
    assert.deepEqual(
      ledger.map((e) => e.amountCents),
      [50000000]
    )
    await grant.refresh()
    assert.equal(grant.status, 'in_implementation')

    const shown = await client.get(`/api/v1/grants/${grant.id}`).withGuard('api').loginAs(applicant)
    shown.assertStatus(200)
    assert.equal(shown.body().data.schedule[0].paidCents, 50000000)
    assert.equal(shown.body().data.paymentRequests[0].payment.bankReference, 'BKT-2026-0001')
    assert.equal(shown.body().data.ledger.disbursedCents, 50000000)
  })

  test('a payment needs an Idempotency-Key', async ({ client }) => {
    const { grant } = await makeSignedGrant()
    const { finance } = await paymentPeople(grant)
    const request = await PaymentRequest.create({
      grantId: grant.id,
      number: 1,
      kind: 'initial_prefinancing',
      period: 1,
      status: 'approved',
      currency: 'EUR',
      scheduledCents: 100,
      reductionCents: 0,
      payableCents: 100,
      requestedById: finance.id,
      requestedAt: DateTime.utc(),
    })
    const response = await client
      .post(`/api/v1/payment-requests/${request.id}/payments`)
      .withGuard('api')
      .loginAs(finance)
      .json(paymentBody)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'key' }] })
  })

  test('the requester or the verifier cannot approve (409)', async ({ client, assert }) => {
    const { grant, funder } = await makeSignedGrant()
    const { applicant, finance } = await paymentPeople(grant)
    // One person who is both finance officer and grant manager of the funder.
    await addRole(finance, funder, 'grant_manager')

    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    const id = requested.body().data.id
    await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({})
      .then((r) => r.assertStatus(200))

    const byVerifier = await client
      .post(`/api/v1/payment-requests/${id}/approval`)
      .withGuard('api')
      .loginAs(finance)
    byVerifier.assertStatus(409)
    byVerifier.assertBodyContains({
      errors: [
        {
          code: 'E_SEGREGATION_OF_DUTIES',
          message: 'You verified this tranche; a different grant manager approves it.',
        },
      ],
    })

    const byRequester = await client
      .post(`/api/v1/payment-requests/${id}/approval`)
      .withGuard('api')
      .loginAs(applicant)
    byRequester.assertStatus(403)

    const request = await PaymentRequest.findOrFail(id)
    assert.equal(request.status, 'verified')
    assert.isNull(request.approvedById)
  })

  test('the page shows the verifier that someone else approves', async ({ client }) => {
    const { grant, funder } = await makeSignedGrant()
    const { applicant, finance } = await paymentPeople(grant)
    await addRole(finance, funder, 'grant_manager')
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    const id = requested.body().data.id
    await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({})
    const page = await client.get(`/payment-requests/${id}`).loginAs(finance)
    page.assertStatus(200)
    page.assertTextIncludes('data-approval-waiting')
    page.assertTextIncludes('a different grant manager approves it')
  })

  test('each role finds its next step on the dashboard', async ({ client, assert }) => {
    const { grant, funder } = await makeSignedGrant()
    const { applicant, finance, manager } = await paymentPeople(grant)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    const id = requested.body().data.id
    const toVerify = await client.get('/dashboard').loginAs(finance)
    toVerify.assertTextIncludes(`href="/payment-requests/${id}"`)
    toVerify.assertTextIncludes('data-inbox-count="tranche_verify"')

    const both = await addRole(await makeMember(funder, 'finance_officer'), funder, 'grant_manager')
    await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(both)
      .json({})
    const toApprove = await client.get('/dashboard').loginAs(manager)
    toApprove.assertTextIncludes('data-inbox-count="tranche_approve"')
    // The verifier is not offered the approval of what they verified.
    const verifier = await client.get('/dashboard').loginAs(both)
    assert.notInclude(verifier.text(), 'data-inbox-count="tranche_approve"')
  })

  test('each hand-over is a notice to the people who act next', async ({ client, assert }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, finance } = await paymentPeople(grant)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    const id = requested.body().data.id
    const { default: Notification } = await import('#models/notification')
    const toFinance = await Notification.query().where('user_id', finance.id)
    assert.deepEqual(
      toFinance.map((n) => [n.kind, n.href]),
      [['tranche_requested', `/payment-requests/${id}`]]
    )
    await client
      .post(`/api/v1/payment-requests/${id}/return`)
      .withGuard('api')
      .loginAs(finance)
      .json({ comment: 'Attach the bank account certificate' })
    const page = await client.get('/notifications').loginAs(applicant)
    page.assertTextIncludes(`Tranche request 1 of ${grant.reference} was returned to you`)
  })

  test('a finance officer cannot verify more than payable, nor less without a reason', async ({
    client,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, finance } = await paymentPeople(grant)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    const id = requested.body().data.id
    const over = await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({ amountCents: 50000001 })
    over.assertStatus(409)
    const noReason = await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({ amountCents: 40000000 })
    noReason.assertStatus(409)
    const adjusted = await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({ amountCents: 40000000, reason: 'Bank guarantee covers 400 000 only' })
    adjusted.assertStatus(200)
    adjusted.assertBodyContains({
      data: { verifiedCents: 40000000, adjustmentReason: 'Bank guarantee covers 400 000 only' },
    })
  })

  test('a returned request goes back to the grantee and comes back recomputed', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, finance } = await paymentPeople(grant)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    const id = requested.body().data.id
    const returned = await client
      .post(`/api/v1/payment-requests/${id}/return`)
      .withGuard('api')
      .loginAs(finance)
      .json({ comment: 'Attach the bank account certificate' })
    returned.assertStatus(200)
    assert.equal(returned.body().data.status, 'returned')
    assert.equal(returned.body().data.returnComment, 'Attach the bank account certificate')

    const page = await client.get(`/payment-requests/${id}`).loginAs(applicant)
    page.assertTextIncludes('Attach the bank account certificate')
    const resubmitted = await client
      .post(`/payment-requests/${id}/resubmission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    resubmitted.assertStatus(302)
    const resent = await PaymentRequest.findOrFail(id)
    assert.equal(resent.status, 'requested')
  })

  test('further pre-financing needs the interim report and applies the 70 % rule', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, finance, manager } = await paymentPeople(grant)
    await paidTranche(grant, 1, 'initial_prefinancing', 45000000, finance)

    const early = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    early.assertStatus(409)
    assert.include(early.text(), 'interim report')

    await approvedReport(grant, 1, 35000000, 30000000, applicant, finance)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    requested.assertStatus(201)
    // DOMAIN-RULES §4 case A: E = 285 000.00 against a threshold of 315 000.00 → reduction 30 000.00.
    requested.assertBodyContains({
      data: {
        kind: 'further_prefinancing',
        period: 2,
        scheduledCents: 45000000,
        thresholdCents: 31500000,
        fundedExpenditureCents: 28500000,
        reductionCents: 3000000,
        payableCents: 42000000,
      },
    })
    const rule = requested
      .body()
      .data.conditions.find((c: { code: string }) => c.code === 'seventy_percent_rule')
    assert.isFalse(rule.met)
    assert.equal(rule.effect, 'info')
    const id = requested.body().data.id
    await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({})
    const approved = await client
      .post(`/api/v1/payment-requests/${id}/approval`)
      .withGuard('api')
      .loginAs(manager)
    approved.assertStatus(200)
  })

  test('a sub-grant tranche is held without a valid licence and cannot be approved', async ({
    client,
    assert,
  }) => {
    const lead = await makeSignedGrant()
    const shelter = await makeOrganisation('ngo', 'Shelter Without Licence')
    const mlsw = await makeOrganisation('ministry', 'MLSW')
    const official = await makeMember(mlsw, 'mlsw_official')
    // The licence expired before today (2026-11-28 in these tests is "now").
    await makeLicence(shelter, official, { issuedOn: '2023-01-01', validUntil: '2025-12-31' })
    const { grant } = await makeSignedGrant({
      funder: lead.grantee,
      grantee: shelter,
      parent: lead.grant,
      totalEligibleCents: 5000000,
      funderCents: 5000000,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      paymentOption: 'option_1',
    })
    const { applicant, finance, manager } = await paymentPeople(grant)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    requested.assertStatus(201)
    assert.isTrue(requested.body().data.held)
    assert.include(requested.body().data.heldReason, 'licence_valid')
    assert.equal(requested.body().data.payableCents, 4000000)
    const id = requested.body().data.id
    await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({})
      .then((r) => r.assertStatus(200))

    const refused = await client
      .post(`/api/v1/payment-requests/${id}/approval`)
      .withGuard('api')
      .loginAs(manager)
    refused.assertStatus(409)
    refused.assertBodyContains({ errors: [{ code: 'E_TRANCHE_HELD' }] })
    const stillVerified = await PaymentRequest.findOrFail(id)
    assert.equal(stillVerified.status, 'verified')

    // The MLSW grants a new licence; the hold lifts at approval.
    const today = DateTime.now().setZone('Europe/Belgrade').toISODate()!
    await makeLicence(shelter, official, {
      issuedOn: today,
      validUntil: DateTime.fromISO(today).plus({ years: 3 }).toISODate()!,
    })
    const approved = await client
      .post(`/api/v1/payment-requests/${id}/approval`)
      .withGuard('api')
      .loginAs(manager)
    approved.assertStatus(200)
    assert.isFalse(approved.body().data.held)
  })

  test('an NGO sees only its own grants (404 otherwise)', async ({ client, assert }) => {
    const mine = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Mine') })
    const theirs = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Theirs') })
    const me = await makeMember(mine.grantee, 'applicant')

    const list = await client.get('/api/v1/grants').withGuard('api').loginAs(me)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((g: { id: number }) => g.id),
      [mine.grant.id]
    )
    const other = await client.get(`/api/v1/grants/${theirs.grant.id}`).withGuard('api').loginAs(me)
    other.assertStatus(404)
    const page = await client.get(`/grants/${theirs.grant.id}`).loginAs(me)
    page.assertStatus(404)
    const request = await client
      .post(`/api/v1/grants/${theirs.grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(me)
    request.assertStatus(404)
  })

  test('the final balance is paid through the same path; the ledger adds up', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant({ status: 'in_implementation' })
    const { applicant, finance, manager, recorder } = await paymentPeople(grant)
    await paidTranche(grant, 1, 'initial_prefinancing', 45000000, finance)
    await paidTranche(grant, 2, 'further_prefinancing', 50000000, finance)
    // Interim report, then the end of implementation and the final report.
    await approvedReport(grant, 1, 50000000, 50000000, applicant, finance)
    await grant.merge({ status: 'implementation_ended' }).save()
    await approvedReport(grant, 2, 56000000, 55263158, applicant, finance)

    // Accepted 1 052 631.58 (all of TEC) → final contribution F = 1 000 000.00; paid 950 000.00 → balance 50 000.00.
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    requested.assertStatus(201)
    requested.assertBodyContains({ data: { kind: 'balance', payableCents: 5000000 } })
    const id = requested.body().data.id
    await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(finance)
      .json({})
    await client.post(`/api/v1/payment-requests/${id}/approval`).withGuard('api').loginAs(manager)
    const paid = await client
      .post(`/api/v1/payment-requests/${id}/payments`)
      .withGuard('api')
      .loginAs(recorder)
      .header('Idempotency-Key', 'balance-key-0001')
      .json(paymentBody)
    paid.assertStatus(201)
    await grant.refresh()
    assert.equal(grant.status, 'closed')
    const total = await db.from('payments').where('grant_id', grant.id).sum('amount_cents as s')
    assert.equal(Number(total[0].s), grant.funderCents)
  })

  test('overpayment becomes a recovery order; settling it closes the grant', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant({ status: 'implementation_ended' })
    const { applicant, finance, manager } = await paymentPeople(grant)
    await paidTranche(grant, 1, 'initial_prefinancing', 45000000, finance)
    for (const period of [1, 2]) {
      await grant
        .merge({ status: period === 2 ? 'implementation_ended' : 'in_implementation' })
        .save()
      await approvedReport(grant, period, 21052632, 21052632, applicant, finance)
    }
    // Accepted 421 052.64 × 95 % = 400 000.01 → final 400 000.01; paid 450 000.00 → recover 49 999.99.
    const balance = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    balance.assertStatus(409)
    assert.include(balance.text(), 'recovery order')

    const issued = await client
      .post(`/grants/${grant.id}/recovery-orders`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    issued.assertStatus(302)
    const order = await db.from('recovery_orders').where('grant_id', grant.id).firstOrFail()
    assert.equal(Number(order.amount_cents), 4999999)

    await client
      .post(`/recovery-orders/${order.id}/settlement`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
      .form({ settledOn: '2026-11-20', reference: 'RET-77' })
      .then((res) => res.assertStatus(302))
    await grant.refresh()
    assert.equal(grant.status, 'closed')
    const ledger = await LedgerEntry.query().where('grant_id', grant.id).orderBy('id')
    const sum = (kind: string) =>
      ledger.filter((e) => e.kind === kind).reduce((a, e) => a + e.amountCents, 0)
    // payments − recoveries = final contribution.
    assert.equal(sum('disbursement') - sum('recovery'), 40000001)
  })
})
