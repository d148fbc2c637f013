import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Payment from '#models/payment'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { signIn, signOut } from '#tests/browser_session'

test.group('Browser: the payment path', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a tranche is requested, adjusted, approved and paid once by four different people', async ({
    visit,
    assert,
  }) => {
    const { grant } = await makeSignedGrant()
    const { applicant, finance, manager, recorder } = await paymentPeople(grant)
    const page = await visit('/login')
    page.on('dialog', (dialog) => dialog.accept())

    // The grantee sees the next tranche on the grant page and requests it.
    await signIn(page, applicant.email)
    await page.goto(page.url().replace('/dashboard', `/grants/${grant.id}`))
    await page.assertTextContains('[data-next-tranche]', '€500,000.00')
    await page.getByRole('button', { name: 'Request this tranche' }).click()
    await page.assertTextContains('[data-request-status]', 'Awaiting verification')
    const requestUrl = page.url()
    await signOut(page)

    // The finance officer finds it in the inbox on the dashboard and lowers it with a reason.
    await signIn(page, finance.email)
    await page
      .locator('[data-inbox-top] [data-task="tranche_verify"]', {
        hasText: `${grant.reference} · #1`,
      })
      .getByRole('link')
      .click()
    await page.getByLabel('Verified amount').fill('400 000,00')
    await page.getByLabel('Reason for an adjustment').fill('Bank guarantee covers 400 000')
    await page.getByRole('button', { name: 'Verify' }).click()
    await page.assertTextContains('[data-amount="verified"]', '€400,000.00')
    // The verifier is not offered the approval.
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0)
    await signOut(page)

    await signIn(page, manager.email)
    await page.goto(requestUrl)
    await page.getByRole('button', { name: 'Approve' }).click()
    await page.assertTextContains('[data-request-status]', 'Approved')
    await signOut(page)

    // The verifier is not offered the payment: the page says who records it.
    await signIn(page, finance.email)
    await page.goto(requestUrl)
    assert.equal(await page.getByRole('button', { name: 'Record the payment' }).count(), 0)
    await page.assertExists('[data-duty-refused="record"]')
    await signOut(page)

    // A second finance officer finds it in the requests waiting for them and records it.
    await signIn(page, recorder.email)
    await page.goto(requestUrl.replace(/\/payment-requests\/\d+$/, '/payment-requests'))
    await page.locator(`[data-step="record"] a`).first().click()
    await page.getByLabel('Value date').fill('2026-12-01')
    await page.getByLabel('Bank reference').fill('BKT-77-2026')
    await page.getByRole('button', { name: 'Record the payment' }).click()
    await page.assertTextContains('[data-request-status]', 'Paid')
    await page.assertTextContains('[data-payment]', 'BKT-77-2026')

    await page.goto(requestUrl.replace(/\/payment-requests\/\d+$/, `/grants/${grant.id}`))
    await page.assertTextContains('[data-paid-total]', '€400,000.00')
    const payments = await Payment.query().where('grant_id', grant.id)
    assert.deepEqual(
      payments.map((p) => [p.amountCents, p.recordedById]),
      [[40000000, recorder.id]]
    )
  })
})
