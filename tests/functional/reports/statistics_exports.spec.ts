import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import { parse } from 'csv-parse/sync'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import type User from '#models/user'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

/**
 * A lead grant of the EU and a sub-grant to a shelter NGO, whose funder is
 * the lead grantee; the shelter's first report opened as a draft.
 */
async function shelterReport() {
  const eu = await makeOrganisation('contracting_authority', 'EU Office')
  const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
  const { grant: leadGrant } = await makeSignedGrant({ funder: eu, grantee: lead })
  const shelter = await makeOrganisation('ngo', 'Shelter A')
  const { grant } = await makeSignedGrant({
    funder: lead,
    grantee: shelter,
    parent: leadGrant,
    totalEligibleCents: 5_000_000,
    funderCents: 4_750_000,
  })
  const applicant = await makeMember(shelter, 'applicant')
  const leadManager = await makeMember(lead, 'grant_manager')
  const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, '127.0.0.1')
  return { grant, applicant, leadManager, report }
}

/**
 * Admissions: 3 adult women (domestic), 6 girls (domestic), 8 adult men
 * (domestic), 7 adult men (foreign); 730 bed-days; referrals 3 by the
 * police and 9 by the Centre for Social Work.
 */
const statisticsForm = {
  c_admissions_female_adult_domestic: '3',
  c_admissions_female_under_18_domestic: '6',
  c_admissions_male_adult_domestic: '8',
  c_admissions_male_adult_foreign: '7',
  c_bed_days_female_adult_domestic: '200',
  c_bed_days_female_under_18_domestic: '330',
  c_bed_days_male_adult_domestic: '200',
  c_exits_reintegrated_male_adult_domestic: '6',
  // Everyone admitted is still there or left (the stock-flow identity).
  c_residents_end_female_adult_domestic: '3',
  c_residents_end_female_under_18_domestic: '6',
  c_residents_end_male_adult_domestic: '2',
  c_residents_end_male_adult_foreign: '7',
  r_police: '3',
  r_social_services: '9',
}

async function saveStatistics(client: ApiClient, reportId: number, applicant: User) {
  const saved = await client
    .post(`/expense-reports/${reportId}/statistics`)
    .form(statisticsForm)
    .loginAs(applicant)
    .withCsrfToken()
    .redirects(0)
  saved.assertStatus(302)
}

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-statistics-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'])
    .toString()
    .replace(/[\u00a0\u202f]/g, ' ')
}

/** The PDF's text from the title of a measure's tables to the next blank line. */
function measureBlock(text: string, title: string) {
  const start = text.indexOf(`\n${title}\n`)
  if (start < 0) return ''
  return text.slice(start).split(/\n\s*\n/)[0]
}

type CsvRow = { measure: string; table: string; row: string; column: string; value: string }

function csvRows(text: string): CsvRow[] {
  const [header, ...body]: string[][] = parse(text)
  return body.map((cells) => Object.fromEntries(header.map((key, i) => [key, cells[i]])) as CsvRow)
}

function csvValue(rows: CsvRow[], measure: string, table: string, row: string, column: string) {
  return rows.find(
    (r) => r.measure === measure && r.table === table && r.row === row && r.column === column
  )?.value
}

test.group('Service statistics in the financial report PDF and the CSV', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the lead grantee’s grant manager gets "<5" where the shelter itself gets 3, "x" for 6', async ({
    client,
    assert,
  }) => {
    const { report, applicant, leadManager } = await shelterReport()
    await saveStatistics(client, report.id, applicant)

    // PDF: a section after the expense items, the tables as each reader may see them.
    const ownPdf = await client
      .get(`/expense-reports/${report.id}/financial-report.pdf`)
      .loginAs(applicant)
    ownPdf.assertStatus(200)
    const own = pdfText(ownPdf.body())
    assert.isAbove(own.indexOf('Service statistics'), own.indexOf('Expense items'))
    assert.match(own, /Cost per occupied bed-day\s+\S/)
    assert.match(own, /Occupied bed-days\s+730/)
    const ownAdmissions = measureBlock(own, 'Admissions')
    assert.match(ownAdmissions, /Sex\s+Under 18\s+18 and\s+Total\s+Origin\s+Female\s+Male\s+Total/)
    assert.match(ownAdmissions, /Female\s+6\s+3\s+9\s+Domestic\s+9\s+8\s+17\s*$/m)
    assert.match(ownAdmissions, /Male\s+0\s+15\s+15\s+Foreign\s+0\s+7\s+7\s*$/m)
    assert.match(ownAdmissions, /Total\s+6\s+18\s+24\s+Total\s+9\s+15\s+24\s*$/m)
    assert.match(own, /Police\s+3\s*$/m)
    assert.match(own, /Centre for Social Work\s+9\s*$/m)
    assert.notInclude(own, '<5')

    const leadPdf = await client
      .get(`/expense-reports/${report.id}/financial-report.pdf`)
      .loginAs(leadManager)
    leadPdf.assertStatus(200)
    const lead = pdfText(leadPdf.body())
    assert.include(lead, 'Service statistics')
    assert.include(lead, 'counts from 1 to 4 are shown as <5')
    const leadAdmissions = measureBlock(lead, 'Admissions')
    // Girls 6, women 3, women 9: "x" for 5 or more, never "<5".
    assert.match(leadAdmissions, /Female\s+(x|6)\s+<5\s+(x|9)\s+Domestic/)
    assert.notMatch(leadAdmissions, /Female\s+6\s+3/)
    assert.match(lead, /Police\s+<5\s*$/m)
    // Bed-days: the total only.
    assert.match(lead, /Occupied bed-days\s+730/)
    assert.match(measureBlock(lead, 'Bed-days'), /Total\s+x\s+x\s+730/)

    // The labels follow the reader's language.
    const sqPdf = await client
      .get(`/expense-reports/${report.id}/financial-report.pdf`)
      .header('accept-language', 'sq')
      .loginAs(leadManager)
    const sq = pdfText(sqPdf.body())
    assert.include(sq, 'Statistikat e shërbimeve')
    assert.match(measureBlock(sq, 'Pranimet'), /Femër\s+(x|6)\s+<5\s+(x|9)\s+Vendore/)
    assert.match(sq, /Policia\s+<5\s*$/m)

    // CSV: the same entries, as text.
    const ownCsv = await client
      .get(`/expense-reports/${report.id}/statistics.csv`)
      .loginAs(applicant)
    ownCsv.assertStatus(200)
    ownCsv.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(
      ownCsv.header('content-disposition') ?? '',
      /attachment; filename="statistics-.*\.csv"/
    )
    const [header] = parse(ownCsv.text()) as string[][]
    assert.deepEqual(header, ['measure', 'table', 'row', 'column', 'value'])
    const ownRows = csvRows(ownCsv.text())
    // 7 measures × 2 tables × 9 entries, 7 sources and their total.
    assert.lengthOf(ownRows, 7 * 2 * 9 + 8)
    assert.equal(csvValue(ownRows, 'admissions', 'sex_age_band', 'female', 'adult'), '3')
    assert.equal(csvValue(ownRows, 'admissions', 'sex_age_band', 'total', 'total'), '24')
    assert.equal(csvValue(ownRows, 'admissions', 'origin_sex', 'domestic', 'female'), '9')
    assert.equal(csvValue(ownRows, 'referrals', 'source', 'police', 'count'), '3')
    assert.notInclude(ownCsv.text(), '<5')

    const leadCsv = await client
      .get(`/expense-reports/${report.id}/statistics.csv`)
      .loginAs(leadManager)
    leadCsv.assertStatus(200)
    const leadRows = csvRows(leadCsv.text())
    assert.lengthOf(leadRows, ownRows.length)
    assert.equal(csvValue(leadRows, 'admissions', 'sex_age_band', 'female', 'adult'), '<5')
    assert.notEqual(csvValue(leadRows, 'admissions', 'origin_sex', 'domestic', 'female'), '<5')
    assert.equal(csvValue(leadRows, 'bed_days', 'sex_age_band', 'female', 'adult'), 'x')
    assert.equal(csvValue(leadRows, 'referrals', 'source', 'police', 'count'), '<5')
    assert.equal(csvValue(leadRows, 'bed_days', 'sex_age_band', 'total', 'total'), '730')
    assert.notInclude(
      leadRows.filter((r) => r.measure === 'admissions').map((r) => r.value),
      '3'
    )
  })

  test('the outsider’s CSV: "<5" only below 5, "x" only from 5, no line with a known total', async ({
    client,
    assert,
  }) => {
    const { report, applicant, leadManager } = await shelterReport()
    await saveStatistics(client, report.id, applicant)
    const ownCsv = await client
      .get(`/expense-reports/${report.id}/statistics.csv`)
      .loginAs(applicant)
    const own = csvRows(ownCsv.text())
    const response = await client
      .get(`/expense-reports/${report.id}/statistics.csv`)
      .loginAs(leadManager)
    response.assertStatus(200)
    const rows = csvRows(response.text())
    assert.lengthOf(rows, own.length)
    let hiddenSeen = 0
    rows.forEach((row, i) => {
      const truth = Number(own[i].value)
      const key = `${row.measure} ${row.table} ${row.row} ${row.column}`
      assert.equal(`${own[i].measure} ${own[i].table} ${own[i].row} ${own[i].column}`, key)
      if (row.measure === 'bed_days') {
        // Bed-days: the total only.
        const isTotal = row.row === 'total' && row.column === 'total'
        assert.equal(row.value, isTotal ? String(truth) : 'x', key)
        return
      }
      if (row.measure === 'referrals') return
      // The shelter's series holds a small count: 1–4 read "<5"; "<5" is never 5 or more,
      // "x" never below 5; an entry shown is its true value.
      if (row.value === '<5' || row.value === 'x') hiddenSeen++
      if (truth >= 1 && truth <= 4) assert.equal(row.value, '<5', key)
      else assert.oneOf(row.value, [truth < 5 ? '<5' : 'x', String(truth)], key)
    })
    assert.isAbove(hiddenSeen, 0)
    // Referrals (3 by the police, 9 by social services): zeros shown, the total hidden.
    assert.equal(csvValue(rows, 'referrals', 'source', 'police', 'count'), '<5')
    // Police = total − the other sources: some of them stays hidden.
    const others = [
      'labour_inspectorate',
      'social_services',
      'ngo',
      'embassy',
      'self',
      'other',
      'total',
    ]
    assert.isTrue(
      others.some((source) =>
        ['<5', 'x'].includes(csvValue(rows, 'referrals', 'source', source, 'count') ?? '')
      )
    )
  })

  test('an unrelated NGO gets 404 for the PDF and the CSV', async ({ client }) => {
    const { report, applicant } = await shelterReport()
    await saveStatistics(client, report.id, applicant)
    const outsider = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')

    const pdf = await client
      .get(`/expense-reports/${report.id}/financial-report.pdf`)
      .loginAs(outsider)
    pdf.assertStatus(404)
    const csv = await client.get(`/expense-reports/${report.id}/statistics.csv`).loginAs(outsider)
    csv.assertStatus(404)
    const missing = await client.get('/expense-reports/999999/statistics.csv').loginAs(outsider)
    missing.assertStatus(404)
  })

  test('without statistics the PDF has no such section and the CSV only its header', async ({
    client,
    assert,
  }) => {
    const { report, applicant } = await shelterReport()

    const pdf = await client
      .get(`/expense-reports/${report.id}/financial-report.pdf`)
      .loginAs(applicant)
    pdf.assertStatus(200)
    assert.notInclude(pdfText(pdf.body()), 'Service statistics')
    const csv = await client.get(`/expense-reports/${report.id}/statistics.csv`).loginAs(applicant)
    csv.assertStatus(200)
    assert.deepEqual(parse(csv.text()), [['measure', 'table', 'row', 'column', 'value']])
  })
})
