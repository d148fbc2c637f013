import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { GrantContracts } from '#actions/grants/grant_contracts'
import { SendLicenceReminders } from '#actions/licences/send_licence_reminders'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { defaultProgrammeSettings } from '#domain/settings/programme_settings'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import Call from '#models/call'
import Grant from '#models/grant'
import Notification from '#models/notification'
import ProgrammeSettingsVersion from '#models/programme_settings_version'
import type User from '#models/user'
import { budgetOverview } from '#queries/budget_overview'
import { todayInKosovo } from '#services/clock'
import { programmeSettingsAt } from '#services/programme_settings'
import { makeCall, makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

/** The page's form with the defaults, as a person would type them, and `changes`. */
function formBody(changes: Record<string, unknown> = {}) {
  const d = defaultProgrammeSettings
  const pct = (bp: number) => String(bp / 100)
  return {
    effectiveFrom: todayInKosovo(),
    actionTitle: d.actionTitle,
    decisionNumber: 'C(2025) 1234',
    actionStartsOn: d.actionStartsOn,
    actionEndsOn: d.actionEndsOn,
    currency: 'EUR',
    languages: ['en', 'sq', 'sr-Latn'],
    maxFunderShareBp: pct(d.maxFunderShareBp),
    cofinancingMinBp: pct(d.cofinancingMinBp),
    indirectCapBp: pct(d.indirectCapBp),
    contingencyCapBp: pct(d.contingencyCapBp),
    maxPerThirdPartyCents: '60 000,00',
    maxRequestChangeBp: pct(d.maxRequestChangeBp),
    maxDurationMonths: '24',
    prefinancingCapBp: pct(d.prefinancingCapBp),
    optionOnePrefinancingBp: pct(d.optionOnePrefinancingBp),
    optionOneMaxMonths: '12',
    optionOneMaxFunderCents: '100000',
    flexibilityBp: pct(d.flexibilityBp),
    addendumNoticeDays: '30',
    licenceReminderDays: '90, 60, 30, 0',
    reportReminderDaysBefore: '14, 3',
    reportReminderDaysAfter: '1, 14',
    publicationMinimum: '5',
    handoverOccupancyBp: '75',
    bedYearNormCents: '',
    handoverTargetPathBp: '50 / 70 / 100',
    ...changes,
  }
}

/** The API's body: the defaults in basis points and cents, and `changes`. */
function apiBody(changes: Record<string, unknown> = {}) {
  return { ...defaultProgrammeSettings, effectiveFrom: todayInKosovo(), ...changes }
}

async function people() {
  const authority = await makeOrganisation('contracting_authority', 'EU Office')
  const admin = await makeMember(authority, 'admin')
  const manager = await makeMember(authority, 'grant_manager')
  return { authority, admin, manager }
}

/** An awarded application of a fresh call, ready to become a grant (F 48 450.05, option 1). */
async function awardedApplication(funderManager: User) {
  const funder = await makeOrganisation('lead_grantee', `Lead ${Math.random()}`)
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager, { status: 'awarded' })
  const ngo = await makeOrganisation('ngo')
  const applicant = await makeMember(ngo, 'applicant')
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
      quantityHundredths: 1800,
      unitCostCents: 266667,
    },
  ])
  void funderManager
  return { manager, application }
}

test.group('Programme settings: admin page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an admin sees the values in force (the defaults) and schedules a version', async ({
    client,
    assert,
  }) => {
    const { admin } = await people()
    const page = await client.get('/admin/settings').loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), 'Programme settings')
    assert.include(page.text(), '95 %')

    const tomorrow = DateTime.fromISO(todayInKosovo()).plus({ days: 1 }).toISODate()!
    const response = await client
      .post('/admin/settings')
      .form(
        formBody({ effectiveFrom: tomorrow, flexibilityBp: '20', maxPerThirdPartyCents: '50 000' })
      )
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/settings')

    const version = await ProgrammeSettingsVersion.query()
      .where('effective_from', tomorrow)
      .firstOrFail()
    assert.equal(version.values.flexibilityBp, 2000)
    assert.equal(version.values.maxPerThirdPartyCents, 5_000_000)
    assert.equal(version.values.decisionNumber, 'C(2025) 1234')
    assert.deepEqual(version.values.licenceReminderDays, [90, 60, 30, 0])
    assert.deepEqual(version.values.handoverTargetPathBp, [5000, 7000, 10000])
    assert.equal(version.createdById, admin.id)

    const event = await db
      .from('audit_events')
      .where({ action: 'programme_settings.scheduled', actor_id: admin.id })
      .firstOrFail()
    assert.include(event.before_json, '"flexibilityBp":2500')
    assert.include(event.after_json, '"flexibilityBp":2000')
    assert.deepEqual(JSON.parse(event.after_json).changed, [
      'decisionNumber',
      'maxPerThirdPartyCents',
      'flexibilityBp',
    ])

    // Not in force today; tomorrow it is, and the history names who recorded it.
    assert.equal(
      await programmeSettingsAt(todayInKosovo()).then((found) => found.flexibilityBp),
      2500
    )
    assert.equal(await programmeSettingsAt(tomorrow).then((found) => found.flexibilityBp), 2000)
    const after = await client.get('/admin/settings').loginAs(admin)
    assert.include(after.text(), tomorrow)
    assert.include(after.text(), admin.fullName)
  })

  test('invalid values come back inline per field and nothing is stored', async ({
    client,
    assert,
  }) => {
    const { admin } = await people()
    const yesterday = DateTime.fromISO(todayInKosovo()).minus({ days: 1 }).toISODate()!

    const past = await client
      .post('/admin/settings')
      .header('referer', '/admin/settings')
      .form(formBody({ effectiveFrom: yesterday }))
      .loginAs(admin)
      .withCsrfToken()
    assert.include(past.text(), 'Choose today or a later date')

    const sum = await client
      .post('/admin/settings')
      .header('referer', '/admin/settings')
      .form(formBody({ maxFunderShareBp: '96' }))
      .loginAs(admin)
      .withCsrfToken()
    assert.include(sum.text(), 'must add up to 100 %')
    assert.include(sum.text(), 'id="error-field-cofinancingMinBp"')

    const malformed = await client
      .post('/admin/settings')
      .header('referer', '/admin/settings')
      .form(formBody({ flexibilityBp: 'lots', licenceReminderDays: '90, 90' }))
      .loginAs(admin)
      .withCsrfToken()
    assert.include(malformed.text(), 'id="error-field-flexibilityBp"')
    assert.include(malformed.text(), 'id="error-field-licenceReminderDays"')

    assert.lengthOf(await ProgrammeSettingsVersion.all(), 0)
    assert.isNull(
      await db.from('audit_events').where('action', 'like', 'programme_settings.%').first()
    )
  })

  test('people who are not admins may neither read nor write the settings (403)', async ({
    client,
    assert,
  }) => {
    const { manager } = await people()
    const ngoUser = await makeMember(await makeOrganisation('ngo'), 'applicant')
    for (const user of [manager, ngoUser]) {
      await client
        .get('/admin/settings')
        .loginAs(user)
        .then((response) => response.assertStatus(403))
      const post = await client
        .post('/admin/settings')
        .form(formBody())
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      post.assertStatus(302)
      post.assertFlashMessage('error', 'Access denied')
      const json = await client
        .post('/admin/settings')
        .form(formBody())
        .loginAs(user)
        .withCsrfToken()
        .accept('json')
      json.assertStatus(403)
    }
    assert.lengthOf(await ProgrammeSettingsVersion.all(), 0)
  })
})

test.group('Programme settings: API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('GET answers the values in force today and at ?date=', async ({ client, assert }) => {
    const { admin } = await people()
    const reader = await makeMember(await makeOrganisation('ngo'), 'applicant')
    await new ScheduleProgrammeSettings().ensureDefaults(admin)
    await new ScheduleProgrammeSettings().handle(
      apiBody({ effectiveFrom: '2030-01-01', flexibilityBp: 1000 }),
      admin,
      ip
    )

    const today = await client.get('/api/v1/settings').withGuard('api').loginAs(reader)
    today.assertStatus(200)
    assert.equal(today.body().data.values.flexibilityBp, 2500)
    assert.equal(today.body().data.values.maxFunderShareBp, 9500)
    assert.deepEqual(
      today.body().data.versions.map((v: { effectiveFrom: string }) => v.effectiveFrom),
      ['2000-01-01', '2030-01-01']
    )
    const later = await client
      .get('/api/v1/settings?date=2030-06-01')
      .withGuard('api')
      .loginAs(reader)
    assert.equal(later.body().data.values.flexibilityBp, 1000)
    const notADate = await client
      .get('/api/v1/settings?date=someday')
      .withGuard('api')
      .loginAs(reader)
    notADate.assertStatus(422)
  })

  test('PUT: admins schedule (201); others 403; invalid values 422', async ({ client, assert }) => {
    const { admin, manager } = await people()

    const denied = await client
      .put('/api/v1/settings')
      .withGuard('api')
      .loginAs(manager)
      .json(apiBody({ flexibilityBp: 2000 }))
    denied.assertStatus(403)

    const malformed = await client
      .put('/api/v1/settings')
      .withGuard('api')
      .loginAs(admin)
      .json(apiBody({ flexibilityBp: 25.5, currency: 'euro', licenceReminderDays: [400] }))
    malformed.assertStatus(422)
    assert.sameMembers(
      malformed.body().errors.map((e: { field: string }) => e.field),
      ['flexibilityBp', 'currency', 'licenceReminderDays.0']
    )

    const sum = await client
      .put('/api/v1/settings')
      .withGuard('api')
      .loginAs(admin)
      .json(apiBody({ maxFunderShareBp: 9000 }))
    sum.assertStatus(422)
    assert.deepEqual(sum.body().errors[0], {
      code: 'E_SHARE_SUM',
      message: 'The maximum funder share and the co-financing minimum must add up to 100 %.',
      field: 'cofinancingMinBp',
    })
    const past = await client
      .put('/api/v1/settings')
      .withGuard('api')
      .loginAs(admin)
      .json(apiBody({ effectiveFrom: '2020-01-01' }))
    past.assertStatus(422)
    assert.equal(past.body().errors[0].code, 'E_EFFECTIVE_IN_PAST')
    assert.lengthOf(await ProgrammeSettingsVersion.all(), 0)

    const created = await client
      .put('/api/v1/settings')
      .withGuard('api')
      .loginAs(admin)
      .json(apiBody({ effectiveFrom: '2030-01-01', flexibilityBp: 2000 }))
    created.assertStatus(201)
    assert.equal(created.body().data.values.flexibilityBp, 2000)
    // A version not yet in force is replaced by one of the same date (200), audited as such.
    const replaced = await client
      .put('/api/v1/settings')
      .withGuard('api')
      .loginAs(admin)
      .json(apiBody({ effectiveFrom: '2030-01-01', flexibilityBp: 1500 }))
    replaced.assertStatus(200)
    assert.lengthOf(await ProgrammeSettingsVersion.all(), 1)
    assert.equal(await programmeSettingsAt('2030-01-01').then((found) => found.flexibilityBp), 1500)
    assert.isNotNull(
      await db.from('audit_events').where('action', 'programme_settings.replaced').first()
    )
  })
})

test.group('Programme settings: decisions keep the values they were taken with', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a signed grant keeps its terms; a grant made after the new version takes its values', async ({
    assert,
  }) => {
    const { admin } = await people()
    await new ScheduleProgrammeSettings().ensureDefaults(admin)
    const first = await awardedApplication(admin)
    const contracts = new GrantContracts()
    const before = await contracts.createFromAward(first.application.id, first.manager, ip)
    await Grant.query().where('id', before.id).update({ status: 'signed' })
    assert.equal(before.flexibilityBp, 2500)
    assert.equal(before.prefinancingCapBp, 9000)
    assert.equal(before.optionOnePrefinancingBp, 8000)
    assert.equal(before.paymentOption, 'option_1')

    // From today: 10 % flexibility, 85 % pre-financing cap, option 1 only up to EUR 40 000.
    const result = await new ScheduleProgrammeSettings().handle(
      apiBody({
        flexibilityBp: 1000,
        prefinancingCapBp: 8500,
        optionOnePrefinancingBp: 7000,
        optionOneMaxFunderCents: 4_000_000,
        indirectCapBp: 500,
      }),
      admin,
      ip
    )
    assert.isTrue(result.ok)

    const kept = await Grant.findOrFail(before.id)
    assert.equal(kept.flexibilityBp, 2500)
    assert.equal(kept.prefinancingCapBp, 9000)
    assert.equal(kept.optionOnePrefinancingBp, 8000)
    assert.equal(kept.indirectCapBp, 700)
    assert.equal(kept.paymentOption, 'option_1')
    assert.equal(await budgetOverview(kept).then((found) => found.flexibilityBp), 2500)

    const second = await awardedApplication(admin)
    const after = await contracts.createFromAward(second.application.id, second.manager, ip)
    assert.equal(after.flexibilityBp, 1000)
    assert.equal(after.prefinancingCapBp, 8500)
    assert.equal(after.optionOnePrefinancingBp, 7000)
    assert.equal(after.indirectCapBp, 500)
    // F 48 000.06 > 40 000 and 18 months > 12: option 2 under the new thresholds.
    assert.equal(after.paymentOption, 'option_2')
    assert.equal(after.optionOneMaxFunderCents, 4_000_000)
    assert.equal(await budgetOverview(after).then((found) => found.flexibilityBp), 1000)
  })

  test('a new call takes the caps and form defaults in force; an existing call keeps its own', async ({
    client,
    assert,
  }) => {
    const { admin } = await people()
    const funder = await makeOrganisation('contracting_authority', 'Call Funder')
    const manager = await makeMember(funder, 'grant_manager')
    const existing = await makeCall(funder, manager, { status: 'draft' })

    await new ScheduleProgrammeSettings().handle(
      apiBody({
        maxFunderShareBp: 9000,
        cofinancingMinBp: 1000,
        maxPerThirdPartyCents: 5_000_000,
        indirectCapBp: 600,
        contingencyCapBp: 300,
      }),
      admin,
      ip
    )
    const form = await client.get('/calls/create').loginAs(manager)
    form.assertStatus(200)
    assert.include(form.text(), 'value="90"')
    assert.include(form.text(), 'value="50000.00"')

    const { defaultConceptGrid, defaultFullGrid } = await import('#domain/calls/grid')
    const deadline = DateTime.now().setZone('Europe/Belgrade').plus({ days: 60 })
    const response = await client
      .post('/calls')
      .form({
        reference: 'SET-2027-01',
        titleEn: 'Shelters under new settings',
        procedure: 'open',
        budgetEnvelope: '300000',
        minGrant: '20000',
        maxGrant: '60000',
        maxFunderShare: '90',
        maxPerThirdParty: '50000',
        conceptGrid: JSON.stringify(defaultConceptGrid),
        fullGrid: JSON.stringify(defaultFullGrid),
        conceptDeadline: deadline.toFormat("yyyy-MM-dd'T'HH:mm"),
        minDaysToConceptDeadline: '45',
        minDaysToFullDeadline: '30',
        shortlistMultiple: '2',
        spreadFlag: '20',
      })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const created = await Call.findByOrFail('reference', 'SET-2027-01')
    assert.equal(created.maxFunderShareBp, 9000)
    assert.equal(created.indirectCapBp, 600)
    assert.equal(created.contingencyCapBp, 300)
    const untouched = await Call.findOrFail(existing.id)
    assert.equal(untouched.indirectCapBp, 700)
    assert.equal(untouched.contingencyCapBp, 500)
    assert.equal(untouched.maxFunderShareBp, 9500)
  })

  test('licence reminders go out on the days in force', async ({ assert, cleanup }) => {
    mail.fake()
    cleanup(() => mail.restore())
    const { admin } = await people()
    await new ScheduleProgrammeSettings().handle(
      apiBody({ effectiveFrom: '2027-01-01', licenceReminderDays: [45] }),
      admin,
      ip,
      '2026-12-01'
    )
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo', 'Reminded NGO')
    const applicant = await makeMember(ngo, 'applicant')
    await makeLicence(ngo, official, { issuedOn: '2024-07-01', validUntil: '2027-06-30' })
    const reminders = new SendLicenceReminders()
    assert.equal(await reminders.handle('2027-04-01'), 0)
    assert.equal(await reminders.handle('2027-05-16'), 2)
    const sent = await Notification.query().where('user_id', applicant.id)
    assert.deepEqual(
      sent.map((n) => n.params.days),
      [45]
    )
  })
})
