import type { ApiClient } from '@japa/api-client'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import ExpenseReport from '#models/expense_report'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'
import { addRole, makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { makeMember } from '#tests/helpers'

const body = { valueDate: '2026-11-30', bankReference: 'BKT-2026-0042' }

/** A signed grant, its four people, and a request already approved by them. */
async function approvedRequest() {
  const { grant, funder, grantee } = await makeSignedGrant()
  const people = await paymentPeople(grant)
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
    requestedById: people.applicant.id,
    requestedAt: DateTime.utc(),
    verifiedById: people.finance.id,
    verifiedAt: DateTime.utc(),
    approvedById: people.manager.id,
    approvedAt: DateTime.utc(),
  })
  return { grant, funder, grantee, request, ...people }
}

function payByApi(client: ApiClient, requestId: number, user: User, key: string, json = body) {
  return client
    .post(`/api/v1/payment-requests/${requestId}/payments`)
    .withGuard('api')
    .loginAs(user)
    .header('Idempotency-Key', key)
    .json(json)
}

test.group('Segregation of duties on the payment path (API)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the verifier cannot record the payment (409)', async ({ client, assert }) => {
    const { request, finance } = await approvedRequest()
    const response = await payByApi(client, request.id, finance, 'verifier-pays-0001')
    response.assertStatus(409)
    response.assertBodyContains({
      errors: [
        {
          code: 'E_SEGREGATION_OF_DUTIES',
          message:
            'You verified this tranche; a finance officer who neither verified nor approved it records the payment.',
        },
      ],
    })
    assert.lengthOf(await Payment.query().where('payment_request_id', request.id), 0)
    await request.refresh()
    assert.equal(request.status, 'approved')
  })

  test('the approver cannot record the payment, even holding the finance role (409)', async ({
    client,
    assert,
  }) => {
    const { request, funder, manager } = await approvedRequest()
    await addRole(manager, funder, 'finance_officer')
    const response = await payByApi(client, request.id, manager, 'approver-pays-0001')
    response.assertStatus(409)
    response.assertBodyContains({ errors: [{ code: 'E_SEGREGATION_OF_DUTIES' }] })
    assert.lengthOf(await Payment.query().where('payment_request_id', request.id), 0)
  })

  test('the message follows Accept-Language (sq, sr)', async ({ client }) => {
    const { request, finance } = await approvedRequest()
    const sq = await payByApi(client, request.id, finance, 'verifier-pays-0002').header(
      'Accept-Language',
      'sq'
    )
    sq.assertStatus(409)
    sq.assertTextIncludes('Ju e keni verifikuar këtë këst')
    const sr = await payByApi(client, request.id, finance, 'verifier-pays-0003').header(
      'Accept-Language',
      'sr-Latn'
    )
    sr.assertTextIncludes('Vi ste verifikovali ovu tranšu')
  })

  test('a fourth person records the payment (201)', async ({ client, assert }) => {
    const { request, recorder } = await approvedRequest()
    const response = await payByApi(client, request.id, recorder, 'fourth-person-0001')
    response.assertStatus(201)
    const payment = await Payment.findByOrFail('payment_request_id', request.id)
    assert.equal(payment.recordedById, recorder.id)
  })

  test('the requester cannot verify (409), even holding the finance role', async ({
    client,
    assert,
  }) => {
    const { grant, funder } = await makeSignedGrant()
    const { applicant } = await paymentPeople(grant)
    await addRole(applicant, funder, 'finance_officer')
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    requested.assertStatus(201)
    const id = requested.body().data.id
    const verified = await client
      .post(`/api/v1/payment-requests/${id}/verification`)
      .withGuard('api')
      .loginAs(applicant)
      .json({})
    verified.assertStatus(409)
    verified.assertBodyContains({
      errors: [
        {
          code: 'E_SEGREGATION_OF_DUTIES',
          message: 'You requested this tranche; another person verifies it.',
        },
      ],
    })
    const stored = await PaymentRequest.findOrFail(id)
    assert.equal(stored.status, 'requested')
    assert.isNull(stored.verifiedById)
  })

  test('the same key with the same body answers the same payment (200)', async ({
    client,
    assert,
  }) => {
    const { request, recorder } = await approvedRequest()
    const first = await payByApi(client, request.id, recorder, 'same-body-0001')
    first.assertStatus(201)
    // The same body with its keys in another order is the same request.
    const again = await payByApi(client, request.id, recorder, 'same-body-0001', {
      bankReference: body.bankReference,
      valueDate: body.valueDate,
    })
    again.assertStatus(200)
    assert.deepEqual(again.body(), first.body())
    assert.lengthOf(await Payment.query().where('payment_request_id', request.id), 1)
  })

  test('the same key with another body is refused (422 E_IDEMPOTENCY_KEY_REUSED)', async ({
    client,
    assert,
  }) => {
    const { request, recorder } = await approvedRequest()
    const first = await payByApi(client, request.id, recorder, 'other-body-0001')
    first.assertStatus(201)
    const changed = await payByApi(client, request.id, recorder, 'other-body-0001', {
      ...body,
      bankReference: 'BKT-2026-9999',
    })
    changed.assertStatus(422)
    changed.assertBodyContains({ errors: [{ code: 'E_IDEMPOTENCY_KEY_REUSED' }] })
    const payments = await Payment.query().where('payment_request_id', request.id)
    assert.lengthOf(payments, 1)
    assert.equal(payments[0].bankReference, 'BKT-2026-0042')
  })

  test('a key already used for another request is refused (422)', async ({ client, assert }) => {
    const one = await approvedRequest()
    const two = await approvedRequest()
    await payByApi(client, one.request.id, one.recorder, 'shared-key-0001').then((r) =>
      r.assertStatus(201)
    )
    const reused = await payByApi(client, two.request.id, two.recorder, 'shared-key-0001')
    reused.assertStatus(422)
    reused.assertBodyContains({ errors: [{ code: 'E_IDEMPOTENCY_KEY_REUSED' }] })
    assert.lengthOf(await Payment.query().where('payment_request_id', two.request.id), 0)
  })

  test('the finance officers who take no earlier step are told to pay, the verifier is not', async ({
    client,
    assert,
  }) => {
    const { grant, funder } = await makeSignedGrant()
    const { applicant, finance, manager, recorder } = await paymentPeople(grant)
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
    const approverWithFinanceRole = await addRole(manager, funder, 'finance_officer')
    await client
      .post(`/api/v1/payment-requests/${id}/approval`)
      .withGuard('api')
      .loginAs(approverWithFinanceRole)
      .then((r) => r.assertStatus(200))

    const { default: Notification } = await import('#models/notification')
    const toPay = await Notification.query().where('kind', 'tranche_to_pay')
    assert.deepEqual(
      toPay.map((n) => n.userId),
      [recorder.id]
    )

    const recorderBoard = await client.get('/dashboard').loginAs(recorder)
    recorderBoard.assertTextIncludes('data-inbox-count="tranche_pay"')
    const verifierBoard = await client.get('/dashboard').loginAs(finance)
    assert.notInclude(verifierBoard.text(), 'data-inbox-count="tranche_pay"')
    const approverBoard = await client.get('/dashboard').loginAs(manager)
    assert.notInclude(approverBoard.text(), 'data-inbox-count="tranche_pay"')

    const queue = await client.get('/payment-requests').loginAs(recorder)
    queue.assertStatus(200)
    queue.assertTextIncludes(`href="/payment-requests/${id}"`)
    const verifierQueue = await client.get('/payment-requests').loginAs(finance)
    assert.notInclude(verifierQueue.text(), `href="/payment-requests/${id}"`)
  })
})

test.group('Segregation of duties on the payment path (web)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the verifier is not offered the payment and cannot post it', async ({ client, assert }) => {
    const { request, finance } = await approvedRequest()
    const page = await client.get(`/payment-requests/${request.id}`).loginAs(finance)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'data-pay-form')
    page.assertTextIncludes('data-duty-refused="record"')

    const posted = await client
      .post(`/payment-requests/${request.id}/payments`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
      .form({ ...body, idempotencyKey: 'web-verifier-0001' })
    posted.assertStatus(302)
    posted.assertFlashMessage(
      'error',
      'You verified this tranche; a finance officer who neither verified nor approved it records the payment.'
    )
    assert.lengthOf(await Payment.query().where('payment_request_id', request.id), 0)
  })

  test('the approver holding the finance role is not offered the payment and cannot post it', async ({
    client,
    assert,
  }) => {
    const { request, funder, manager, recorder } = await approvedRequest()
    await addRole(manager, funder, 'finance_officer')
    const page = await client.get(`/payment-requests/${request.id}`).loginAs(manager)
    assert.notInclude(page.text(), 'data-pay-form')
    const posted = await client
      .post(`/payment-requests/${request.id}/payments`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
      .form({ ...body, idempotencyKey: 'web-approver-0001' })
    posted.assertStatus(302)
    assert.lengthOf(await Payment.query().where('payment_request_id', request.id), 0)

    const offered = await client.get(`/payment-requests/${request.id}`).loginAs(recorder)
    offered.assertTextIncludes('data-pay-form')
  })

  test('the requester holding the finance role is not offered the verification (sq)', async ({
    client,
    assert,
  }) => {
    const { grant, funder } = await makeSignedGrant()
    const { applicant } = await paymentPeople(grant)
    await addRole(applicant, funder, 'finance_officer')
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/payment-requests`)
      .withGuard('api')
      .loginAs(applicant)
    const id = requested.body().data.id
    const page = await client
      .get(`/payment-requests/${id}`)
      .header('Accept-Language', 'sq')
      .loginAs(applicant)
    assert.notInclude(page.text(), 'data-verify-form')
    page.assertTextIncludes('Ju e keni kërkuar këtë këst')
    const posted = await client
      .post(`/payment-requests/${id}/verification`)
      .header('Accept-Language', 'sq')
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
      .form({})
    posted.assertStatus(302)
    posted.assertFlashMessage(
      'error',
      'Ju e keni kërkuar këtë këst; një person tjetër e verifikon.'
    )
    const stored = await PaymentRequest.findOrFail(id)
    assert.equal(stored.status, 'requested')
  })

  test('a form posted twice pays once; the same key with another body is refused', async ({
    client,
    assert,
  }) => {
    const { request, recorder } = await approvedRequest()
    const form = { ...body, idempotencyKey: 'web-double-0001' }
    for (let n = 0; n < 2; n++) {
      const posted = await client
        .post(`/payment-requests/${request.id}/payments`)
        .loginAs(recorder)
        .withCsrfToken()
        .redirects(0)
        .form(form)
      posted.assertStatus(302)
      posted.assertFlashMessage('success', 'The payment was recorded.')
    }
    const changed = await client
      .post(`/payment-requests/${request.id}/payments`)
      .loginAs(recorder)
      .withCsrfToken()
      .redirects(0)
      .form({ ...form, bankReference: 'BKT-OTHER-1' })
    changed.assertStatus(302)
    changed.assertFlashMessage(
      'error',
      'This Idempotency-Key was already used with another request body or for another payment; send a new key.'
    )
    assert.lengthOf(await Payment.query().where('payment_request_id', request.id), 1)
  })
})

test.group('Segregation of duties on expense reports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function reportWithAdmittedLine() {
    const { grant, funder } = await makeSignedGrant()
    const { applicant, finance } = await paymentPeople(grant)
    const { default: GrantBudgetLine } = await import('#models/grant_budget_line')
    const { OpenExpenseReport } = await import('#actions/reports/open_expense_report')
    const { AddExpenseLines } = await import('#actions/reports/add_expense_lines')
    const { SubmitExpenseReport } = await import('#actions/reports/submit_expense_report')
    const { AdmitExpenseLine } = await import('#actions/reports/admit_expense_line')
    const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, '127.0.0.1')
    const budgetLine = await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
    const [line] = await new AddExpenseLines().handle(
      report.id,
      [
        {
          spentOn: '2026-03-01',
          supplier: 'Supplier',
          description: 'Food',
          budgetLineId: budgetLine.id,
          standard: 'MS-02',
          amountCents: 100000,
          currency: 'EUR',
          rateMicro: null,
          rateSource: null,
          vat: 'exempt',
          receiptNumber: 'R-1',
          supplierCountry: 'XK',
        },
      ],
      applicant,
      '127.0.0.1'
    )
    await new SubmitExpenseReport().handle(report.id, applicant, '127.0.0.1')
    await new AdmitExpenseLine().handle(line.id, 100000, null, finance, '127.0.0.1')
    const other = await makeMember(funder, 'finance_officer')
    return { report, finance, other }
  }

  test('the admitter cannot approve the report (API 409); another finance officer can', async ({
    client,
    assert,
  }) => {
    const { report, finance, other } = await reportWithAdmittedLine()
    const refused = await client
      .post(`/api/v1/expense-reports/${report.id}/approval`)
      .withGuard('api')
      .loginAs(finance)
    refused.assertStatus(409)
    refused.assertBodyContains({
      errors: [
        {
          code: 'E_SEGREGATION_OF_DUTIES',
          message: 'You admitted lines of this report; another finance officer approves it.',
        },
      ],
    })
    await report.refresh()
    assert.equal(report.status, 'under_verification')
    assert.isNull(report.decidedById)

    const approved = await client
      .post(`/api/v1/expense-reports/${report.id}/approval`)
      .withGuard('api')
      .loginAs(other)
    approved.assertStatus(200)
    const stored = await ExpenseReport.findOrFail(report.id)
    assert.equal(stored.status, 'approved')
    assert.equal(stored.decidedById, other.id)
  })

  test('the admitter is not offered the approval on the page and cannot post it', async ({
    client,
    assert,
  }) => {
    const { report, finance, other } = await reportWithAdmittedLine()
    const page = await client.get(`/expense-reports/${report.id}`).loginAs(finance)
    assert.notInclude(page.text(), 'data-approve-report')
    page.assertTextIncludes('data-duty-refused="approve_report"')
    const posted = await client
      .post(`/expense-reports/${report.id}/approval`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
    posted.assertStatus(302)
    posted.assertFlashMessage(
      'error',
      'You admitted lines of this report; another finance officer approves it.'
    )
    await report.refresh()
    assert.equal(report.status, 'under_verification')
    const offered = await client.get(`/expense-reports/${report.id}`).loginAs(other)
    offered.assertTextIncludes('data-approve-report')
  })
})

test.group('Segregation of duties in the demo data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('paid tranches went through four people at both levels; the open one can be walked to the end', async ({
    client,
    assert,
  }) => {
    const { DemoData } = await import('#database/seeders/demo_data')
    const { default: Grant } = await import('#models/grant')
    const { default: User } = await import('#models/user')
    await new DemoData().load()
    const person = async (email: string) => {
      const user = await User.findByOrFail('email', email)
      await user.loadMemberships()
      return user
    }

    const paid = await PaymentRequest.query().where('status', 'paid').orderBy('id')
    assert.lengthOf(paid, 2)
    for (const request of paid) {
      const payment = await Payment.findByOrFail('payment_request_id', request.id)
      const people = [
        request.requestedById,
        request.verifiedById,
        request.approvedById,
        payment.recordedById,
      ]
      assert.equal(new Set(people).size, 4, `request ${request.id}: ${people.join(',')}`)
    }
    const approvedReport = await ExpenseReport.query()
      .where('status', 'approved')
      .whereHas('grant', (g) => g.whereNotNull('parent_grant_id'))
      .preload('lines')
      .firstOrFail()
    assert.isNotNull(approvedReport.decidedById)
    assert.isFalse(
      approvedReport.lines.some((line) => line.decidedById === approvedReport.decidedById)
    )

    // EU level: lead@ requested, eu-finance@ verified; manager@ approves, eu-finance2@ records.
    const lead = await Grant.query().whereNull('parent_grant_id').firstOrFail()
    const open = await PaymentRequest.query()
      .where('grant_id', lead.id)
      .where('status', 'verified')
      .firstOrFail()
    await client
      .post(`/api/v1/payment-requests/${open.id}/approval`)
      .withGuard('api')
      .loginAs(await person('manager@demo.test'))
      .then((r) => r.assertStatus(200))
    const byVerifier = await payByApi(
      client,
      open.id,
      await person('eu-finance@demo.test'),
      'demo-verifier-0001'
    )
    byVerifier.assertStatus(409)
    const recorded = await payByApi(
      client,
      open.id,
      await person('eu-finance2@demo.test'),
      'demo-recorder-0001'
    )
    recorded.assertStatus(201)
  })
})

test.group('Segregation of duties in the OpenAPI document', () => {
  test('each step names its role and documents the 409 and 422 refusals', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    const document = response.body()
    const post = (path: string) => document.paths[path].post
    assert.include(post('/grants/{id}/payment-requests').summary, 'Step 1 of 4, by the grantee')
    assert.include(post('/payment-requests/{id}/verification').summary, 'finance officer')
    assert.include(
      post('/payment-requests/{id}/verification').responses['409'].description,
      'E_SEGREGATION_OF_DUTIES'
    )
    assert.include(post('/payment-requests/{id}/approval').summary, 'grant manager')
    assert.include(
      post('/payment-requests/{id}/approval').responses['409'].description,
      'E_SEGREGATION_OF_DUTIES'
    )
    const pay = post('/payment-requests/{id}/payments')
    assert.include(pay.summary, 'neither requested, verified nor approved')
    assert.include(pay.responses['409'].description, 'E_SEGREGATION_OF_DUTIES')
    assert.include(pay.responses['422'].description, 'E_IDEMPOTENCY_KEY_REUSED')
    assert.include(
      post('/expense-reports/{id}/approval').responses['409'].description,
      'E_SEGREGATION_OF_DUTIES'
    )
  })
})
