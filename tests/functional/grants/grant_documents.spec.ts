import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import i18nManager from '@adonisjs/i18n/services/main'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { GrantContracts } from '#actions/grants/grant_contracts'
import { formatMoney } from '#domain/money'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import AuditEvent from '#models/audit_event'
import Grant from '#models/grant'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import { grantFinances } from '#queries/grant_finances'
import { contributionShares, formatBasisPoints } from '#services/pdf/grant_contract'
import { paymentOrderPdf } from '#services/pdf/payment_order'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

/** A grant signed by both sides, from an award with lines under three headings. */
async function signedGrant() {
  const funder = await makeOrganisation('lead_grantee', 'Lead Funder')
  const manager = await makeMember(funder, 'grant_manager')
  const officer = await makeMember(funder, 'finance_officer')
  const call = await makeCall(funder, manager, { status: 'awarded' })
  const ngo = await makeOrganisation('ngo', 'Documented Shelter')
  const applicant = await makeMember(ngo, 'applicant')
  // Short fixed names: pdftotext wraps long ones inside a table cell.
  await manager.merge({ fullName: 'Mira Krasniqi' }).save()
  await officer.merge({ fullName: 'Ilir Berisha' }).save()
  await applicant.merge({ fullName: 'Arta Gashi' }).save()
  const application = await Application.create({
    callId: call.id,
    organisationId: ngo.id,
    status: 'awarded',
    title: 'Beds',
    currency: 'EUR',
    requestedCents: 5000000,
    fullRequestedCents: null,
    periodStartOn: DateTime.fromISO('2027-01-01'),
    periodEndOn: DateTime.fromISO('2028-06-30'),
    createdById: applicant.id,
    isEliminated: false,
  })
  await ApplicationBudgetLine.createMany([
    {
      applicationId: application.id,
      position: 0,
      heading: 'human_resources',
      label: 'Staff',
      unit: 'month',
      // 100 months: F over EUR 100 000 over 18 months, so option 2 with several tranches.
      quantityHundredths: 10000,
      unitCostCents: 200001,
    },
    {
      applicationId: application.id,
      position: 1,
      heading: 'equipment_supplies',
      label: 'Beds',
      unit: 'bed',
      quantityHundredths: 1250,
      unitCostCents: 33333,
    },
    {
      applicationId: application.id,
      position: 2,
      heading: 'indirect',
      label: 'Overheads',
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: 250000,
    },
  ])
  const contracts = new GrantContracts()
  const prepared = await contracts.createFromAward(application.id, manager, ip)
  await contracts.sign(prepared.id, 'grantee', applicant, ip)
  await contracts.sign(prepared.id, 'funder', manager, ip)
  const grant = await Grant.findOrFail(prepared.id)
  return { grant, manager, officer, applicant }
}

/** The first tranche requested, verified, approved and paid. */
async function paidFirstTranche(
  grant: Grant,
  people: Awaited<ReturnType<typeof signedGrant>>,
  amountCents: number
) {
  const request = await PaymentRequest.create({
    grantId: grant.id,
    number: 1,
    kind: 'initial_prefinancing',
    period: 1,
    expenseReportId: null,
    status: 'paid',
    currency: grant.currency,
    scheduledCents: amountCents,
    thresholdCents: null,
    fundedExpenditureCents: null,
    reductionCents: 0,
    payableCents: amountCents,
    verifiedCents: amountCents,
    adjustmentReason: null,
    returnComment: null,
    heldReason: null,
    requestedById: people.applicant.id,
    requestedAt: DateTime.fromISO('2027-01-10T09:00:00Z'),
    verifiedById: people.officer.id,
    verifiedAt: DateTime.fromISO('2027-01-11T09:00:00Z'),
    approvedById: people.manager.id,
    approvedAt: DateTime.fromISO('2027-01-12T09:00:00Z'),
    returnedById: null,
    returnedAt: null,
  })
  const payment = await Payment.create({
    paymentRequestId: request.id,
    grantId: grant.id,
    currency: grant.currency,
    amountCents,
    valueDate: DateTime.fromISO('2027-01-15'),
    bankReference: 'BKT-2027-0001',
    idempotencyKey: `pay-${request.id}`,
    recordedById: people.officer.id,
  })
  return { request, payment }
}

/** The planned amount of tranche 1, as the grant page shows it. */
async function firstPlannedCents(grant: Grant) {
  const finances = await grantFinances(grant)
  return finances.position.schedule[0].plannedCents
}

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pdf-'))
  const file = join(dir, 'document.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

test.group('Grant documents: contract summary and payment order', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the contract summary shows every figure as the page formats it', async ({
    client,
    assert,
  }) => {
    const people = await signedGrant()
    const { grant, applicant } = people
    const before = await grantFinances(grant)
    const first = before.position.schedule[0]
    await paidFirstTranche(grant, people, first.plannedCents)
    const finances = await grantFinances(grant)
    const schedule = finances.position.schedule
    assert.isAbove(schedule.length, 2)

    const response = await client.get(`/grants/${grant.id}/contract.pdf`).loginAs(applicant)

    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    const text = pdfText(response.body())
    const money = (cents: number) => formatMoney(cents, 'EUR')
    assert.include(text, grant.reference)
    assert.include(text, 'Documented Shelter')
    assert.include(text, 'Lead Funder')
    assert.include(text, '2027-01-01 – 2028-06-30')
    assert.include(text, money(grant.totalEligibleCents))
    assert.include(text, money(grant.funderCents))
    assert.include(text, money(grant.cofinancingCents))
    assert.equal(grant.funderCents + grant.cofinancingCents, grant.totalEligibleCents)
    const shares = contributionShares(grant.funderCents, grant.cofinancingCents)!
    assert.equal(shares.funder + shares.cofinancing, 10_000)
    assert.include(text, `${formatBasisPoints(shares.funder, 'en')} of the total eligible costs`)
    assert.include(text, 'Pre-financing cap: 90.00 % of the funder contribution')
    for (const row of schedule) {
      assert.include(text, money(row.plannedCents), `tranche ${row.number} planned`)
    }
    assert.equal(schedule[0].paidCents, first.plannedCents)
    const scheduleLines = text
      .split('\n')
      .filter((line) => /^\s*\d+\s+(Initial|Further|Balance)/.test(line))
    assert.lengthOf(scheduleLines, schedule.length)
    assert.match(
      scheduleLines[0],
      new RegExp(
        `${escape(money(first.plannedCents))}\\s+${escape(money(first.plannedCents))}\\s*$`
      )
    )
    assert.include(
      text,
      money(schedule.reduce((total, row) => total + row.plannedCents, 0)),
      'planned total'
    )
    // Budget by heading from the current lines: 100 × 2 000.01 and 12.5 × 333.33 (rounded).
    assert.include(text, money(20000100))
    assert.include(text, money(416663))
    assert.include(text, money(250000))
    assert.include(text, money(finances.lines.reduce((total, line) => total + line.totalCents, 0)))
    assert.include(text, applicant.fullName)
    assert.include(
      text,
      grant.granteeSignedAt!.setZone('Europe/Belgrade').toFormat('yyyy-MM-dd HH:mm')
    )
  })

  test('the payment order shows the amounts, the four-eyes path and the payment', async ({
    client,
    assert,
  }) => {
    const people = await signedGrant()
    const { grant, applicant, officer, manager } = people
    const planned = await firstPlannedCents(grant)
    const { request } = await paidFirstTranche(grant, people, planned)
    // Two accounts: the order names the primary one (ADR 0020).
    const { AddBankAccount } = await import('#actions/organisations/add_bank_account')
    await new AddBankAccount().handle(
      grant.granteeOrganisationId,
      { iban: 'XK051212012345678906', holderName: 'Documented Shelter', bankName: 'Raiffeisen' },
      null,
      null,
      ip
    )
    await new AddBankAccount().handle(
      grant.granteeOrganisationId,
      { iban: 'AL35202111090000000001234567', holderName: 'Documented Shelter', currency: 'ALL' },
      null,
      null,
      ip
    )

    const response = await client
      .get(`/payment-requests/${request.id}/order.pdf`)
      .loginAs(applicant)

    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    const text = pdfText(response.body())
    const money = (cents: number) => formatMoney(cents, 'EUR')
    assert.include(text, grant.reference)
    assert.include(text, 'Initial pre-financing')
    assert.match(text, new RegExp(`Payable\\s+${escape(money(planned))}`))
    assert.match(text, new RegExp(`Amount paid\\s+${escape(money(planned))}`))
    assert.match(text, new RegExp(`Reduction\\s+${escape(money(0))}`))
    assert.include(text, 'BKT-2027-0001')
    assert.include(text, 'XK05 1212 0123 4567 8906')
    assert.notInclude(text, 'AL35')
    assert.include(text, '2027-01-15')
    assert.include(text, `${applicant.fullName}, 2027-01-10 10:00 (Kosovo time)`)
    assert.include(text, `${officer.fullName}, 2027-01-11 10:00`)
    assert.include(text, `${manager.fullName}, 2027-01-12 10:00`)
  })

  test('the payment order lists each release condition with its outcome and figures', async ({
    assert,
  }) => {
    const people = await signedGrant()
    const { grant } = people
    const planned = await firstPlannedCents(grant)
    const { request, payment } = await paidFirstTranche(grant, people, planned)
    await grant.load((loader) => loader.load('grantee').load('funder'))
    request.merge({
      kind: 'further_prefinancing',
      period: 2,
      reductionCents: 3000000,
      verifiedById: null,
      verifiedAt: null,
      approvedById: null,
      approvedAt: null,
      conditions: [
        { code: 'grant_running', met: true, effect: 'refuse', detail: { status: 'signed' } },
        { code: 'reports_approved', met: false, effect: 'refuse', detail: { missing: [1, 2] } },
        {
          code: 'no_outstanding_recovery',
          met: true,
          effect: 'hold',
          detail: { outstandingCents: 0 },
        },
        {
          code: 'seventy_percent_rule',
          met: false,
          effect: 'info',
          detail: { reductionCents: 3000000 },
        },
      ],
    })

    const pdf = await paymentOrderPdf(
      {
        grant,
        request,
        payment,
        people: { requestedBy: people.applicant, verifiedBy: null, approvedBy: null },
      },
      i18nManager.locale('en')
    )

    const text = pdfText(pdf)
    assert.match(
      text,
      /The state of the grant allows the tranche\s+met\s+stops the request\s+Grant status: Signed/
    )
    assert.match(
      text,
      /Reports of the earlier periods approved\s+not met\s+stops the request\s+Periods missing: 1, 2/
    )
    assert.match(text, /No recovery outstanding\s+met\s+holds the payment\s+Outstanding: €0\.00/)
    assert.match(text, /70 % of the earlier payments spent\s+not met/)
    assert.include(text, 'Reduction: €30,000.00')
    assert.include(text, 'Further pre-financing')
    assert.match(text, /Verified by the finance officer\s+not yet/)
  })

  test('labels follow the reader’s language; figures stay those of formatMoney', async ({
    client,
    assert,
  }) => {
    const people = await signedGrant()
    const { grant, applicant } = people

    const response = await client
      .get(`/grants/${grant.id}/contract.pdf`)
      .header('accept-language', 'sq')
      .loginAs(applicant)

    response.assertStatus(200)
    const text = pdfText(response.body()).replace(/[\u00a0\u202f]/g, ' ')
    assert.include(text, 'Përmbledhje e kontratës së grantit')
    assert.include(
      text,
      formatMoney(grant.funderCents, 'EUR', 'sq').replace(/[\u00a0\u202f]/g, ' ')
    )
  })

  test('an unrelated NGO gets 404 for both documents', async ({ client }) => {
    const people = await signedGrant()
    const planned = await firstPlannedCents(people.grant)
    const { request } = await paidFirstTranche(people.grant, people, planned)
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    const contract = await client.get(`/grants/${people.grant.id}/contract.pdf`).loginAs(outsider)
    contract.assertStatus(404)
    const order = await client.get(`/payment-requests/${request.id}/order.pdf`).loginAs(outsider)
    order.assertStatus(404)
    const missing = await client.get(`/payment-requests/999999/order.pdf`).loginAs(outsider)
    missing.assertStatus(404)
  })
})

test.group('Grant documents: EU visibility', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the grant PDFs say "Funded by the European Union", in the reader\'s language', async ({
    client,
    assert,
  }) => {
    const people = await signedGrant()
    const planned = await firstPlannedCents(people.grant)
    const { request } = await paidFirstTranche(people.grant, people, planned)

    const contract = await client
      .get(`/grants/${people.grant.id}/contract.pdf`)
      .loginAs(people.applicant)
    contract.assertStatus(200)
    const text = pdfText(contract.body())
    assert.include(text, 'Funded by the European Union')
    assert.notInclude(text, 'CONFIDENTIAL')

    const order = await client
      .get(`/payment-requests/${request.id}/order.pdf`)
      .header('accept-language', 'sq')
      .loginAs(people.applicant)
    order.assertStatus(200)
    assert.include(pdfText(order.body()), 'Financuar nga Bashkimi Evropian')
  })

  test("the funder's grant manager marks the documents confidential: no emblem, a confidentiality mark, audited", async ({
    client,
    assert,
  }) => {
    const people = await signedGrant()
    const reason = 'The contract names the town of the shelter.'

    const saved = await client
      .post(`/grants/${people.grant.id}/visibility`)
      .form({ visibility: 'confidential', reason })
      .withCsrfToken()
      .loginAs(people.manager)
      .redirects(0)
    saved.assertStatus(302)

    const grant = await Grant.findOrFail(people.grant.id)
    assert.isTrue(grant.documentsConfidential)
    assert.equal(grant.documentsConfidentialReason, reason)
    const event = await AuditEvent.query()
      .where('action', 'grant.document_visibility_set')
      .where('subject_id', String(grant.id))
      .firstOrFail()
    assert.equal(event.actorId, people.manager.id)
    assert.deepEqual(event.before, { confidential: false, reason: null })
    assert.deepEqual(event.after, { confidential: true, reason })

    const contract = await client.get(`/grants/${grant.id}/contract.pdf`).loginAs(people.applicant)
    const text = pdfText(contract.body())
    assert.include(text, 'CONFIDENTIAL: this document would reveal a shelter')
    assert.notInclude(text, 'Funded by the European Union')

    const page = await client.get(`/grants/${grant.id}`).loginAs(people.applicant)
    page.assertStatus(200)
    assert.include(page.text(), 'data-document-visibility="confidential"')
    assert.notInclude(page.text(), `action="/grants/${grant.id}/visibility"`)

    const api = await client
      .put(`/api/v1/grants/${grant.id}/visibility`)
      .json({ confidential: false })
      .withGuard('api')
      .loginAs(people.manager)
    api.assertStatus(200)
    assert.deepEqual(api.body().data, { confidential: false, reason: null })
    await grant.refresh()
    assert.isFalse(grant.documentsConfidential)
    const shown = await client
      .get(`/api/v1/grants/${grant.id}`)
      .withGuard('api')
      .loginAs(people.applicant)
    assert.deepEqual(shown.body().data.documentVisibility, { confidential: false, reason: null })
  })

  test('the grantee cannot change the mark, and a confidential mark needs a reason', async ({
    client,
    assert,
  }) => {
    const people = await signedGrant()

    const web = await client
      .post(`/grants/${people.grant.id}/visibility`)
      .form({ visibility: 'confidential', reason: 'We would rather not show the emblem.' })
      .withCsrfToken()
      .loginAs(people.applicant)
      .redirects(0)
    // A refused form goes back with the refusal as a message.
    web.assertStatus(302)
    const api = await client
      .put(`/api/v1/grants/${people.grant.id}/visibility`)
      .json({ confidential: true, reason: 'We would rather not show the emblem.' })
      .withGuard('api')
      .loginAs(people.applicant)
    api.assertStatus(403)
    const withoutReason = await client
      .put(`/api/v1/grants/${people.grant.id}/visibility`)
      .json({ confidential: true })
      .withGuard('api')
      .loginAs(people.manager)
    withoutReason.assertStatus(422)
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')
    const foreign = await client
      .put(`/api/v1/grants/${people.grant.id}/visibility`)
      .json({ confidential: false })
      .withGuard('api')
      .loginAs(outsider)
    foreign.assertStatus(404)

    const grant = await Grant.findOrFail(people.grant.id)
    assert.isFalse(grant.documentsConfidential)
    const events = await AuditEvent.query()
      .where('action', 'grant.document_visibility_set')
      .where('subject_id', String(grant.id))
    assert.lengthOf(events, 0)
  })
})

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
