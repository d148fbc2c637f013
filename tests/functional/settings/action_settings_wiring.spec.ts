import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { FullApplications } from '#actions/applications/full_applications'
import { giveLogframe } from '#tests/logframe_helpers'
import { GrantContracts } from '#actions/grants/grant_contracts'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { defaultConceptGrid, defaultFullGrid } from '#domain/calls/grid'
import { fullApplicationBudget } from '#domain/calls/full_application'
import type { ProgrammeSettings } from '#domain/settings/programme_settings'
import OutsideActionException from '#exceptions/outside_action_exception'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import ApplicationCofinancingSource from '#models/application_cofinancing_source'
import Call from '#models/call'
import Grant from '#models/grant'
import type User from '#models/user'
import { todayInKosovo } from '#services/clock'
import { forgetShared, programmeSettingsAt } from '#services/programme_settings'
import { makeCall, makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

const ip = '127.0.0.1'

/** One value of the call with this reference. */
async function callValue(reference: string, name: 'cofinancingMinBp' | 'currency') {
  const call = await Call.findByOrFail('reference', reference)
  return call[name]
}

function inDays(days: number) {
  return DateTime.fromISO(todayInKosovo()).plus({ days }).toISODate()!
}

async function schedule(admin: User, from: string, values: Partial<ProgrammeSettings>) {
  const current = await programmeSettingsAt(from)
  const result = await new ScheduleProgrammeSettings().handle(
    { ...current, ...values, effectiveFrom: from },
    admin,
    ip
  )
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
}

function callForm(reference: string, overrides: Record<string, string> = {}) {
  const deadline = DateTime.utc().plus({ days: 60 }).setZone('Europe/Belgrade')
  const local = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm")
  return {
    reference,
    titleEn: 'Support to shelters for victims of trafficking',
    procedure: 'restricted',
    budgetEnvelope: '300 000,00',
    minGrant: '20 000',
    maxGrant: '60 000',
    maxFunderShare: '90',
    maxPerThirdParty: '60 000',
    conceptGrid: JSON.stringify(defaultConceptGrid),
    fullGrid: JSON.stringify(defaultFullGrid),
    conceptDeadline: local(deadline),
    fullDeadline: local(deadline.plus({ days: 40 })),
    minDaysToConceptDeadline: '45',
    minDaysToFullDeadline: '30',
    shortlistMultiple: '2',
    spreadFlag: '20',
    ...overrides,
  }
}

async function people() {
  const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
  const funder = await makeOrganisation('lead_grantee', 'Lead Funder')
  const manager = await makeMember(funder, 'grant_manager')
  return { admin, funder, manager }
}

/** An awarded application to `call` for 2027-01-01 … 2028-06-30, TEC 51 000.06. */
async function awardedTo(call: Call, status = 'awarded') {
  const ngo = await makeOrganisation('ngo', 'Awarded Shelter')
  const applicant = await makeMember(ngo, 'applicant')
  const application = await Application.create({
    callId: call.id,
    organisationId: ngo.id,
    status: status as never,
    title: 'Beds',
    currency: call.currency,
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
      quantityHundredths: 1800,
      unitCostCents: 266667,
    },
    {
      applicationId: application.id,
      position: 1,
      heading: 'indirect',
      label: 'Overheads',
      unit: 'lump sum',
      quantityHundredths: 100,
      unitCostCents: 300000,
    },
  ])
  return { application, applicant }
}

test.group('Settings: the action, co-financing minimum, languages and currency', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  /* The shared copy (languages, currency) must not outlive the rolled-back versions. */
  group.each.teardown(() => forgetShared())

  test('a call copies the co-financing minimum in force; a later version changes the next call, not it', async ({
    client,
    assert,
  }) => {
    const { admin, manager } = await people()
    const post = (reference: string, extra: Record<string, string> = {}) =>
      client
        .post('/calls')
        .form(callForm(reference, extra))
        .loginAs(manager)
        .withCsrfToken()
        .redirects(0)

    await post('SG-CO-1')
    const first = await Call.findByOrFail('reference', 'SG-CO-1')
    assert.equal(first.cofinancingMinBp, 500)

    /* From a later date: nothing changes today. */
    await schedule(admin, inDays(5), { maxFunderShareBp: 8500, cofinancingMinBp: 1500 })
    await post('SG-CO-2')
    assert.equal(await callValue('SG-CO-2', 'cofinancingMinBp'), 500)

    /* From today: the next call takes 10 %, and a share leaving less is refused on its field. */
    await schedule(admin, todayInKosovo(), { maxFunderShareBp: 9000, cofinancingMinBp: 1000 })
    const refused = await post('SG-CO-3', { maxFunderShare: '95' })
    refused.assertStatus(302)
    assert.isNull(await Call.findBy('reference', 'SG-CO-3'))
    const errors = refused.flashMessages().errorsBag as Record<string, string>
    assert.equal(
      errors.maxFunderShare,
      'The maximum funder share can be at most 90 %: co-financing must be at least 10 % of total eligible costs.'
    )
    await post('SG-CO-4')
    assert.equal(await callValue('SG-CO-4', 'cofinancingMinBp'), 1000)
    /* The calls made before keep theirs. */
    await first.refresh()
    assert.equal(first.cofinancingMinBp, 500)
  })

  test("an application's budget is checked against its call's co-financing minimum", async ({
    assert,
  }) => {
    const { funder, manager } = await people()
    const lines = [
      {
        heading: 'human_resources' as const,
        label: 'Staff',
        unit: 'month',
        quantity: '5',
        unitCostCents: 1_000_000,
      },
    ]
    const call = await makeCall(funder, manager)
    await call.refresh()
    assert.equal(call.cofinancingMinBp, 500)
    /* 95 % requested: co-financing 5 %, the call's minimum. */
    assert.deepEqual(fullApplicationBudget(call, lines, 4_750_000, null).violations, [])

    /* A call made under a 10 % minimum (its share left at 95 %, as a call from before): refused. */
    call.cofinancingMinBp = 1000
    await call.save()
    const budget = fullApplicationBudget(call, lines, 4_750_000, null)
    assert.deepEqual(
      budget.violations.map((v) => [v.code, v.params]),
      [
        [
          'COFINANCING_BELOW_MIN',
          { cofinancingCents: 250_000, minBp: 1000, minCents: 500_000, tecCents: 5_000_000 },
        ],
      ]
    )
    assert.deepEqual(fullApplicationBudget(call, lines, 4_500_000, null).violations, [])

    /* Submission refuses it, with the sentence in the reader's language. */
    call.fullDeadlineAt = DateTime.utc().plus({ days: 10 })
    await call.save()
    const { application, applicant } = await awardedTo(call, 'shortlisted')
    application.narrative = { relevance: 'a', methodology: 'b', sustainability: 'c' }
    application.fullRequestedCents = 4_845_005
    await application.save()
    await giveLogframe(application.id)
    const error = await new FullApplications()
      .submit(application.id, applicant, ip)
      .catch((e: Error) => e)
    assert.instanceOf(error, Error)
    assert.include((error as Error).message, 'Co-financing of')
  })

  test('the budget check API uses the co-financing minimum in force today', async ({
    client,
    assert,
  }) => {
    const { admin, manager } = await people()
    const body = {
      currency: 'EUR',
      lines: [
        {
          heading: 'human_resources',
          label: 'Staff',
          unit: 'month',
          quantity: '10',
          unitCostCents: 1_000_000,
        },
      ],
      requestedFunderCents: 9_400_000,
      maxFunderShareBp: 9500,
    }
    const check = () =>
      client.post('/api/v1/budget-checks').json(body).withGuard('api').loginAs(manager)
    const before = await check()
    before.assertStatus(200)
    assert.deepEqual(before.body().violations, [])
    await schedule(admin, todayInKosovo(), { maxFunderShareBp: 9000, cofinancingMinBp: 1000 })
    const after = await check()
    assert.deepEqual(
      after.body().violations.map((v: { code: string }) => v.code),
      ['COFINANCING_BELOW_MIN']
    )
  })

  test('call deadlines lie within the action; the form shows its dates', async ({
    client,
    assert,
  }) => {
    const { admin, manager } = await people()
    const form = await client.get('/calls/create').loginAs(manager)
    assert.include(form.text(), 'The action runs from 2026-01-01 to 2028-12-31')

    const post = (reference: string) =>
      client.post('/calls').form(callForm(reference)).loginAs(manager).withCsrfToken().redirects(0)
    await post('SG-AC-1')
    assert.isNotNull(await Call.findBy('reference', 'SG-AC-1'))

    /* A version from later that ends the action sooner changes nothing today. */
    const end = inDays(30)
    await schedule(admin, inDays(3), { actionEndsOn: end })
    await post('SG-AC-2')
    assert.isNotNull(await Call.findBy('reference', 'SG-AC-2'))

    await schedule(admin, todayInKosovo(), { actionEndsOn: end })
    const refused = await post('SG-AC-3')
    assert.isNull(await Call.findBy('reference', 'SG-AC-3'))
    const message = `The deadline must lie within the action, which runs from 2026-01-01 to ${end}.`
    const errors = refused.flashMessages().errorsBag as Record<string, string>
    assert.equal(errors.conceptDeadline, message)
    assert.equal(errors.fullDeadline, message)
    const shown = await client.get('/calls/create').loginAs(manager)
    assert.include(shown.text(), `The action runs from 2026-01-01 to ${end}`)
    /* The calls made before keep their deadlines. */
    assert.isNotNull(await Call.findBy('reference', 'SG-AC-1'))
  })

  test("a grant's implementation period lies within the action in force on the day: 422 naming the field", async ({
    client,
    assert,
  }) => {
    const { admin, funder, manager } = await people()
    const call = await makeCall(funder, manager, { status: 'awarded' })
    const made = await awardedTo(call)
    const earlier = await new GrantContracts().createFromAward(made.application.id, manager, ip)

    /* A later version ending the action in 2027 changes nothing today. */
    await schedule(admin, inDays(2), { actionEndsOn: '2027-12-31' })
    const second = await awardedTo(call)
    await new GrantContracts().createFromAward(second.application.id, manager, ip)

    await schedule(admin, todayInKosovo(), { actionEndsOn: '2027-12-31' })
    const third = await awardedTo(call)
    const error = await new GrantContracts()
      .createFromAward(third.application.id, manager, ip)
      .catch((e: Error) => e)
    assert.instanceOf(error, OutsideActionException)
    assert.equal((error as OutsideActionException).field, 'periodEndOn')
    assert.equal(
      (error as Error).message,
      'The implementation period must end within the action, which runs from 2026-01-01 to 2027-12-31.'
    )

    const texts: Record<string, string> = {}
    for (const language of ['en', 'sq', 'sr-Latn']) {
      const response = await client
        .post(`/applications/${third.application.id}/grant`)
        .header('accept', 'application/json')
        .header('accept-language', language)
        .loginAs(manager)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(422)
      const [problem] = response.body().errors
      assert.equal(problem.code, 'E_OUTSIDE_ACTION')
      assert.equal(problem.field, 'periodEndOn')
      texts[language] = problem.message
    }
    assert.include(texts.sq, '2027-12-31')
    assert.include(texts['sr-Latn'], '2027-12-31')
    assert.lengthOf(new Set(Object.values(texts)), 3)

    /* The grant made before keeps its period. */
    await earlier.refresh()
    assert.equal(earlier.endsOn.toISODate(), '2028-06-30')
    assert.isNull(await Grant.findBy('application_id', third.application.id))
  })

  test("a full application's period lies within the action in force on the day of submission", async ({
    assert,
  }) => {
    const { admin, funder, manager } = await people()
    const call = await makeCall(funder, manager, { status: 'shortlisted' })
    call.fullDeadlineAt = DateTime.utc().plus({ days: 10 })
    await call.save()
    const submitted = async () => {
      const { application, applicant } = await awardedTo(call, 'shortlisted')
      application.narrative = { relevance: 'a', methodology: 'b', sustainability: 'c' }
      application.fullRequestedCents = 4_845_005
      await application.save()
      await giveLogframe(application.id)
      await ApplicationCofinancingSource.create({
        applicationId: application.id,
        position: 0,
        kind: 'own_funds',
        source: 'Own funds',
        currency: 'EUR',
        amountCents: 255_001,
      })
      return new FullApplications().submit(application.id, applicant, ip).catch((e: Error) => e)
    }
    assert.equal(((await submitted()) as Application).status, 'full_submitted')
    await schedule(admin, inDays(1), { actionStartsOn: '2027-06-01' })
    assert.equal(((await submitted()) as Application).status, 'full_submitted')

    await schedule(admin, todayInKosovo(), { actionStartsOn: '2027-06-01' })
    const error = await submitted()
    assert.instanceOf(error, OutsideActionException)
    assert.equal((error as OutsideActionException).field, 'periodStartOn')
    assert.equal(
      (error as Error).message,
      'The implementation period must start within the action, which runs from 2027-06-01 to 2028-12-31.'
    )
  })

  test('only the configured languages are offered and accepted; English always', async ({
    client,
    assert,
  }) => {
    const { admin, manager } = await people()
    manager.locale = 'sr-Latn'
    await manager.save()

    const before = await client.get('/profile').loginAs(manager)
    assert.include(before.text(), '<html lang="sr-Latn"')

    /* From tomorrow: still offered today. */
    await schedule(admin, inDays(1), { languages: ['sq'] })
    const stillToday = await client.get('/profile').loginAs(manager)
    assert.include(stillToday.text(), '<html lang="sr-Latn"')

    await schedule(admin, todayInKosovo(), { languages: ['sq'] })
    const page = await client.get('/profile').loginAs(manager)
    /* Her stored Serbian falls back to English; the switcher offers English and Albanian only. */
    assert.include(page.text(), '<html lang="en"')
    assert.include(page.text(), '>Shqip<')
    assert.notInclude(page.text(), '>Srpski<')

    const refused = await client
      .post('/locale')
      .form({ locale: 'sr-Latn' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage('error', 'This language is not offered by the programme.')
    const accepted = await client
      .post('/locale')
      .form({ locale: 'sq' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    accepted.assertSessionMissing('error' as never)

    /* Accept-Language asks for Serbian: the API answers in English. */
    const api = await client
      .get('/api/v1/progress-packs/not-a-quarter')
      .header('accept-language', 'sr-Latn')
      .withGuard('api')
      .loginAs(admin)
    const albanian = await client
      .get('/api/v1/progress-packs/not-a-quarter')
      .header('accept-language', 'sq')
      .withGuard('api')
      .loginAs(admin)
    const english = await client
      .get('/api/v1/progress-packs/not-a-quarter')
      .header('accept-language', 'en')
      .withGuard('api')
      .loginAs(admin)
    assert.equal(api.status(), english.status())
    assert.deepEqual(api.body(), english.body())
    assert.notDeepEqual(albanian.body(), english.body())
  })

  test('new calls and handover records take the programme currency in force; earlier ones keep theirs', async ({
    client,
    assert,
  }) => {
    const { admin, manager } = await people()
    const post = (reference: string) =>
      client.post('/calls').form(callForm(reference)).loginAs(manager).withCsrfToken().redirects(0)
    await post('SG-CU-1')
    assert.equal(await callValue('SG-CU-1', 'currency'), 'EUR')

    await schedule(admin, inDays(4), { currency: 'CHF' })
    await post('SG-CU-2')
    assert.equal(await callValue('SG-CU-2', 'currency'), 'EUR')

    await schedule(admin, todayInKosovo(), { currency: 'CHF' })
    await post('SG-CU-3')
    assert.equal(await callValue('SG-CU-3', 'currency'), 'CHF')
    assert.equal(await callValue('SG-CU-1', 'currency'), 'EUR')

    /* The handover's figures (API and page) are in the programme currency. */
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    await makeShelter(await makeOrganisation('ngo', 'Shelter NGO'))
    const national = await client
      .get('/api/v1/handover/national')
      .withGuard('api')
      .loginAs(official)
    national.assertStatus(200)
    assert.equal(national.body().data.currency, 'CHF')
    const page = await client.get('/handover').loginAs(official)
    page.assertStatus(200)
    assert.include(page.text(), 'CHF')
  })
})
