import { execFileSync } from 'node:child_process'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { DemoResults } from '#database/seeders/demo_results'
import { formatMoney } from '#domain/money'
import { makeSignedGrant, paidTranche, paymentPeople } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/** The PDF's text, with the no-break spaces of formatted amounts as plain spaces. */
function pdfText(bytes: Buffer) {
  return spaces(execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf8'))
}

function spaces(text: string) {
  return text.replace(/[\u00a0\u202f]/g, ' ')
}

/** Every amount of the pack's JSON, in cents. */
function amounts(data: {
  calls: { awardedCentsInQuarter: number; awardedCentsToDate: number }
  money: { committedCents: number; plannedCents: number; disbursedCents: number }[]
  handover: {
    needCents: number
    committedCents: number
    transferredCents: number
    gapCents: number
  }
}) {
  return [
    data.calls.awardedCentsInQuarter,
    data.calls.awardedCentsToDate,
    ...data.money.flatMap((m) => [m.committedCents, m.plannedCents, m.disbursedCents]),
    data.handover.needCents,
    data.handover.committedCents,
    data.handover.transferredCents,
    data.handover.gapCents,
  ]
}

test.group('Progress pack', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('page, PDF and API give the same figures to the cent', async ({ client, assert }) => {
    const euOffice = await makeOrganisation('contracting_authority', 'EU Office')
    const manager = await makeMember(euOffice, 'grant_manager')
    await new DemoResults().load(manager)
    const { grant } = await makeSignedGrant({ funder: euOffice, funderCents: 100000000 })
    grant.funderSignedAt = DateTime.fromISO('2026-01-15T10:00:00Z')
    await grant.save()
    const people = await paymentPeople(grant)
    await paidTranche(grant, 1, 'initial_prefinancing', 45000000, people.finance)

    const api = await client.get('/api/v1/progress-packs/2026-Q1').withGuard('api').loginAs(manager)
    api.assertStatus(200)
    const data = api.body().data
    assert.equal(data.quarter, '2026-Q1')
    assert.equal(data.calls.grantsSignedInQuarter, 1)
    assert.equal(data.calls.awardedCentsToDate, 100000000)
    const last = data.money[data.money.length - 1]
    assert.deepEqual(
      { quarter: last.quarter, committed: last.committedCents, disbursed: last.disbursedCents },
      { quarter: '2026-Q1', committed: 100000000, disbursed: 45000000 }
    )
    assert.isAbove(last.plannedCents, 0)
    assert.deepEqual(data.actionPoints, [])
    assert.include(
      data.indicators.map((i: { code: string }) => i.code),
      'R7.1'
    )

    const page = await client.get('/progress-pack?quarter=2026-Q1').loginAs(manager)
    page.assertStatus(200)
    const html = page.text()
    const pdf = await client.get('/progress-pack.pdf?quarter=2026-Q1').loginAs(manager)
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    const text = pdfText(Buffer.from(pdf.body() as ArrayBuffer))
    assert.include(text, 'Funded by the European Union')
    for (const cents of amounts(data)) {
      const shown = formatMoney(cents, 'EUR', 'en')
      assert.include(html, shown, `page shows ${shown}`)
      assert.include(text, spaces(shown), `PDF shows ${shown}`)
    }
    for (const indicator of data.indicators) {
      const year = indicator.years.find((y: { year: number }) => y.year === 2026)
      if (year?.target !== null && year?.target !== undefined) {
        assert.include(html, `data-target>${year.target}<`)
      }
    }

    // In Albanian and Serbian, with the amounts in the reader's locale.
    const sq = await client.get('/progress-pack?quarter=2026-Q1&locale=sq').loginAs(manager)
    assert.include(sq.text(), 'Paketa e progresit 2026-Q1')
    assert.include(sq.text(), formatMoney(100000000, 'EUR', 'sq'))
    const sr = await client
      .get('/progress-pack.pdf?quarter=2026-Q1&locale=sr-Latn')
      .loginAs(manager)
    const srText = pdfText(Buffer.from(sr.body() as ArrayBuffer))
    assert.include(srText, 'Paket napretka 2026-Q1')
    assert.include(srText, spaces(formatMoney(45000000, 'EUR', 'sr-Latn')))
  })

  test('for the EU Office’s grant managers, admins and MLSW officials only', async ({
    client,
    assert,
  }) => {
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const lead = await makeMember(await makeOrganisation('lead_grantee'), 'grant_manager')
    const finance = await makeMember(
      await makeOrganisation('contracting_authority'),
      'finance_officer'
    )
    for (const user of [applicant, lead, finance]) {
      await client
        .get('/progress-pack?quarter=2026-Q4')
        .loginAs(user)
        .then((r) => r.assertStatus(403))
      await client
        .get('/progress-pack.pdf?quarter=2026-Q4')
        .loginAs(user)
        .then((r) => r.assertStatus(403))
      await client
        .get('/api/v1/progress-packs/2026-Q4')
        .withGuard('api')
        .loginAs(user)
        .then((r) => r.assertStatus(403))
    }
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const mlsw = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    for (const user of [admin, mlsw]) {
      await client
        .get('/progress-pack?quarter=2026-Q4')
        .loginAs(user)
        .then((r) => r.assertStatus(200))
      await client
        .get('/api/v1/progress-packs/2026-Q4')
        .withGuard('api')
        .loginAs(user)
        .then((r) => r.assertStatus(200))
    }
    await client
      .get('/api/v1/progress-packs/2026-Q5')
      .withGuard('api')
      .loginAs(admin)
      .then((r) => {
        r.assertStatus(422)
        assert.equal(r.body().errors[0].message, 'A quarter is written like 2026-Q4.')
      })
  })

  test('action points are listed as they stood at the end of the quarter', async ({ assert }) => {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { openActionPoints } = await import('#queries/progress_pack')
    const { AuditTrail } = await import('#services/audit_trail')
    const { grant, funder } = await makeSignedGrant()
    const owner = await makeOrganisation('ngo', 'Shelter Owner')
    const monitor = await makeMember(funder, 'grant_manager')
    const [visit] = await db
      .table('monitoring_visits')
      .insert({
        grant_id: grant.id,
        organisation_id: owner.id,
        kind: 'spot_check',
        status: 'reported',
        planned_on: '2026-11-01',
        lead_user_id: monitor.id,
        lead_organisation_id: funder.id,
        created_by_id: monitor.id,
        created_at: '2026-10-20 09:00:00',
      })
      .returning('id')
    const point = (title: string, fields: Record<string, unknown>) => ({
      grant_id: grant.id,
      organisation_id: owner.id,
      visit_id: typeof visit === 'object' ? visit.id : visit,
      owner_organisation_id: owner.id,
      created_by_id: monitor.id,
      title,
      due_on: '2026-12-15',
      status: 'open',
      created_at: '2026-11-02 09:00:00',
      ...fields,
    })
    const ids: number[] = []
    for (const row of [
      point('Still open', {}),
      point('Closed in the quarter', { status: 'closed', closed_at: '2026-12-10 09:00:00' }),
      // Closed on 5 January: open at the end of December, answered before it.
      point('Closed after the quarter', { status: 'closed', closed_at: '2027-01-05 09:00:00' }),
      // 31 December 23:30 in Kosovo is 22:30 UTC: still in the quarter.
      point('Raised on the last evening', { created_at: '2026-12-31 22:30:00' }),
      point('Raised later', { due_on: '2027-02-01', created_at: '2027-01-05 09:00:00' }),
    ]) {
      const [inserted] = await db.table('action_points').insert(row).returning('id')
      ids.push(typeof inserted === 'object' ? Number(inserted.id) : Number(inserted))
    }
    const idOf = (index: number) => ids[index]
    const { Settings } = await import('luxon')
    for (const [index, at] of [
      [2, '2026-12-20T09:00:00Z'],
      [0, '2027-01-03T09:00:00Z'],
    ] as const) {
      Settings.now = () => Date.parse(at)
      try {
        await AuditTrail.recordNow({
          actorId: monitor.id,
          action: 'action_point.answered',
          subjectType: 'action_point',
          subjectId: idOf(index),
        })
      } finally {
        Settings.now = () => Date.now()
      }
    }

    const points = await openActionPoints('2026-12-31')

    assert.deepEqual(
      points.map((p) => [p.title, p.status]),
      [
        ['Still open', 'open'],
        ['Closed after the quarter', 'answered'],
        ['Raised on the last evening', 'open'],
      ]
    )
    const nextQuarter = await openActionPoints('2027-03-31')
    assert.deepEqual(
      nextQuarter.map((p) => [p.title, p.status]),
      [
        ['Still open', 'answered'],
        ['Raised on the last evening', 'open'],
        ['Raised later', 'open'],
      ]
    )
  })
})
