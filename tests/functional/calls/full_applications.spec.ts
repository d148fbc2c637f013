import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { defaultProgrammeSettings } from '#domain/settings/programme_settings'
import { todayInKosovo } from '#services/clock'
import Application from '#models/application'
import { makeCall, makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'
import { completeLogframe, giveLogframe } from '#tests/logframe_helpers'
import Logframe from '#models/logframe'
import ApplicationBudgetLine from '#models/application_budget_line'
import { programmeIndicator } from '../narrative/fixtures.js'

const ip = '127.0.0.1'

/** A shortlisted application; unless told otherwise, its logframe has what the submission needs. */
async function shortlistedApplication(
  status: 'shortlisted' | 'not_shortlisted' = 'shortlisted',
  { logframe = true } = {}
) {
  const funder = await makeOrganisation('lead_grantee')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager)
  const ngo = await makeOrganisation('ngo')
  const applicant = await makeMember(ngo, 'applicant')
  const notes = new ConceptNotes()
  const application = await notes.start(call, ngo.id, applicant, ip)
  await notes.save(
    application,
    { title: 'Beds', summary: 's', objectives: 'o', estimatedTotal: 5263158, requested: 5000000 },
    applicant,
    ip
  )
  await notes.submit(application.id, applicant, ip)
  call.status = 'shortlisted'
  await call.save()
  application.status = status
  await application.save()
  if (logframe) await giveLogframe(application.id)
  return { application, applicant, call }
}

const fullForm = (indirect: string) => ({
  'periodStartOn': '2027-03-01',
  'periodEndOn': '2028-02-29',
  'narrative[relevance]': 'Needed',
  'narrative[methodology]': 'Beds and care',
  'narrative[sustainability]': 'State funding',
  'lines[0][heading]': 'human_resources',
  'lines[0][label]': 'Social workers',
  'lines[0][unit]': 'month',
  'lines[0][quantity]': '12',
  'lines[0][unitCost]': '4 000,00',
  'lines[1][heading]': 'indirect',
  'lines[1][label]': 'Overheads',
  'lines[1][unit]': 'lump sum',
  'lines[1][quantity]': '1',
  'lines[1][unitCost]': indirect,
  'lines[2][heading]': 'travel',
  'lines[2][label]': '',
  'lines[2][unit]': '',
  'lines[2][quantity]': '',
  'lines[2][unitCost]': '',
  'requested': '',
})

/** Two co-financing sources as the form posts them, plus a blank row left as is. */
const sources = (own: string, donor: string, donorKind = 'other_donor') => ({
  'cofinancing[0][kind]': 'own_funds',
  'cofinancing[0][source]': 'Own funds',
  'cofinancing[0][amount]': own,
  'cofinancing[1][kind]': donorKind,
  'cofinancing[1][source]': 'Municipality',
  'cofinancing[1][amount]': donor,
  'cofinancing[2][kind]': 'own_funds',
  'cofinancing[2][source]': '',
  'cofinancing[2][amount]': '',
})

test.group('Calls: full applications', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a shortlisted applicant saves a budget; a violation blocks submission until fixed', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication()

    const saved = await client
      .put(`/applications/${application.id}/full`)
      .form(fullForm('3 360,01'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    saved.assertFlashMessage('success', 'The full application is saved.')
    const page = await client.get(`/applications/${application.id}/full`).loginAs(applicant)
    page.assertTextIncludes('data-violation="INDIRECT_OVER_CAP"')

    const refused = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(refused.flashMessages().error), /Correct the budget first/)
    await application.refresh()
    assert.equal(application.status, 'shortlisted')

    await client
      .put(`/applications/${application.id}/full`)
      .form(fullForm('3 360,00'))
      .loginAs(applicant)
      .withCsrfToken()
    // TEC 51 360.00 − F 48 792.00 = 2 568.00 of co-financing, and no source yet.
    const noSources = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.include(String(noSources.flashMessages().error), 'Co-financing sources')
    await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00') })
      .loginAs(applicant)
      .withCsrfToken()
    const submitted = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The full application is submitted.')
    const fresh = await Application.findOrFail(application.id)
    assert.equal(fresh.status, 'full_submitted')
    assert.equal(fresh.fullTotalCents, 5136000)
    assert.equal(fresh.fullRequestedCents, 4879200)
  })

  test('the live preview computes the budget without storing it', async ({ client, assert }) => {
    const { application, applicant } = await shortlistedApplication()

    const response = await client
      .post(`/applications/${application.id}/budget-preview`)
      .form(fullForm('3 360,00'))
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')

    response.assertStatus(200)
    response.assertBodyContains({
      directCents: 4800000,
      indirectCents: 336000,
      totalEligibleCents: 5136000,
      violations: [],
    })
    const lines = await application.related('budgetLines').query()
    assert.lengthOf(lines, 0)
  })

  test('only shortlisted applicants can submit a full application', async ({ client, assert }) => {
    const { application, applicant } = await shortlistedApplication('not_shortlisted')

    const response = await client
      .put(`/applications/${application.id}/full`)
      .form(fullForm('3 360,00'))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(response.flashMessages().error), /Only a shortlisted applicant/)
    const submit = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(submit.flashMessages().error), /Only a shortlisted applicant/)
  })

  test('a request more than 20 % away from the concept note is a violation', async ({ client }) => {
    const { application, applicant } = await shortlistedApplication()

    const response = await client
      .post(`/applications/${application.id}/budget-preview`)
      .form({ ...fullForm('3 360,00'), requested: '39 999,99' })
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')

    response.assertBodyContains({ violations: [{ code: 'REQUEST_CHANGED_OVER_LIMIT' }] })
  })
})

test.group('Calls: co-financing sources and the implementation period at submission', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('sources that do not add up to TEC − F are refused, naming the difference; exact ones pass and show', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication()
    await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '567,99') })
      .loginAs(applicant)
      .withCsrfToken()
    const { default: ApplicationCofinancingSource } =
      await import('#models/application_cofinancing_source')
    const rows = await ApplicationCofinancingSource.query()
      .where('application_id', application.id)
      .orderBy('position')
    assert.deepEqual(
      rows.map((r) => [r.kind, r.source, r.amountCents]),
      [
        ['own_funds', 'Own funds', 200000],
        ['other_donor', 'Municipality', 56799],
      ]
    )

    const refused = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    const message = String(refused.flashMessages().error)
    assert.include(message, 'Co-financing sources')
    assert.include(message, '€2,567.99')
    assert.include(message, '2,568.00')
    assert.include(message, '-€0.01')
    assert.include(
      String((refused.flashMessages().errorsBag as Record<string, string>).cofinancing),
      'Co-financing sources'
    )
    await application.refresh()
    assert.equal(application.status, 'shortlisted')

    await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00') })
      .loginAs(applicant)
      .withCsrfToken()
    const submitted = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The full application is submitted.')
    const page = await client.get(`/applications/${application.id}/full`).loginAs(applicant)
    page.assertTextIncludes('data-cofinancing-sources')
    page.assertTextIncludes('Municipality')
  })

  test('the refusal is in the reader’s language (sq, sr)', async ({ client, assert }) => {
    const { application, applicant } = await shortlistedApplication()
    await client
      .put(`/applications/${application.id}/full`)
      .form(fullForm('3 360,00'))
      .loginAs(applicant)
      .withCsrfToken()
    for (const [locale, words] of [
      ['sq', 'Burimet e bashkëfinancimit'],
      ['sr-Latn', 'Izvori sufinansiranja'],
    ]) {
      const refused = await client
        .post(`/applications/${application.id}/full-submission`)
        .withSession({ locale })
        .loginAs(applicant)
        .withCsrfToken()
        .redirects(0)
      assert.include(String(refused.flashMessages().error), words)
    }
  })

  test('a period outside the call’s minimum and maximum is refused at submission', async ({
    client,
    assert,
  }) => {
    const { application, applicant, call } = await shortlistedApplication()
    call.merge({ minDurationMonths: 12, maxDurationMonths: 24 })
    await call.save()
    // 2027-03-01 … 2029-03-31 is 25 months.
    await client
      .put(`/applications/${application.id}/full`)
      .form({
        ...fullForm('3 360,00'),
        ...sources('2 000,00', '568,00'),
        periodEndOn: '2029-03-31',
      })
      .loginAs(applicant)
      .withCsrfToken()
    const tooLong = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.include(String(tooLong.flashMessages().error), 'Implementation period: 25 months')
    assert.include(
      String((tooLong.flashMessages().errorsBag as Record<string, string>).periodEndOn),
      '24 months'
    )

    // 2027-03-01 … 2028-01-31 is 11 months.
    await client
      .put(`/applications/${application.id}/full`)
      .form({
        ...fullForm('3 360,00'),
        ...sources('2 000,00', '568,00'),
        periodEndOn: '2028-01-31',
      })
      .loginAs(applicant)
      .withCsrfToken()
    const tooShort = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.include(String(tooShort.flashMessages().error), 'minimum of 12 months')
    await application.refresh()
    assert.equal(application.status, 'shortlisted')

    // 2027-03-01 … 2029-02-28 is exactly 24 months, in an action that runs until 2030.
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const settings = await new ScheduleProgrammeSettings().handle(
      { ...defaultProgrammeSettings, actionEndsOn: '2030-12-31', effectiveFrom: todayInKosovo() },
      admin,
      '127.0.0.1'
    )
    assert.isTrue(settings.ok)
    await client
      .put(`/applications/${application.id}/full`)
      .form({
        ...fullForm('3 360,00'),
        ...sources('2 000,00', '568,00'),
        periodEndOn: '2029-02-28',
      })
      .loginAs(applicant)
      .withCsrfToken()
    const submitted = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The full application is submitted.')
  })

  test('in kind is refused unless the call accepts it', async ({ client, assert }) => {
    const { application, applicant, call } = await shortlistedApplication()
    const refused = await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00', 'in_kind') })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.include(String(refused.flashMessages().error), 'contributions in kind')
    const { default: ApplicationCofinancingSource } =
      await import('#models/application_cofinancing_source')
    assert.lengthOf(
      await ApplicationCofinancingSource.query().where('application_id', application.id),
      0
    )

    call.allowsInKind = true
    await call.save()
    await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00', 'in_kind') })
      .loginAs(applicant)
      .withCsrfToken()
    const submitted = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The full application is submitted.')
  })

  test('the grant amount within the call’s range and the request within 20 % of the concept note are checked at submission', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication()
    // F 39 999.99 differs from the concept note's 50 000.00 by more than 20 %.
    await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00'), requested: '39 999,99' })
      .loginAs(applicant)
      .withCsrfToken()
    const refused = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.include(String(refused.flashMessages().error), 'concept note')
    await application.refresh()
    assert.equal(application.status, 'shortlisted')
  })
})

test.group('Calls: the logframe at submission', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('without a logframe the submission is refused, naming what is missing; what was typed is saved', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication('shortlisted', {
      logframe: false,
    })
    const form = await client.get(`/applications/${application.id}/full`).loginAs(applicant)
    // The free-text logframe table is gone; the builder and what it still lacks are shown.
    assert.notInclude(form.text(), 'name="logframe[')
    assert.include(form.text(), 'data-logframe-builder')
    assert.include(form.text(), 'data-logframe-gap="objective"')
    assert.include(form.text(), 'data-logframe-gap="result_indicator"')

    const refused = await client
      .post(`/applications/${application.id}/full-submission`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00') })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    const message = String(refused.flashMessages().error)
    assert.include(message, 'its logframe needs')
    assert.include(message, 'an objective')
    assert.include(message, 'a result measured by an indicator with a baseline and a target')
    await application.refresh()
    assert.equal(application.status, 'shortlisted')
    assert.isNull(application.fullSubmittedAt)
    // What was typed in the form was saved before the refusal.
    assert.equal(application.narrative?.methodology, 'Beds and care')
    const lines = await ApplicationBudgetLine.query().where('application_id', application.id)
    assert.lengthOf(lines, 2)
    const audit = await db
      .from('audit_events')
      .where({ action: 'application.full_submitted', subject_id: String(application.id) })
    assert.lengthOf(audit, 0)

    // Once the logframe has what is needed, the same submission goes through.
    await giveLogframe(application.id)
    const page = await client.get(`/applications/${application.id}/full`).loginAs(applicant)
    assert.include(page.text(), 'data-logframe-ready')
    const submitted = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The full application is submitted.')
  })

  test('each gap is named: a result without an activity, an indicator without a target', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication('shortlisted', {
      logframe: false,
    })
    const logframe = completeLogframe()
    logframe.items.push({ ref: 'R2', level: 'result', parent: 'SO1', text: 'Staff trained' })
    logframe.indicators[0] = { ...logframe.indicators[0], target: null }
    await giveLogframe(application.id, logframe)
    await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00') })
      .loginAs(applicant)
      .withCsrfToken()
    const refused = await client
      .post(`/applications/${application.id}/full-submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    const message = String(refused.flashMessages().error)
    assert.include(message, 'an activity under result R2')
    assert.include(message, 'a result measured by an indicator with a baseline and a target')
    assert.notInclude(message, 'an objective')
    const builder = await client.get(`/applications/${application.id}/logframe`).loginAs(applicant)
    assert.include(builder.text(), 'data-logframe-gap="activity"')
  })

  test('missing fields and logframe gaps come in one refusal', async ({ client, assert }) => {
    const { application, applicant } = await shortlistedApplication('shortlisted', {
      logframe: false,
    })
    const refused = await client
      .post(`/applications/${application.id}/full-submission`)
      .form({ ...fullForm('3 360,00'), 'narrative[relevance]': '' })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    const message = String(refused.flashMessages().error)
    assert.include(message, 'Complete the full application first')
    assert.include(message, 'relevance')
    assert.include(message, 'the logframe: an objective')
  })

  test('the refusal is in the reader’s language on the page and in the API, one error per gap', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication('shortlisted', {
      logframe: false,
    })
    await client
      .put(`/applications/${application.id}/full`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00') })
      .loginAs(applicant)
      .withCsrfToken()
    for (const [locale, words] of [
      ['sq', 'korniza logjike ka nevojë për'],
      ['sr-Latn', 'logičkom okviru je potrebno'],
    ]) {
      const refused = await client
        .post(`/applications/${application.id}/full-submission`)
        .withSession({ locale })
        .loginAs(applicant)
        .withCsrfToken()
        .redirects(0)
      assert.include(String(refused.flashMessages().error), words)
    }

    const created = await client
      .post('/api/v1/tokens')
      .json({ email: applicant.email, password: TEST_PASSWORD })
    const token = created.body().token as string
    for (const [language, words] of [
      ['en', 'an objective'],
      ['sq', 'një objektiv'],
      ['sr-Latn', 'cilj (opšti cilj'],
    ]) {
      const api = await client
        .post(`/api/v1/applications/${application.id}/full-submission`)
        .header('accept-language', language)
        .bearerToken(token)
      api.assertStatus(409)
      const errors = api.body().errors as { code: string; message: string; field: string }[]
      assert.deepEqual(
        errors.map((e) => e.code),
        ['E_LOGFRAME_OBJECTIVE', 'E_LOGFRAME_RESULT_INDICATOR']
      )
      assert.include(errors[0].message, words)
      assert.equal(errors[0].field, 'logframe')
    }
    await application.refresh()
    assert.equal(application.status, 'shortlisted')

    await giveLogframe(application.id)
    const submitted = await client
      .post(`/api/v1/applications/${application.id}/full-submission`)
      .bearerToken(token)
    submitted.assertStatus(200)
    assert.equal(submitted.body().data.status, 'full_submitted')
  })

  test('a programme indicator with the action’s own baseline and target is enough', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication('shortlisted', {
      logframe: false,
    })
    const indicator = await programmeIndicator()
    // The empty builder has inputs (not template text) for a whole minimal logframe.
    const builder = await client.get(`/applications/${application.id}/logframe`).loginAs(applicant)
    assert.match(builder.text(), /<input[^>]*name="items\[7\]\[text\]"/)
    assert.match(builder.text(), /<input[^>]*name="indicators\[0\]\[baseline\]"/)
    assert.notInclude(builder.text(), '@!form.cell')
    const form: Record<string, string> = {
      'items[0][ref]': 'OO',
      'items[0][level]': 'overall_objective',
      'items[0][text]': 'Victims are protected',
      'items[1][ref]': 'SO1',
      'items[1][level]': 'specific_objective',
      'items[1][parent]': 'OO',
      'items[1][text]': 'Care to the standards',
      'items[2][ref]': 'R1',
      'items[2][level]': 'result',
      'items[2][parent]': 'SO1',
      'items[2][text]': 'Victims reintegrated',
      'items[3][ref]': 'A1.1',
      'items[3][level]': 'activity',
      'items[3][parent]': 'R1',
      'items[3][text]': 'Follow-up at 6 and 12 months',
      'indicators[0][ref]': 'I1',
      'indicators[0][measures]': 'R1',
      'indicators[0][programmeIndicatorId]': String(indicator.id),
      'indicators[0][baseline]': '4',
      'indicators[0][target]': '6',
    }
    await client
      .put(`/applications/${application.id}/logframe`)
      .form(form)
      .loginAs(applicant)
      .withCsrfToken()
    const row = await Logframe.findByOrFail('application_id', application.id)
    assert.equal(row.content.indicators[0].programmeIndicatorId, indicator.id)
    assert.equal(row.content.indicators[0].baseline, '4')
    assert.equal(row.content.indicators[0].target, '6')
    assert.isNull(row.content.indicators[0].title)

    const submitted = await client
      .post(`/applications/${application.id}/full-submission`)
      .form({ ...fullForm('3 360,00'), ...sources('2 000,00', '568,00') })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The full application is submitted.')
  })

  test('free-text logframe rows of an older application stay readable and are not changed by a save', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlistedApplication()
    application.logframe = [
      { level: 'objective', text: 'Typed before the builder', baseline: '1', target: '2' },
    ]
    await application.save()
    const page = await client.get(`/applications/${application.id}/full`).loginAs(applicant)
    assert.include(page.text(), 'data-legacy-logframe')
    assert.include(page.text(), 'Typed before the builder')
    await client
      .put(`/applications/${application.id}/full`)
      .form({
        ...fullForm('3 360,00'),
        'logframe[0][level]': 'result',
        'logframe[0][text]': 'Posted by an old form',
      })
      .loginAs(applicant)
      .withCsrfToken()
    await application.refresh()
    assert.deepEqual(
      application.logframe?.map((row) => row.text),
      ['Typed before the builder']
    )
  })
})
