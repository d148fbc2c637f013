import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AuditEvent from '#models/audit_event'
import GrantBudgetLine from '#models/grant_budget_line'
import InforeuroRate from '#models/inforeuro_rate'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { fileWith, makeMember, makeOrganisation } from '#tests/helpers'

const ratesCsv = (...rows: string[]) => Buffer.from(['currency,month,rate', ...rows].join('\n'))

async function people() {
  const { grant, funder } = await makeSignedGrant({
    grantee: await makeOrganisation('ngo', 'Shelter A'),
  })
  const budgetLine = await GrantBudgetLine.query().where('grant_id', grant.id).firstOrFail()
  return { grant, funder, budgetLine, ...(await paymentPeople(grant)) }
}

function pdfText(bytes: Buffer) {
  const file = join(mkdtempSync(join(tmpdir(), 'sg-inforeuro-')), 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

test.group('InforEuro table: import and reading', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a finance officer imports a good CSV; re-importing a month replaces it, audited', async ({
    client,
    assert,
  }) => {
    const { finance } = await people()
    const first = await client
      .post('/inforeuro-rates/imports')
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
      .file(
        'file',
        await fileWith('rates.csv', ratesCsv('RSD,2026-03,117.1956', 'USD,2026-03,1.0823'))
      )
    first.assertStatus(302)
    const stored = await InforeuroRate.query().where('month', '2026-03').orderBy('currency')
    assert.deepEqual(
      stored.map((r) => [r.currency, r.rateMicro]),
      [
        ['RSD', 117_195_600],
        ['USD', 1_082_300],
      ]
    )

    const again = await client
      .post('/api/v1/inforeuro-rates/imports')
      .withGuard('api')
      .loginAs(finance)
      .file('file', await fileWith('rates.csv', ratesCsv('RSD,2026-03,117.2')))
    again.assertStatus(201)
    assert.deepEqual(again.body().data.months, ['2026-03'])
    const replaced = await InforeuroRate.query().where('month', '2026-03')
    assert.deepEqual(
      replaced.map((r) => [r.currency, r.rateMicro]),
      [['RSD', 117_200_000]]
    )
    const events = await AuditEvent.query()
      .where('subject_type', 'inforeuro_month')
      .where('subject_id', '2026-03')
      .orderBy('id')
    assert.deepEqual(
      events.map((e) => [e.action, e.before, e.after]),
      [
        ['inforeuro.month_imported', null, { RSD: '117.1956', USD: '1.0823' }],
        ['inforeuro.month_replaced', { RSD: '117.1956', USD: '1.0823' }, { RSD: '117.2' }],
      ]
    )
  })

  test('a bad CSV saves nothing and lists every error with its line', async ({
    client,
    assert,
  }) => {
    const { finance } = await people()
    await InforeuroRate.create({
      currency: 'RSD',
      month: '2026-03',
      rateMicro: 117_000_000,
      importedById: null,
    })
    const response = await client
      .post('/api/v1/inforeuro-rates/imports')
      .withGuard('api')
      .loginAs(finance)
      .file(
        'file',
        await fileWith('rates.csv', ratesCsv('RSD,2026-03,118', 'ALL,2026-03,-1', 'MKD,March,61.5'))
      )
    response.assertStatus(422)
    assert.deepEqual(
      response.body().errors.map((e: { line: number; column: string }) => [e.line, e.column]),
      [
        [3, 'rate'],
        [4, 'month'],
      ]
    )
    const rates = await InforeuroRate.all()
    assert.deepEqual(
      rates.map((r) => [r.currency, r.rateMicro]),
      [['RSD', 117_000_000]]
    )

    const web = await client
      .post('/inforeuro-rates/imports')
      .loginAs(finance)
      .withCsrfToken()
      .file('file', await fileWith('rates.csv', ratesCsv('ALL,2026-03,abc')))
    web.assertStatus(200)
    assert.include(web.text(), 'Line 2')
    assert.lengthOf(await InforeuroRate.all(), 1)
  })

  test('an applicant or a grant manager cannot import (403); everyone signed in reads', async ({
    client,
    assert,
  }) => {
    const { applicant, manager } = await people()
    for (const user of [applicant, manager]) {
      const api = await client
        .post('/api/v1/inforeuro-rates/imports')
        .withGuard('api')
        .loginAs(user)
        .file('file', await fileWith('rates.csv', ratesCsv('RSD,2026-03,117.1956')))
      api.assertStatus(403)
      const web = await client
        .post('/inforeuro-rates/imports')
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
        .file('file', await fileWith('rates.csv', ratesCsv('RSD,2026-03,117.1956')))
      web.assertStatus(403)
    }
    assert.lengthOf(await InforeuroRate.all(), 0)

    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const byAdmin = await client
      .post('/api/v1/inforeuro-rates/imports')
      .withGuard('api')
      .loginAs(admin)
      .file(
        'file',
        await fileWith(
          'rates.csv',
          ratesCsv('RSD,2026-03,117.1956', 'RSD,2026-04,117.25', 'USD,2026-04,1.09')
        )
      )
    byAdmin.assertStatus(201)

    const list = await client
      .get('/api/v1/inforeuro-rates?currency=rsd')
      .withGuard('api')
      .loginAs(applicant)
    list.assertStatus(200)
    assert.deepEqual(list.body().data, [
      { currency: 'RSD', month: '2026-04', rate: '117.25', rateMicro: 117_250_000 },
      { currency: 'RSD', month: '2026-03', rate: '117.1956', rateMicro: 117_195_600 },
    ])
    const page = await client.get('/inforeuro-rates?month=2026-04').loginAs(applicant)
    page.assertStatus(200)
    assert.include(page.text(), '117.25')
    assert.notInclude(page.text(), '117.1956')
    assert.notInclude(page.text(), 'inforeuro-file')
    const csv = await client.get('/inforeuro-rates.csv?month=2026-04').loginAs(applicant)
    csv.assertStatus(200)
    assert.equal(csv.text(), 'currency,month,rate\nRSD,2026-04,117.25\nUSD,2026-04,1.09\n')
    const unauthenticated = await client.get('/api/v1/inforeuro-rates')
    unauthenticated.assertStatus(401)
  })
})

test.group('InforEuro conversion, Kosovo VAT and late costs on reports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function openReport(client: any, applicant: any, grantId: number, periodNumber = 1) {
    const opened = await client
      .post(`/api/v1/grants/${grantId}/expense-reports`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ periodNumber })
    opened.assertStatus(201)
    return opened.body().data.id as number
  }

  test('a line in another currency is converted at the month’s InforEuro rate; page, CSV, PDF and API agree', async ({
    client,
    assert,
  }) => {
    const { grant, budgetLine, applicant, finance } = await people()
    await InforeuroRate.create({
      currency: 'RSD',
      month: '2026-03',
      rateMicro: 117_195_600,
      importedById: finance.id,
    })
    const reportId = await openReport(client, applicant, grant.id)
    const base = {
      supplier: 'Knjižara',
      description: 'Textbooks',
      budgetLineId: budgetLine.id,
      standard: 'MS-06',
      amountCents: 540_000,
      currency: 'RSD',
    }
    const differs = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        ...base,
        spentOn: '2026-03-10',
        exchangeRate: '120',
        receiptNumber: 'A',
        supplierCountry: 'RS',
      })
    differs.assertStatus(201)
    const same = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        ...base,
        spentOn: '2026-03-31',
        exchangeRate: '117.1956',
        receiptNumber: 'B',
        supplierCountry: 'RS',
      })
    const missing = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        ...base,
        spentOn: '2026-04-01',
        exchangeRate: '117',
        receiptNumber: 'C',
        supplierCountry: 'RS',
      })

    const report = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    const lines = report.body().data.lines
    // 5 400.00 RSD / 117.1956 = 46.0769… → 46.08 EUR, whatever rate the grantee typed
    assert.deepEqual(
      lines.map((l: any) => [
        l.claimedCents,
        l.flags.map((f: any) => f.code).filter((c: string) => c !== 'NO_RECEIPT'),
      ]),
      [
        [4_608, ['RATE_NOT_INFOREURO']],
        [4_608, []],
        [4_615, ['NO_INFOREURO_RATE']],
      ]
    )
    assert.equal(differs.body().data.id, lines[0].id)
    assert.equal(same.status(), 201)
    assert.equal(missing.status(), 201)
    assert.equal(report.body().data.claimedCents, 4_608 + 4_608 + 4_615)

    const csv = await client.get(`/expense-reports/${reportId}/lines.csv`).loginAs(applicant)
    const rows = csv.text().trim().split('\n')
    const header = rows[0].split(',')
    // In decimal euros, like the import (ADR 0021).
    const claimed = rows.slice(1).map((row) => row.split(',')[header.indexOf('claimed_eur')])
    assert.deepEqual(claimed, ['46.08', '46.08', '46.15'])
    assert.deepEqual(
      rows.slice(1).map((row) => row.split(',')[header.indexOf('supplier_country')]),
      ['RS', 'RS', 'RS']
    )

    const page = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    assert.include(page.text(), 'data-flag="RATE_NOT_INFOREURO"')
    assert.include(page.text(), '46.08')

    const pdf = await client
      .get(`/expense-reports/${reportId}/financial-report.pdf`)
      .loginAs(applicant)
    pdf.assertStatus(200)
    const text = pdfText(pdf.body())
    assert.include(text, '46.08')
    assert.include(text, '46.15')

    // Importing April converts the open report again and clears NO_INFOREURO_RATE.
    const april = await client
      .post('/api/v1/inforeuro-rates/imports')
      .withGuard('api')
      .loginAs(finance)
      .file('file', await fileWith('rates.csv', ratesCsv('RSD,2026-04,108')))
    april.assertStatus(201)
    assert.equal(april.body().data.reportsRefreshed, 1)
    const after = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    const third = after.body().data.lines[2]
    assert.equal(third.claimedCents, 5_000)
    assert.deepEqual(
      third.flags.map((f: any) => f.code),
      ['NO_RECEIPT', 'RATE_NOT_INFOREURO']
    )
  })

  test('VAT included on a Kosovo purchase is flagged; the supplier country defaults to XK', async ({
    client,
    assert,
  }) => {
    const { grant, budgetLine, applicant } = await people()
    const reportId = await openReport(client, applicant, grant.id)
    const add = (extra: Record<string, unknown>) =>
      client
        .post(`/api/v1/expense-reports/${reportId}/lines`)
        .withGuard('api')
        .loginAs(applicant)
        .json({
          spentOn: '2026-03-10',
          supplier: 'Viva Fresh',
          description: 'Food',
          budgetLineId: budgetLine.id,
          standard: 'MS-02',
          amountCents: 11_800,
          ...extra,
        })
    const kosovo = await add({ vat: 'non_recoverable_included', receiptNumber: 'K1' })
    const exempt = await add({ vat: 'exempt', receiptNumber: 'K2' })
    const abroad = await add({
      vat: 'non_recoverable_included',
      receiptNumber: 'K3',
      supplierCountry: 'al',
    })
    const bad = await add({ receiptNumber: 'K4', supplierCountry: 'Kosovo' })
    bad.assertStatus(422)
    const report = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    const lines = report.body().data.lines
    assert.deepEqual(
      lines.map((l: any) => [l.supplierCountry, l.flags.map((f: any) => f.code)]),
      [
        ['XK', ['NO_RECEIPT', 'KOSOVO_VAT_INCLUDED']],
        ['XK', ['NO_RECEIPT']],
        ['AL', ['NO_RECEIPT']],
      ]
    )
    assert.equal(kosovo.status() + exempt.status() + abroad.status(), 603)
  })

  test('late costs: only the funder’s finance officer accepts them per budget line, audited; the grantee cannot', async ({
    client,
    assert,
  }) => {
    const { grant, budgetLine, applicant, finance, manager } = await people()
    const reportId = await openReport(client, applicant, grant.id, 2)
    const line = await client
      .post(`/api/v1/expense-reports/${reportId}/lines`)
      .withGuard('api')
      .loginAs(applicant)
      .json({
        spentOn: '2028-01-20',
        supplier: 'Audit firm',
        description: 'Final audit',
        budgetLineId: budgetLine.id,
        standard: 'organisational',
        amountCents: 300_000,
        receiptNumber: 'AUD-1',
        // The grantee's old box no longer exists: it is ignored.
        lateCostAllowed: true,
      })
    line.assertStatus(201)
    assert.include(
      line.body().data.flags.map((f: any) => f.code),
      'OUTSIDE_PERIOD'
    )
    assert.notProperty(line.body().data, 'lateCostAllowed')

    const grantee = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    assert.notInclude(grantee.text(), 'data-late-costs')
    assert.notInclude(grantee.text(), 'name="lateCostAllowed"')
    const verifier = await client.get(`/expense-reports/${reportId}`).loginAs(finance)
    assert.include(verifier.text(), `data-late-cost-line="${budgetLine.id}"`)

    for (const user of [applicant, manager]) {
      const denied = await client
        .put(`/api/v1/grant-budget-lines/${budgetLine.id}/late-cost-acceptance`)
        .withGuard('api')
        .loginAs(user)
        .json({ accepted: true })
      denied.assertStatus(403)
      const web = await client
        .post(`/grant-budget-lines/${budgetLine.id}/late-cost-acceptance`)
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
        .form({ accepted: 'true' })
      web.assertStatus(403)
    }
    const otherFinance = await makeMember(
      await makeOrganisation('contracting_authority'),
      'finance_officer'
    )
    const notFunder = await client
      .put(`/api/v1/grant-budget-lines/${budgetLine.id}/late-cost-acceptance`)
      .withGuard('api')
      .loginAs(otherFinance)
      .json({ accepted: true })
    notFunder.assertStatus(403)
    await budgetLine.refresh()
    assert.isFalse(budgetLine.lateCostsAccepted)

    const accepted = await client
      .put(`/api/v1/grant-budget-lines/${budgetLine.id}/late-cost-acceptance`)
      .withGuard('api')
      .loginAs(finance)
      .json({ accepted: true })
    accepted.assertStatus(200)
    assert.deepEqual(accepted.body().data, { budgetLineId: budgetLine.id, lateCostsAccepted: true })
    const report = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.notInclude(
      report.body().data.lines[0].flags.map((f: any) => f.code),
      'OUTSIDE_PERIOD'
    )
    const event = await AuditEvent.query()
      .where('action', 'grant_budget_line.late_costs')
      .where('subject_id', String(budgetLine.id))
      .firstOrFail()
    assert.deepEqual(
      [event.actorId, event.before, event.after],
      [finance.id, { lateCostsAccepted: false }, { lateCostsAccepted: true }]
    )

    const withdrawn = await client
      .post(`/grant-budget-lines/${budgetLine.id}/late-cost-acceptance`)
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
      .form({ accepted: 'false' })
    withdrawn.assertStatus(302)
    await budgetLine.refresh()
    assert.isFalse(budgetLine.lateCostsAccepted)
    const again = await client
      .get(`/api/v1/expense-reports/${reportId}`)
      .withGuard('api')
      .loginAs(applicant)
    assert.include(
      again.body().data.lines[0].flags.map((f: any) => f.code),
      'OUTSIDE_PERIOD'
    )
  })

  test('a new budget version keeps the late-cost setting of the same line', async ({ assert }) => {
    const { grant, budgetLine } = await people()
    budgetLine.lateCostsAccepted = true
    await budgetLine.save()
    // The same line keeps its key in the next version; a new line gets a new one.
    const next = (label: string) =>
      GrantBudgetLine.create({
        lineKey: label === budgetLine.label ? budgetLine.lineKey : `new-${label}`,
        grantId: grant.id,
        version: 2,
        position: 0,
        heading: budgetLine.heading,
        label,
        unit: 'lump sum',
        quantityHundredths: 100,
        unitCostCents: 1_000,
        totalCents: 1_000,
        thirdParty: null,
      })
    const same = await next(budgetLine.label)
    const other = await next('Another line')
    assert.isTrue(same.lateCostsAccepted)
    assert.isFalse(other.lateCostsAccepted)
  })
})
