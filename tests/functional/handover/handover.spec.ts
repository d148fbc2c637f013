import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type Grant from '#models/grant'
import HandoverCommitment from '#models/handover_commitment'
import HandoverTransfer from '#models/handover_transfer'
import LedgerEntry from '#models/ledger_entry'
import Payment from '#models/payment'
import PaymentRequest from '#models/payment_request'
import type User from '#models/user'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { fileWith, makeLicence, makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

/** A payment of a grant on `valueDate`, with its request and ledger row, as the payment path leaves them. */
async function payment(grant: Grant, number: number, cents: number, valueDate: string, by: User) {
  const request = await PaymentRequest.create({
    grantId: grant.id,
    number,
    kind: number === 1 ? 'initial_prefinancing' : 'further_prefinancing',
    period: number,
    status: 'paid',
    currency: 'EUR',
    scheduledCents: cents,
    reductionCents: 0,
    payableCents: cents,
    requestedById: by.id,
    requestedAt: DateTime.utc(),
  })
  const paid = await Payment.create({
    paymentRequestId: request.id,
    grantId: grant.id,
    currency: 'EUR',
    amountCents: cents,
    valueDate: DateTime.fromISO(valueDate),
    bankReference: `B-${grant.id}-${number}`,
    idempotencyKey: `handover-${grant.id}-${number}`,
    recordedById: by.id,
  })
  await LedgerEntry.create({
    grantId: grant.id,
    kind: 'disbursement',
    currency: 'EUR',
    amountCents: cents,
    bookedOn: paid.valueDate,
    paymentId: paid.id,
    recoveryOrderId: null,
    description: `Tranche ${number}`,
    createdById: by.id,
  })
  return paid
}

/**
 * Two shelter NGOs with a sub-grant each under one lead grant (starting
 * 2025), a third NGO running two shelters, an MLSW official, the shelters'
 * own people and a grant manager of the funder.
 */
async function world() {
  const ministry = await makeOrganisation('ministry', 'Ministry of Labour and Social Welfare')
  const official = await makeMember(ministry, 'mlsw_official')
  const {
    grant: lead,
    grantee: leadGrantee,
    creator: euManager,
  } = await makeSignedGrant({
    startsOn: '2025-03-01',
    endsOn: '2028-02-29',
  })
  const ngoA = await makeOrganisation('ngo', 'Shelter NGO A')
  const ngoB = await makeOrganisation('ngo', 'Shelter NGO B')
  const ngoC = await makeOrganisation('ngo', 'Shelter NGO C')
  const shelterA = await makeShelter(ngoA, 'Shelter A')
  const shelterB = await makeShelter(ngoB, 'Shelter B')
  const shelterC1 = await makeShelter(ngoC, 'Shelter C1')
  const shelterC2 = await makeShelter(ngoC, 'Shelter C2')
  await shelterC2.merge({ capacityBeds: 7 }).save()
  const subGrant = async (grantee: typeof ngoA) => {
    const made = await makeSignedGrant({
      parent: lead,
      funder: leadGrantee,
      grantee,
      totalEligibleCents: 5263158,
      funderCents: 5000000,
      startsOn: '2025-06-01',
      endsOn: '2027-05-31',
    })
    return made.grant
  }
  const [subA, subB, subC] = [await subGrant(ngoA), await subGrant(ngoB), await subGrant(ngoC)]
  const applicantA = await makeMember(ngoA, 'applicant')
  const applicantB = await makeMember(ngoB, 'applicant')
  return {
    ministry,
    official,
    lead,
    euManager,
    ngoA,
    shelterA,
    shelterB,
    shelterC1,
    shelterC2,
    subA,
    subB,
    subC,
    applicantA,
    applicantB,
  }
}

const commitmentFields = {
  year: '2026',
  funderName: 'Ministry of Finance, Labour and Transfers',
  referenceKind: 'budget_law',
  budgetReference: 'Budget Law 2026, art. 12, line 21400',
  committedOn: '2026-01-05',
  amount: '30 000,00',
}

test.group('Handover plan: commitments and transfers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only MLSW officials record commitments (403 for the shelter and the grant manager)', async ({
    client,
    assert,
  }) => {
    const { official, shelterA, applicantA, euManager } = await world()
    for (const user of [applicantA, euManager]) {
      const refused = await client
        .post(`/handover/shelters/${shelterA.id}/commitments`)
        .fields(commitmentFields)
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
      refused.assertStatus(403)
    }
    const none = await HandoverCommitment.all()
    assert.equal(none.length, 0)

    const response = await client
      .post(`/handover/shelters/${shelterA.id}/commitments`)
      .fields(commitmentFields)
      .file('evidence', await fileWith('budget-law.pdf', Buffer.from('%PDF-1.7\n%%EOF\n')))
      .loginAs(official)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/handover/shelters/${shelterA.id}?year=2026`)
    const commitment = await HandoverCommitment.findByOrFail('shelter_id', shelterA.id)
    assert.equal(commitment.amountCents, 3000000)
    assert.equal(commitment.funderName, 'Ministry of Finance, Labour and Transfers')
    assert.isNotNull(commitment.evidenceFileKey)
    const event = await db
      .from('audit_events')
      .where({ action: 'handover.commitment_recorded', actor_id: official.id })
      .first()
    assert.include(event.after_json, 'Budget Law 2026')

    // The shelter's own people may read the evidence; another NGO may not.
    const evidence = await client
      .get(`/handover/commitments/${commitment.id}/evidence`)
      .loginAs(applicantA)
    evidence.assertStatus(200)
  })

  test('only MLSW officials record transfers; a transfer never exceeds its commitment', async ({
    client,
    assert,
  }) => {
    const { official, shelterA, applicantA, euManager } = await world()
    const commitment = await HandoverCommitment.create({
      shelterId: shelterA.id,
      year: 2026,
      funderOrganisationId: null,
      funderName: 'Ministry of Justice',
      referenceKind: 'decision',
      budgetReference: 'Decision 01/2026',
      committedOn: DateTime.fromISO('2026-01-05'),
      currency: 'EUR',
      amountCents: 3000000,
      recordedById: official.id,
    })
    const transfer = (user: User, amount: string) =>
      client
        .post(`/handover/commitments/${commitment.id}/transfers`)
        .fields({ transferredOn: '2026-01-20', amount, reference: 'TRX-1' })
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)

    for (const user of [applicantA, euManager]) {
      const refused = await client
        .post(`/handover/commitments/${commitment.id}/transfers`)
        .fields({ transferredOn: '2026-01-20', amount: '1 000,00' })
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
      refused.assertStatus(403)
      // The form itself is sent back with the refusal.
      const back = await transfer(user, '1 000,00')
      back.assertFlashMessage('error', 'Access denied')
    }
    const noTransfer = await HandoverTransfer.all()
    assert.equal(noTransfer.length, 0)

    const ok = await transfer(official, '20 000,00')
    ok.assertStatus(302)
    const over = await transfer(official, '10 000,01')
    over.assertStatus(302)
    over.assertFlashMessage(
      'error',
      'The transfers would exceed the commitment; record a further commitment first.'
    )
    const rows = await HandoverTransfer.query().where('commitment_id', commitment.id)
    assert.deepEqual(
      rows.map((r) => [r.amountCents, r.year, r.shelterId]),
      [[2000000, 2026, shelterA.id]]
    )
    assert.isNotNull(
      await db
        .from('audit_events')
        .where({ action: 'handover.transfer_recorded', actor_id: official.id })
        .first()
    )
  })

  test('only MLSW officials set needs, targets and other sources', async ({ client, assert }) => {
    const { official, shelterA, applicantA } = await world()
    const posts = [
      [
        `/handover/shelters/${shelterA.id}/need`,
        {
          year: '2026',
          method: 'entered',
          occupancy: '75',
          amount: '60 000,00',
          justification: 'Coalition norm of EUR 5 000 a month',
        },
      ],
      [
        `/handover/shelters/${shelterA.id}/target`,
        { year: '2026', stateShare: '60', municipalShare: '10' },
      ],
      ['/handover/targets', { year: '2027', stateShare: '80' }],
      [
        `/handover/shelters/${shelterA.id}/other-funding`,
        {
          year: '2026',
          source: 'municipality',
          funderName: 'Municipality of Prishtina',
          amount: '5 000,00',
        },
      ],
    ] as const
    for (const [path, fields] of posts) {
      const refused = await client
        .post(path)
        .fields(fields)
        .loginAs(applicantA)
        .withCsrfToken()
        .accept('json')
      refused.assertStatus(403)
      const done = await client
        .post(path)
        .fields(fields)
        .loginAs(official)
        .withCsrfToken()
        .redirects(0)
      done.assertStatus(302)
    }
    const response = await client
      .get(`/api/v1/handover/shelters/${shelterA.id}`)
      .withGuard('api')
      .loginAs(official)
    response.assertStatus(200)
    const year2026 = response.body().data.years.find((y: { year: number }) => y.year === 2026)
    assert.deepInclude(year2026.need, { method: 'entered', amountCents: 6000000 })
    assert.deepInclude(year2026.target, {
      stateShareBp: 6000,
      municipalShareBp: 1000,
      source: 'shelter',
    })
    assert.equal(year2026.position.targetStateCents, 3600000)
    assert.equal(year2026.position.funding.municipalityCents, 500000)
    const year2027 = response.body().data.years.find((y: { year: number }) => y.year === 2027)
    assert.deepInclude(year2027.target, { stateShareBp: 8000, source: 'plan' })
  })

  test('an entered need needs a justification', async ({ client, assert }) => {
    const { official, shelterA } = await world()
    const response = await client
      .post(`/handover/shelters/${shelterA.id}/need`)
      .fields({ year: '2026', method: 'entered', occupancy: '75', amount: '60 000,00' })
      .loginAs(official)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.isNull(await db.from('handover_needs').where('shelter_id', shelterA.id).first())
  })
})

test.group('Handover plan: figures', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('donor funding on the plan equals the sum of the sub-grant payments to the cent', async ({
    client,
    assert,
  }) => {
    const {
      official,
      lead,
      euManager,
      shelterA,
      shelterB,
      shelterC1,
      shelterC2,
      subA,
      subB,
      subC,
    } = await world()
    await payment(subA, 1, 1234567, '2025-07-01', euManager)
    await payment(subA, 2, 765433, '2026-01-15', euManager)
    await payment(subA, 3, 100001, '2026-12-31', euManager)
    await payment(subB, 1, 999999, '2026-06-30', euManager)
    await payment(subC, 1, 1000001, '2026-03-01', euManager)
    // The lead grant's own payment is no shelter's donor funding.
    await payment(lead, 1, 45000000, '2026-02-01', euManager)

    const response = await client
      .get('/api/v1/handover/national?year=2026')
      .withGuard('api')
      .loginAs(official)
    response.assertStatus(200)
    const data = response.body().data
    const donorOf = (id: number) =>
      data.shelters.find((s: { id: number }) => s.id === id).position.funding.donorCents

    const paidIn2026 = async (grant: Grant) => {
      const [row] = await db
        .from('payments')
        .where('grant_id', grant.id)
        .whereBetween('value_date', ['2026-01-01', '2026-12-31'])
        .sum('amount_cents as total')
      return Number(row.total)
    }
    assert.equal(donorOf(shelterA.id), await paidIn2026(subA))
    assert.equal(donorOf(shelterA.id), 865434)
    assert.equal(donorOf(shelterB.id), await paidIn2026(subB))
    // An NGO with two shelters: its payments are split by beds (12 and 7) and add up to the cent.
    assert.equal(donorOf(shelterC1.id) + donorOf(shelterC2.id), await paidIn2026(subC))
    assert.deepEqual([donorOf(shelterC1.id), donorOf(shelterC2.id)], [631580, 368421])
    assert.equal(data.totals.funding.donorCents, 865434 + 999999 + 1000001)

    // Payments by value-date year: 2025 holds the first payment only.
    const year2025 = await client
      .get('/api/v1/handover/national?year=2025')
      .withGuard('api')
      .loginAs(official)
    assert.equal(year2025.body().data.totals.funding.donorCents, 1234567)

    // A recovery received in 2026 comes off that year's donor funding.
    await LedgerEntry.create({
      grantId: subA.id,
      kind: 'recovery',
      currency: 'EUR',
      amountCents: 434,
      bookedOn: DateTime.fromISO('2026-10-01'),
      paymentId: null,
      recoveryOrderId: null,
      description: 'Recovery',
      createdById: euManager.id,
    })
    const shelter = await client
      .get(`/api/v1/handover/shelters/${shelterA.id}`)
      .withGuard('api')
      .loginAs(official)
    const byYear = shelter
      .body()
      .data.years.map((y: { year: number; position: { funding: { donorCents: number } } }) => [
        y.year,
        y.position.funding.donorCents,
      ])
    assert.deepInclude(byYear, [2025, 1234567])
    assert.deepInclude(byYear, [2026, 865000])
  })

  test('the national totals equal the sum of the shelters, and the page shows the same figures', async ({
    client,
    assert,
  }) => {
    const { official, euManager, shelterA, shelterB, subA, subB } = await world()
    await payment(subA, 1, 2000000, '2026-02-01', euManager)
    await payment(subB, 1, 1500001, '2026-03-01', euManager)
    for (const [shelter, amount] of [
      [shelterA, '50 000,00'],
      [shelterB, '40 000,01'],
    ] as const) {
      await client
        .post(`/handover/shelters/${shelter.id}/need`)
        .fields({
          year: '2026',
          method: 'entered',
          occupancy: '75',
          amount,
          justification: 'Costed by the MLSW',
        })
        .loginAs(official)
        .withCsrfToken()
      await client
        .post(`/handover/shelters/${shelter.id}/commitments`)
        .fields({ ...commitmentFields, amount: '20 000,00' })
        .loginAs(official)
        .withCsrfToken()
    }
    const commitment = await HandoverCommitment.findByOrFail('shelter_id', shelterA.id)
    await client
      .post(`/handover/commitments/${commitment.id}/transfers`)
      .fields({ transferredOn: '2026-01-20', amount: '12 345,67' })
      .loginAs(official)
      .withCsrfToken()
    await client
      .post(`/handover/shelters/${shelterB.id}/other-funding`)
      .fields({ year: '2026', source: 'own_income', funderName: 'Bee-keeping', amount: '1 234,56' })
      .loginAs(official)
      .withCsrfToken()

    const response = await client
      .get('/api/v1/handover/national?year=2026')
      .withGuard('api')
      .loginAs(official)
    const { totals, shelters } = response.body().data
    const sum = (pick: (s: any) => number | null) =>
      shelters.reduce((total: number, s: any) => total + (pick(s) ?? 0), 0)
    assert.equal(
      totals.needCents,
      sum((s) => s.position.needCents)
    )
    assert.equal(
      totals.committedCents,
      sum((s) => s.position.committedCents)
    )
    assert.equal(
      totals.transferredCents,
      sum((s) => s.position.transferredCents)
    )
    assert.equal(
      totals.targetStateCents,
      sum((s) => s.position.targetStateCents)
    )
    assert.equal(
      totals.gapCents,
      sum((s) => s.position.gapCents)
    )
    for (const key of [
      'stateCents',
      'donorCents',
      'municipalityCents',
      'otherDonorsCents',
      'ownIncomeCents',
      'totalCents',
    ]) {
      assert.equal(
        totals.funding[key],
        sum((s) => s.position.funding[key]),
        key
      )
    }
    assert.equal(totals.needCents, 9000001)
    assert.equal(totals.funding.stateCents, 1234567)
    assert.equal(totals.funding.totalCents, 1234567 + 2000000 + 1500001 + 123456)
    assert.equal(totals.gapCents, 9000001 - (1234567 + 2000000 + 1500001 + 123456))

    // The dashboard shows the same totals.
    const page = await client.get('/handover?year=2026').loginAs(official)
    page.assertStatus(200)
    const total = (name: string) =>
      page.text().match(new RegExp(`data-total="${name}">([^<]*)<`))?.[1]
    assert.equal(total('need'), '€90,000.01')
    assert.equal(total('state'), '€12,345.67')
    assert.equal(total('gap'), '€41,419.77')
  })
})

test.group('Handover plan: who reads what', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("an NGO reads only its own shelters: 404 for another's, 403 for the national API", async ({
    client,
    assert,
  }) => {
    const { shelterA, shelterB, applicantA } = await world()
    const own = await client.get(`/handover/shelters/${shelterA.id}`).loginAs(applicantA)
    own.assertStatus(200)
    assert.notInclude(own.text(), 'data-commitment-form')
    const other = await client.get(`/handover/shelters/${shelterB.id}`).loginAs(applicantA)
    other.assertStatus(404)
    const index = await client.get('/handover').loginAs(applicantA)
    index.assertStatus(200)
    assert.include(index.text(), `data-shelter-row="${shelterA.id}"`)
    assert.notInclude(index.text(), `data-shelter-row="${shelterB.id}"`)
    const csv = await client.get('/handover/plan.csv').loginAs(applicantA)
    assert.include(csv.text(), 'Shelter A')
    assert.notInclude(csv.text(), 'Shelter B')
    assert.notInclude(csv.text(), 'Secret Street')

    const api = async (path: string, status: number) => {
      const response = await client.get(path).withGuard('api').loginAs(applicantA)
      response.assertStatus(status)
    }
    await api('/api/v1/handover/national', 403)
    await api(`/api/v1/handover/shelters/${shelterB.id}`, 404)
    await api(`/api/v1/handover/shelters/${shelterA.id}`, 200)
  })

  test('programme staff read everything; the plan PDF carries the summary, the table and the chart', async ({
    client,
    assert,
  }) => {
    const { official, euManager, shelterA, ngoA } = await world()
    await makeLicence(ngoA, official, { issuedOn: '2025-01-01', validUntil: '2030-12-31' })
    const index = await client.get('/handover?year=2026').loginAs(euManager)
    index.assertStatus(200)
    assert.include(index.text(), `data-shelter-row="${shelterA.id}"`)
    assert.include(index.text(), '<svg')
    assert.notInclude(index.text(), 'data-plan-target')

    const pdf = await client.get('/handover/plan.pdf?year=2026').loginAs(official)
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    const { execFileSync } = await import('node:child_process')
    const { writeFileSync, mkdtempSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const file = join(mkdtempSync(join(tmpdir(), 'sg-handover-')), 'plan.pdf')
    writeFileSync(file, Buffer.from(pdf.body() as ArrayBuffer))
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString()
    assert.include(text, 'Handover plan 2026')
    assert.include(text, 'Summary of 2026')
    assert.include(text, 'Funding by source against the target')
    assert.include(text, 'Shelter A')
    // The chart is drawn as vectors with its own labels.
    assert.include(text, 'State transfers')

    const api = await client
      .get('/api/v1/handover/national?year=1999')
      .withGuard('api')
      .loginAs(official)
    api.assertStatus(422)
  })
})
