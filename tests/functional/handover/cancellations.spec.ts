import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { CancelCommitment } from '#actions/handover/cancel_commitment'
import { CancelOtherFunding } from '#actions/handover/cancel_other_funding'
import { CancelTransfer } from '#actions/handover/cancel_transfer'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import HandoverCommitment from '#models/handover_commitment'
import HandoverNeed from '#models/handover_need'
import HandoverOtherFunding from '#models/handover_other_funding'
import HandoverTransfer from '#models/handover_transfer'
import type Shelter from '#models/shelter'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

/**
 * An MLSW official (named, to find on the page), a shelter with a need of
 * EUR 60 000,00 in 2026, its NGO's applicant, a grant manager (programme
 * staff, not MLSW) and another NGO's applicant.
 */
async function world() {
  const ministry = await makeOrganisation('ministry', 'Ministry of Labour and Social Welfare')
  const official = await makeMember(ministry, 'mlsw_official')
  await official.merge({ fullName: 'Arta Krasniqi' }).save()
  const ngo = await makeOrganisation('ngo', 'Shelter NGO A')
  const shelter = await makeShelter(ngo, 'Shelter A')
  const applicant = await makeMember(ngo, 'applicant')
  const authority = await makeOrganisation('contracting_authority', 'EU Office in Kosovo')
  const grantManager = await makeMember(authority, 'grant_manager')
  const outsider = await makeMember(await makeOrganisation('ngo', 'Shelter NGO B'), 'applicant')
  await HandoverNeed.create({
    shelterId: shelter.id,
    year: 2026,
    method: 'entered',
    occupancyBp: 7500,
    currency: 'EUR',
    amountCents: 6000000,
    justification: 'Costed by the MLSW',
    setById: official.id,
  })
  return { official, shelter, applicant, grantManager, outsider }
}

function post(client: ApiClient, user: User, path: string, fields: Record<string, string>) {
  return client.post(path).fields(fields).loginAs(user).withCsrfToken().redirects(0)
}

async function recordCommitment(
  client: ApiClient,
  official: User,
  shelter: Shelter,
  amount: string
) {
  const response = await post(client, official, `/handover/shelters/${shelter.id}/commitments`, {
    year: '2026',
    funderName: 'Ministry of Finance, Labour and Transfers',
    referenceKind: 'budget_law',
    budgetReference: 'Budget Law 2026, art. 12, line 21400',
    committedOn: '2026-01-05',
    amount,
  })
  response.assertStatus(302)
  return HandoverCommitment.query()
    .where('shelter_id', shelter.id)
    .whereNull('cancelled_at')
    .orderBy('id', 'desc')
    .firstOrFail()
}

async function recordTransfer(
  client: ApiClient,
  official: User,
  commitment: HandoverCommitment,
  amount: string,
  transferredOn = '2026-01-20'
) {
  const response = await post(
    client,
    official,
    `/handover/commitments/${commitment.id}/transfers`,
    {
      transferredOn,
      amount,
    }
  )
  response.assertStatus(302)
  return HandoverTransfer.query()
    .where('commitment_id', commitment.id)
    .orderBy('id', 'desc')
    .firstOrFail()
}

/** The figures of 2026 as the API and the shelter page give them. */
async function figures(client: ApiClient, user: User, shelter: Shelter) {
  const api = await client
    .get(`/api/v1/handover/shelters/${shelter.id}`)
    .withGuard('api')
    .loginAs(user)
  api.assertStatus(200)
  const data = api.body().data
  const page = await client.get(`/handover/shelters/${shelter.id}?year=2026`).loginAs(user)
  page.assertStatus(200)
  const html = page.text()
  const figure = (name: string) => html.match(new RegExp(`data-figure="${name}">([^<]*)<`))?.[1]
  return {
    position: data.years.find((y: { year: number }) => y.year === 2026).position,
    commitments: data.commitments,
    page: Object.fromEntries(
      ['committed', 'state', 'own_income', 'funding', 'state-share', 'gap'].map((name) => [
        name,
        figure(name),
      ])
    ),
    html,
  }
}

test.group('Handover plan: cancellations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a cancelled transfer no longer counts: the page and the API move back to the cent, and the correct one is recorded again', async ({
    client,
    assert,
  }) => {
    const { official, shelter } = await world()
    const commitment = await recordCommitment(client, official, shelter, '30 000,00')
    await recordTransfer(client, official, commitment, '12 345,67')
    const before = await figures(client, official, shelter)
    assert.equal(before.position.funding.stateCents, 1234567)
    assert.equal(before.page.state, '€12,345.67')

    // 17 654,33 typed instead of 7 654,33: it fills the commitment to the cent.
    const typo = await recordTransfer(client, official, commitment, '17 654,33', '2026-02-10')
    const during = await figures(client, official, shelter)
    assert.equal(during.position.funding.stateCents, 3000000)
    assert.equal(during.position.transferredCents, 3000000)
    assert.equal(during.page.state, '€30,000.00')
    assert.equal(during.page.gap, '€30,000.00')

    const response = await post(client, official, `/handover/transfers/${typo.id}/cancellation`, {
      reason: 'Typed 17 654,33 instead of 7 654,33',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/handover/shelters/${shelter.id}?year=2026`)
    response.assertFlashMessage('success', 'The transfer is cancelled.')

    const after = await figures(client, official, shelter)
    assert.deepEqual(after.position, before.position)
    assert.deepEqual(after.page, before.page)
    assert.equal(after.page.gap, '€47,654.33')
    assert.deepEqual(
      after.commitments[0].transfers.map((t: { amountCents: number }) => t.amountCents),
      [1234567]
    )

    // Nothing is deleted: the row says who cancelled it, when and why, and the page shows it struck through.
    await typo.refresh()
    assert.equal(typo.cancelledById, official.id)
    assert.equal(typo.cancellationReason, 'Typed 17 654,33 instead of 7 654,33')
    assert.isNotNull(typo.cancelledAt)
    assert.lengthOf(await HandoverTransfer.query().where('commitment_id', commitment.id), 2)
    const row = after.html.slice(after.html.indexOf(`data-transfer="${typo.id}"`))
    assert.match(row, /^data-transfer="\d+" data-cancelled>/)
    assert.include(row.slice(0, 1200), 'class="num struck">€17,654.33')
    assert.include(row.slice(0, 1200), 'Arta Krasniqi')
    assert.include(row.slice(0, 1200), 'Typed 17 654,33 instead of 7 654,33')
    assert.notInclude(after.html, `data-cancel-form="transfer-${typo.id}"`)

    // The audit trail has the event, before and after.
    const event = await db
      .from('audit_events')
      .where({
        action: 'handover.transfer_cancelled',
        subject_type: 'handover_transfer',
        subject_id: String(typo.id),
        actor_id: official.id,
      })
      .firstOrFail()
    assert.include(event.before_json, '"cancelledAt":null')
    assert.include(event.before_json, '"amountCents":1765433')
    assert.include(event.after_json, '"reason":"Typed 17 654,33 instead of 7 654,33"')
    const chain = await AuditTrail.verify()
    assert.isNull(chain.broken)

    // The correct transfer fits: the cancelled one no longer counts against the commitment.
    await recordTransfer(client, official, commitment, '7 654,33', '2026-02-10')
    const corrected = await figures(client, official, shelter)
    assert.equal(corrected.position.funding.stateCents, 1234567 + 765433)
    assert.equal(corrected.page.state, '€20,000.00')
  })

  test('cancelling a commitment cancels its transfers in the same go; it takes no new transfer', async ({
    client,
    assert,
  }) => {
    const { official, shelter } = await world()
    const empty = await figures(client, official, shelter)
    const commitment = await recordCommitment(client, official, shelter, '3 000,00')
    const early = await recordTransfer(client, official, commitment, '1 000,00')
    const late = await recordTransfer(client, official, commitment, '1 500,50', '2026-03-01')
    await post(client, official, `/handover/transfers/${early.id}/cancellation`, {
      reason: 'Recorded twice',
    })
    const during = await figures(client, official, shelter)
    assert.equal(during.position.committedCents, 300000)
    assert.equal(during.position.funding.stateCents, 150050)

    const response = await post(
      client,
      official,
      `/handover/commitments/${commitment.id}/cancellation`,
      { reason: 'The amount is 30 000,00, not 3 000,00' }
    )
    response.assertStatus(302)
    response.assertFlashMessage(
      'success',
      'The commitment is cancelled, and its transfers with it.'
    )

    await commitment.refresh()
    await early.refresh()
    await late.refresh()
    assert.equal(commitment.cancellationReason, 'The amount is 30 000,00, not 3 000,00')
    assert.equal(late.cancellationReason, 'The amount is 30 000,00, not 3 000,00')
    assert.equal(late.cancelledById, official.id)
    assert.equal(late.cancelledAt!.toMillis(), commitment.cancelledAt!.toMillis())
    // A transfer cancelled before keeps its own cancellation.
    assert.equal(early.cancellationReason, 'Recorded twice')

    const after = await figures(client, official, shelter)
    assert.deepEqual(after.position, empty.position)
    assert.deepEqual(after.page, empty.page)
    assert.deepEqual(after.commitments, [])
    // Still on the page, struck through, without the forms of an active commitment.
    assert.include(after.html, `data-commitment="${commitment.id}" data-cancelled`)
    assert.include(after.html, 'The amount is 30 000,00, not 3 000,00')
    assert.include(after.html, `data-transfer="${late.id}" data-cancelled`)
    assert.notInclude(after.html, `data-transfer-form="${commitment.id}"`)
    assert.notInclude(after.html, `data-cancel-form="commitment-${commitment.id}"`)

    const refused = await post(
      client,
      official,
      `/handover/commitments/${commitment.id}/transfers`,
      {
        transferredOn: '2026-04-01',
        amount: '100,00',
      }
    )
    refused.assertFlashMessage(
      'error',
      'The commitment is cancelled; record the transfer against the correct one.'
    )
    assert.lengthOf(await HandoverTransfer.query().where('commitment_id', commitment.id), 2)

    const events = await db
      .from('audit_events')
      .where('actor_id', official.id)
      .whereIn('action', ['handover.commitment_cancelled', 'handover.transfer_cancelled'])
      .orderBy('id')
    assert.deepEqual(
      events.map((e) => [e.action, Number(e.subject_id)]),
      [
        ['handover.transfer_cancelled', early.id],
        ['handover.commitment_cancelled', commitment.id],
        ['handover.transfer_cancelled', late.id],
      ]
    )
    assert.include(events[1].after_json, `"cancelledTransferIds":[${late.id}]`)
    assert.include(events[2].after_json, `"withCommitmentId":${commitment.id}`)

    // The correct commitment is recorded with the usual form.
    await recordCommitment(client, official, shelter, '30 000,00')
    const corrected = await figures(client, official, shelter)
    assert.equal(corrected.position.committedCents, 3000000)
    assert.equal(corrected.page.committed, '€30,000.00')
  })

  test('a cancelled other source no longer counts', async ({ client, assert }) => {
    const { official, shelter } = await world()
    const before = await figures(client, official, shelter)
    const response = await post(
      client,
      official,
      `/handover/shelters/${shelter.id}/other-funding`,
      {
        year: '2026',
        source: 'own_income',
        funderName: 'Bee-keeping',
        amount: '1 234,56',
      }
    )
    response.assertStatus(302)
    const other = await HandoverOtherFunding.findByOrFail('shelter_id', shelter.id)
    const during = await figures(client, official, shelter)
    assert.equal(during.position.funding.ownIncomeCents, 123456)
    assert.equal(during.page.own_income, '€1,234.56')

    const cancelled = await post(
      client,
      official,
      `/handover/other-funding/${other.id}/cancellation`,
      {
        reason: 'It was income of 2025',
      }
    )
    cancelled.assertFlashMessage('success', 'The source is cancelled.')
    const after = await figures(client, official, shelter)
    assert.deepEqual(after.position, before.position)
    assert.deepEqual(after.page, before.page)
    assert.include(after.html, `data-other-funding-row="${other.id}" data-cancelled`)
    assert.include(after.html, 'It was income of 2025')
    assert.isNotNull(
      await db
        .from('audit_events')
        .where({ action: 'handover.other_funding_cancelled', subject_id: String(other.id) })
        .first()
    )
  })

  test('only MLSW officials cancel (403); outsiders do not see the page (404); a reason is required', async ({
    client,
    assert,
  }) => {
    const { official, shelter, applicant, grantManager, outsider } = await world()
    const commitment = await recordCommitment(client, official, shelter, '30 000,00')
    const transfer = await recordTransfer(client, official, commitment, '1 000,00')
    await post(client, official, `/handover/shelters/${shelter.id}/other-funding`, {
      year: '2026',
      source: 'municipality',
      funderName: 'Municipality of Prishtina',
      amount: '5 000,00',
    })
    const other = await HandoverOtherFunding.findByOrFail('shelter_id', shelter.id)
    const paths = [
      `/handover/commitments/${commitment.id}/cancellation`,
      `/handover/transfers/${transfer.id}/cancellation`,
      `/handover/other-funding/${other.id}/cancellation`,
    ]
    for (const user of [applicant, grantManager, outsider]) {
      for (const path of paths) {
        const refused = await client
          .post(path)
          .fields({ reason: 'Not mine to cancel' })
          .loginAs(user)
          .withCsrfToken()
          .accept('json')
        refused.assertStatus(403)
      }
    }
    for (const row of [commitment, transfer, other]) {
      await row.refresh()
      assert.isNull(row.cancelledAt)
    }

    // The forms are for MLSW officials only; the shelter's NGO reads the page without them.
    const own = await client.get(`/handover/shelters/${shelter.id}?year=2026`).loginAs(applicant)
    own.assertStatus(200)
    assert.notInclude(own.text(), 'data-cancel-form')
    const managed = await client
      .get(`/handover/shelters/${shelter.id}?year=2026`)
      .loginAs(grantManager)
    managed.assertStatus(200)
    assert.notInclude(managed.text(), 'data-cancel-form')
    const foreign = await client.get(`/handover/shelters/${shelter.id}?year=2026`).loginAs(outsider)
    foreign.assertStatus(404)
    const mlsw = await client.get(`/handover/shelters/${shelter.id}?year=2026`).loginAs(official)
    for (const entry of [
      `commitment-${commitment.id}`,
      `transfer-${transfer.id}`,
      `other-funding-${other.id}`,
    ]) {
      assert.include(mlsw.text(), `data-cancel-form="${entry}"`)
    }

    // A reason is required; an unknown entry is a 404.
    for (const path of paths) {
      const noReason = await client
        .post(path)
        .fields({ reason: '  ' })
        .loginAs(official)
        .withCsrfToken()
        .accept('json')
      noReason.assertStatus(422)
    }
    // Through the form, the folded form of that entry opens again with the message.
    const back = await post(client, official, paths[1], {
      reason: '',
      cancelling: `transfer-${transfer.id}`,
    })
    back.assertStatus(302)
    back.assertFlashMessage('cancelling', `transfer-${transfer.id}`)
    const unknown = await client
      .post('/handover/transfers/999999/cancellation')
      .fields({ reason: 'No such transfer' })
      .loginAs(official)
      .withCsrfToken()
      .accept('json')
    unknown.assertStatus(404)
    for (const row of [commitment, transfer, other]) {
      await row.refresh()
      assert.isNull(row.cancelledAt)
    }
  })

  test('a second cancellation is refused (409) and leaves the first one as it was', async ({
    client,
    assert,
  }) => {
    const { official, shelter } = await world()
    const commitment = await recordCommitment(client, official, shelter, '30 000,00')
    const transfer = await recordTransfer(client, official, commitment, '1 000,00')
    await post(client, official, `/handover/shelters/${shelter.id}/other-funding`, {
      year: '2026',
      source: 'other_donor',
      funderName: 'A foundation',
      amount: '2 000,00',
    })
    const other = await HandoverOtherFunding.findByOrFail('shelter_id', shelter.id)

    const cases = [
      {
        path: `/handover/transfers/${transfer.id}/cancellation`,
        row: transfer,
        message: 'This transfer is already cancelled.',
        again: () => new CancelTransfer().handle(transfer.id, 'Once more', official, '127.0.0.1'),
      },
      {
        path: `/handover/commitments/${commitment.id}/cancellation`,
        row: commitment,
        message: 'This commitment is already cancelled.',
        again: () =>
          new CancelCommitment().handle(commitment.id, 'Once more', official, '127.0.0.1'),
      },
      {
        path: `/handover/other-funding/${other.id}/cancellation`,
        row: other,
        message: 'This source is already cancelled.',
        again: () => new CancelOtherFunding().handle(other.id, 'Once more', official, '127.0.0.1'),
      },
    ]
    for (const { path, row, message, again } of cases) {
      const first = await post(client, official, path, { reason: 'Entered by mistake' })
      first.assertStatus(302)
      await row.refresh()
      const cancelledAt = row.cancelledAt!.toMillis()

      // Through the form: sent back with the message.
      const second = await post(client, official, path, { reason: 'Entered by mistake again' })
      second.assertStatus(302)
      second.assertFlashMessage('error', message)
      // The use case itself: a conflict, HTTP 409.
      const error = await again().catch((e: unknown) => e)
      assert.instanceOf(error, DomainConflictException)
      assert.equal((error as DomainConflictException).status, 409)
      assert.equal((error as DomainConflictException).message, message)

      await row.refresh()
      assert.equal(row.cancellationReason, 'Entered by mistake')
      assert.equal(row.cancelledAt!.toMillis(), cancelledAt)
    }
    const events = await db
      .from('audit_events')
      .whereIn('action', [
        'handover.commitment_cancelled',
        'handover.transfer_cancelled',
        'handover.other_funding_cancelled',
      ])
    // The transfer was cancelled once: not again with its commitment.
    assert.lengthOf(events, 3)
  })
})
