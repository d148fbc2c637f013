import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import { AuditTrail } from '#services/audit_trail'
import { makeSignedGrant, paymentPeople } from '#tests/grant_fixtures'
import { fileWith, makeCall, makeMember, makeOrganisation, sentMails } from '#tests/helpers'

/**
 * Mails, field errors of the call form, import errors, the evaluation
 * report PDF, the control-character refusal and the auditor's recent
 * decisions are said in the reader's language; English stays the default.
 */
function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pdf-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

function callForm(overrides: Record<string, string> = {}) {
  const local = (d: DateTime) => d.setZone('Europe/Belgrade').toFormat("yyyy-MM-dd'T'HH:mm")
  const concept = DateTime.utc().plus({ days: 60 })
  return {
    reference: 'SG-2027-31',
    titleEn: 'Support to shelters',
    procedure: 'restricted',
    budgetEnvelope: '300 000,00',
    minGrant: '20 000',
    maxGrant: '60 000',
    maxFunderShare: '95',
    maxPerThirdParty: '60 000',
    checklist: 'Registered NGO',
    conceptGrid: JSON.stringify(defaultConceptGrid),
    fullGrid: JSON.stringify(defaultFullGrid),
    conceptDeadline: local(concept),
    fullDeadline: local(concept.plus({ days: 40 })),
    minDaysToConceptDeadline: '45',
    minDaysToFullDeadline: '30',
    shortlistMultiple: '2',
    spreadFlag: '20',
    ...overrides,
  }
}

test.group('Languages: texts of mails, forms, imports and documents', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the password reset mail is in the recipient’s language', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const user = await makeMember(await makeOrganisation('ngo'), 'applicant')
    user.locale = 'sq'
    await user.save()
    await client.post('/password/forgot').form({ email: user.email }).withCsrfToken().redirects(0)
    const [sent] = sentMails(messages)
    assert.equal(sent.subject, 'Shelter Grants: rivendosni fjalëkalimin')
    assert.include(sent.text, `Përshëndetje ${user.fullName},`)
    assert.match(sent.text, /\/password\/reset\/[A-Za-z0-9_-]+/)
  })

  test('the call form’s field errors and grid problems are in the page’s language', async ({
    client,
    assert,
  }) => {
    const manager = await makeMember(await makeOrganisation('lead_grantee'), 'grant_manager')
    const grid = { ...defaultConceptGrid, threshold: 999 }
    const errorsOf = async (locale: string, overrides: Record<string, string>) => {
      const response = await client
        .post('/calls')
        .withSession({ locale })
        .form(callForm(overrides))
        .loginAs(manager)
        .withCsrfToken()
        .redirects(0)
      // The set-up rules' errors, and the validator's (lists of messages per field).
      const flash = response.flashMessages()
      return {
        ...(flash.inputErrorsBag as Record<string, string[]>),
        ...(flash.errorsBag as Record<string, string>),
      } as Record<string, string | string[]>
    }
    // Refused by the set-up rules: grant range and grid.
    const rules = { minGrant: '70 000', conceptGrid: JSON.stringify(grid) }
    const albanian = await errorsOf('sq', rules)
    assert.include(String(albanian.maxGrant), 'Granti maksimal është nën grantin minimal.')
    assert.include(String(albanian.conceptGrid), 'Pragu i kalimit është jashtë 0…50.')
    const english = await errorsOf('en', rules)
    assert.include(String(english.maxGrant), 'The maximum grant is below the minimum.')
    assert.include(String(english.conceptGrid), 'The threshold is outside 0…50.')

    // Refused by the validator: a share and a multiple out of range.
    const shapes = { maxFunderShare: '150', shortlistMultiple: '11' }
    const serbian = await errorsOf('sr-Latn', shapes)
    assert.include(String(serbian.maxFunderShare), 'Unesite procenat od 0 do 100')
    assert.include(String(serbian.shortlistMultiple), 'Unesite višestruku vrednost od 0 do 10')
    const inEnglish = await errorsOf('en', shapes)
    assert.include(String(inEnglish.maxFunderShare), 'Enter a percentage between 0 and 100')
  })

  test('import errors follow Accept-Language on the API and the page’s language on the web', async ({
    client,
    assert,
  }) => {
    const { grant } = await makeSignedGrant({ grantee: await makeOrganisation('ngo', 'Shelter T') })
    const { applicant } = await paymentPeople(grant)
    const opened = await client
      .post(`/api/v1/grants/${grant.id}/expense-reports`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ periodNumber: 1 })
    const reportId = opened.body().data.id as number
    const file = Buffer.from(
      'date,supplier,description,budget_line,standard,amount\n2026-02-30,,Food,99,MS-02,abc\n'
    )
    const api = await client
      .post(`/api/v1/expense-reports/${reportId}/imports`)
      .header('accept-language', 'sr-Latn')
      .withGuard('api')
      .loginAs(applicant)
      .file('file', await fileWith('lines.csv', file))
    api.assertStatus(422)
    const messages = api.body().data.errors.map((e: { message: string }) => e.message)
    assert.includeMembers(messages, [
      'Datum „2026-02-30” ne postoji',
      'Dobavljač je obavezan',
      'Nepoznata budžetska linija „99”',
      'Iznos „abc” nije iznos poput 12 500,00',
    ])

    const page = await client
      .get(`/expense-reports/${reportId}`)
      .withSession({ locale: 'sq' })
      .loginAs(applicant)
    page.assertTextIncludes('Furnitori është i detyrueshëm')
    const englishPage = await client.get(`/expense-reports/${reportId}`).loginAs(applicant)
    englishPage.assertTextIncludes('Supplier is required')

    const sample = await client
      .get(`/expense-reports/${reportId}/sample.csv`)
      .withSession({ locale: 'sr-Latn' })
      .loginAs(applicant)
    assert.include(sample.text(), 'Obroci za korisnike')
  })

  test('the InforEuro import lists its errors in the page’s language', async ({
    client,
    assert,
  }) => {
    const finance = await makeMember(await makeOrganisation('lead_grantee'), 'finance_officer')
    const response = await client
      .post('/inforeuro-rates/imports')
      .withSession({ locale: 'sq' })
      .file('file', await fileWith('rates.csv', Buffer.from('currency,month,rate\nEUR,2026-3,x\n')))
      .loginAs(finance)
      .withCsrfToken()
      .redirects(0)
    const errors = response.flashMessages().importErrors as { message: string }[]
    assert.includeMembers(
      errors.map((error) => error.message),
      ['EUR nuk ka nevojë për kurs', 'Muaji „2026-3” nuk është muaj si 2026-03']
    )
  })

  test('the evaluation report PDF is in the reader’s language', async ({ client, assert }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const albanian = await client
      .get(`/calls/${call.id}/evaluation-report.pdf`)
      .withSession({ locale: 'sq' })
      .loginAs(manager)
    albanian.assertStatus(200)
    const text = pdfText(albanian.body())
    assert.include(text, `Raporti i vlerësimit — ${call.reference}`)
    assert.include(text, 'Afati për notat koncepti')
    assert.notInclude(text, 'Evaluation report')
    const english = await client.get(`/calls/${call.id}/evaluation-report.pdf`).loginAs(manager)
    assert.include(pdfText(english.body()), `Evaluation report — ${call.reference}`)
  })

  test('a control character and a missing field are refused in the language of Accept-Language', async ({
    client,
    assert,
  }) => {
    const refused = await client
      .post('/api/v1/tokens')
      .header('accept-language', 'sr-Latn')
      .json({ email: 'someone\u0000@example.test', password: 'a long password' })
    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].message, 'Kontrolni znakovi nisu dozvoljeni')
    const english = await client
      .post('/api/v1/tokens')
      .json({ email: 'someone\u0000@example.test', password: 'a long password' })
    assert.equal(english.body().errors[0].message, 'Control characters are not allowed')

    // The API's validation messages follow Accept-Language too.
    const missing = await client
      .post('/api/v1/tokens')
      .header('accept-language', 'sq')
      .json({ email: 'someone@example.test' })
    missing.assertStatus(422)
    assert.deepInclude(missing.body().errors, {
      code: 'E_VALIDATION_REQUIRED',
      message: 'Plotësoni fushën „fjalëkalimi“',
      field: 'password',
    })
  })

  test('the auditor’s recent decisions are said in words, the code kept for the filter', async ({
    client,
  }) => {
    const auditor = await makeMember(await makeOrganisation('contracting_authority'), 'auditor')
    await AuditTrail.recordNow({
      actorId: auditor.id,
      action: 'expense_report.statistics_saved',
      subjectType: 'expense_report',
      subjectId: 1,
    })
    await AuditTrail.recordNow({ actorId: auditor.id, action: 'experiment.unlabelled' })
    for (const [locale, words] of [
      ['en', 'Service statistics saved'],
      ['sq', 'Statistikat e shërbimeve u ruajtën'],
      ['sr-Latn', 'Statistika usluga sačuvana'],
    ]) {
      const page = await client.get('/dashboard').withSession({ locale }).loginAs(auditor)
      page.assertTextIncludes(
        `<a href="/admin/audit-events?action=expense_report.statistics_saved">${words}</a>`
      )
      // A code without a label is shown as it is.
      page.assertTextIncludes('>experiment.unlabelled</a>')
    }
  })
})
