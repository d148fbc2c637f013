import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { GrantContracts } from '#actions/grants/grant_contracts'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import Application from '#models/application'
import Call from '#models/call'
import LogframeChange from '#models/logframe_change'
import ApplicationBudgetLine from '#models/application_budget_line'
import Logframe from '#models/logframe'
import type User from '#models/user'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeCall, makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'
import { logframeBody, programmeIndicator } from './fixtures.js'

/** Awaits a request and asserts its status. */
async function expectStatus(
  request: PromiseLike<{ assertStatus(status: number): void }>,
  status: number
) {
  const response = await request
  response.assertStatus(status)
  return response
}

async function tokenFor(client: ApiClient, user: User) {
  const created = await client
    .post('/api/v1/tokens')
    .json({ email: user.email, password: TEST_PASSWORD })
  created.assertStatus(201)
  return created.body().token as string
}

/** A shortlisted full application of an NGO, under a call of a funder with a grant manager. */
async function shortlistedApplication(status = 'shortlisted') {
  const funder = await makeOrganisation('contracting_authority', 'EU Office')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager, { status: 'awarded' })
  const ngo = await makeOrganisation('ngo', 'Shelter NGO')
  const applicant = await makeMember(ngo, 'applicant')
  const application = await Application.create({
    callId: call.id,
    organisationId: ngo.id,
    status: status as never,
    title: 'Safe beds',
    currency: 'EUR',
    requestedCents: 5_000_000,
    fullRequestedCents: null,
    periodStartOn: DateTime.fromISO('2027-01-01'),
    periodEndOn: DateTime.fromISO('2028-06-30'),
    createdById: applicant.id,
    isEliminated: false,
  })
  return { funder, manager, ngo, applicant, application }
}

/** The web form's flat field names for a logframe body. */
function formOf(body: ReturnType<typeof logframeBody>) {
  const form: Record<string, string> = {}
  body.items.forEach((item, i) => {
    for (const [k, v] of Object.entries(item)) form[`items[${i}][${k}]`] = String(v)
  })
  body.indicators.forEach((ind, i) => {
    for (const [k, v] of Object.entries(ind)) {
      if (k === 'disaggregated') {
        if (v) form[`indicators[${i}][disaggregated]`] = '1'
      } else form[`indicators[${i}][${k}]`] = String(v)
    }
  })
  // A spare blank row, as the form sends it.
  form['items[9][level]'] = 'activity'
  form['indicators[9][programmeIndicatorId]'] = ''
  return form
}

test.group('Logframe of a full application', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the applicant builds the logframe in the form; the API shows it', async ({
    client,
    assert,
  }) => {
    const { applicant, application } = await shortlistedApplication()
    const indicator = await programmeIndicator()
    const page = await client.get(`/applications/${application.id}/logframe`).loginAs(applicant)
    page.assertStatus(200)
    assert.include(page.text(), 'id="logframe-form"')

    const saved = await client
      .put(`/applications/${application.id}/logframe`)
      .form(formOf(logframeBody(indicator.id)))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    const row = await Logframe.findByOrFail('application_id', application.id)
    assert.equal(row.version, 1)
    assert.deepEqual(
      row.content.items.map((i) => i.ref),
      ['OO', 'SO1', 'R1', 'A1.1']
    )
    assert.equal(row.content.indicators[0].programmeIndicatorId, indicator.id)
    assert.isTrue(row.content.indicators[0].disaggregated)
    assert.equal(row.content.indicators[1].target, '40')
    const audit = await db.from('audit_events').where('action', 'logframe.saved').first()
    assert.equal(audit.subject_id, String(application.id))

    const token = await tokenFor(client, applicant)
    const api = await client
      .get(`/api/v1/applications/${application.id}/logframe`)
      .bearerToken(token)
    api.assertStatus(200)
    assert.equal(api.body().data.version, 1)
    assert.lengthOf(api.body().data.indicators, 2)
  })

  test('an incoherent logframe is refused with one message per field and nothing is saved', async ({
    client,
    assert,
  }) => {
    const { applicant, application } = await shortlistedApplication()
    const indicator = await programmeIndicator()
    const body = logframeBody(indicator.id)
    body.items[2] = { ref: 'R1', level: 'result', parent: 'OO', text: 'Under the wrong level' }
    body.indicators[1] = { ...body.indicators[1], source: '' } as never
    const response = await client
      .put(`/applications/${application.id}/logframe`)
      .form(formOf(body))
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.isNull(await Logframe.findBy('application_id', application.id))

    const token = await tokenFor(client, applicant)
    const api = await client
      .put(`/api/v1/applications/${application.id}/logframe`)
      .json(body)
      .bearerToken(token)
    api.assertStatus(409)
    const problems = api
      .body()
      .errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
    assert.includeMembers(problems, [
      'items.2.parent:E_WRONG_PARENT_LEVEL',
      'indicators.1.source:E_OWN_INDICATOR_INCOMPLETE',
    ])
  })

  test('another NGO cannot read or write the logframe (404), a grant manager cannot write it (403), a submitted application is locked (409)', async ({
    client,
  }) => {
    const { manager, application } = await shortlistedApplication()
    const indicator = await programmeIndicator()
    const other = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')
    const otherToken = await tokenFor(client, other)
    await expectStatus(
      client.get(`/api/v1/applications/${application.id}/logframe`).bearerToken(otherToken),
      404
    )
    await expectStatus(
      client
        .put(`/api/v1/applications/${application.id}/logframe`)
        .json(logframeBody(indicator.id))
        .bearerToken(otherToken),
      404
    )
    const managerToken = await tokenFor(client, manager)
    await expectStatus(
      client
        .put(`/api/v1/applications/${application.id}/logframe`)
        .json(logframeBody(indicator.id))
        .bearerToken(managerToken),
      403
    )

    const submitted = await shortlistedApplication('full_submitted')
    const token = await tokenFor(client, submitted.applicant)
    await expectStatus(
      client
        .put(`/api/v1/applications/${submitted.application.id}/logframe`)
        .json(logframeBody(indicator.id))
        .bearerToken(token),
      409
    )
  })

  test('the contract copies the logframe into the grant as version 1', async ({
    client,
    assert,
  }) => {
    const { manager, applicant, application } = await shortlistedApplication()
    const indicator = await programmeIndicator()
    const body = logframeBody(indicator.id)
    await Logframe.create({
      applicationId: application.id,
      grantId: null,
      version: 3,
      content: {
        items: body.items.map((i) => ({ parent: null, ...i })) as never,
        indicators: [],
      },
      updatedById: applicant.id,
    })
    await ApplicationBudgetLine.create({
      applicationId: application.id,
      position: 0,
      heading: 'human_resources',
      label: 'Staff',
      unit: 'month',
      quantityHundredths: 1000,
      unitCostCents: 400_000,
    })
    application.status = 'awarded'
    await application.save()
    const grant = await new GrantContracts().createFromAward(application.id, manager, '127.0.0.1')
    const copy = await Logframe.findByOrFail('grant_id', grant.id)
    assert.equal(copy.version, 1)
    assert.deepEqual(
      copy.content.items.map((i) => i.ref),
      ['OO', 'SO1', 'R1', 'A1.1']
    )
    const token = await tokenFor(client, applicant)
    const api = await client.get(`/api/v1/grants/${grant.id}/logframe`).bearerToken(token)
    api.assertStatus(200)
    assert.equal(api.body().data.version, 1)
  })
})

test.group('Logframe changes on a grant', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the grantee requests a change, the funder grant manager approves it: a new version, audited, in the inbox', async ({
    client,
    assert,
  }) => {
    const { grant, funder, grantee } = await makeSignedGrant()
    const indicator = await programmeIndicator()
    const applicant = await makeMember(grantee, 'applicant')
    const manager = await makeMember(funder, 'grant_manager')
    const token = await tokenFor(client, applicant)

    const requested = await client
      .post(`/api/v1/grants/${grant.id}/logframe-changes`)
      .json({ ...logframeBody(indicator.id), reason: 'First logframe of the grant' })
      .bearerToken(token)
    requested.assertStatus(201)
    const changeId = requested.body().data.id
    assert.equal(requested.body().data.status, 'submitted')
    assert.equal(requested.body().data.baseVersion, 0)

    // One open request at a time.
    const again = await client
      .post(`/api/v1/grants/${grant.id}/logframe-changes`)
      .json({ ...logframeBody(indicator.id), reason: 'Again' })
      .bearerToken(token)
    again.assertStatus(409)
    assert.equal(
      again.body().errors[0].message,
      'A logframe change request is already waiting for a decision.'
    )

    // The grantee cannot decide (403); the inbox shows the manager the decision.
    await expectStatus(
      client.post(`/api/v1/logframe-changes/${changeId}/approval`).json({}).bearerToken(token),
      403
    )
    const managerToken = await tokenFor(client, manager)
    const inbox = await client.get('/api/v1/tasks').bearerToken(managerToken)
    assert.include(JSON.stringify(inbox.body()), 'logframe_change_decide')

    const approved = await client
      .post(`/api/v1/logframe-changes/${changeId}/approval`)
      .json({})
      .bearerToken(managerToken)
    approved.assertStatus(200)
    const logframe = await Logframe.findByOrFail('grant_id', grant.id)
    assert.equal(logframe.version, 1)

    // A second change, returned with a comment, leaves the logframe as it was.
    const body = logframeBody(indicator.id)
    body.items[3] = { ...body.items[3], text: 'Group sessions' }
    const second = await client
      .post(`/api/v1/grants/${grant.id}/logframe-changes`)
      .json({ ...body, reason: 'Sessions are in groups' })
      .bearerToken(token)
    second.assertStatus(201)
    await expectStatus(
      client
        .post(`/api/v1/logframe-changes/${second.body().data.id}/return`)
        .json({})
        .bearerToken(managerToken),
      422
    )
    const returned = await client
      .post(`/api/v1/logframe-changes/${second.body().data.id}/return`)
      .json({ comment: 'Keep the individual sessions' })
      .bearerToken(managerToken)
    returned.assertStatus(200)
    await logframe.refresh()
    assert.equal(logframe.version, 1)
    assert.equal(logframe.content.items[3].text, 'Case management sessions')

    const events = await db
      .from('audit_events')
      .where('subject_type', 'grant')
      .where('subject_id', String(grant.id))
      .select('action')
    const actions = events.map((e) => e.action)
    assert.includeMembers(actions, [
      'logframe_change.submitted',
      'logframe_change.approved',
      'logframe_change.returned',
    ])

    const page = await client.get(`/grants/${grant.id}/logframe`).loginAs(applicant)
    page.assertStatus(200)
    assert.include(page.text(), 'data-logframe-item="A1.1"')
  })

  test('the person who asked cannot decide, and another NGO sees nothing', async ({ client }) => {
    const { grant, funder } = await makeSignedGrant()
    const indicator = await programmeIndicator()
    // A funder grant manager who is also a grant manager of the grantee asks, then tries to approve.
    const manager = await makeMember(funder, 'grant_manager')
    const { default: Membership } = await import('#models/membership')
    await Membership.create({
      userId: manager.id,
      organisationId: grant.granteeOrganisationId,
      role: 'grant_manager',
    })
    const token = await tokenFor(client, manager)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/logframe-changes`)
      .json({ ...logframeBody(indicator.id), reason: 'Mine' })
      .bearerToken(token)
    requested.assertStatus(201)
    await expectStatus(
      client
        .post(`/api/v1/logframe-changes/${requested.body().data.id}/approval`)
        .json({})
        .bearerToken(token),
      403
    )

    const other = await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')
    const otherToken = await tokenFor(client, other)
    await expectStatus(
      client.get(`/api/v1/grants/${grant.id}/logframe`).bearerToken(otherToken),
      404
    )
    await expectStatus(
      client
        .post(`/api/v1/grants/${grant.id}/logframe-changes`)
        .json({ ...logframeBody(indicator.id), reason: 'x' })
        .bearerToken(otherToken),
      404
    )
    ;(await client
      .post(`/api/v1/grants/${grant.id}/logframe-changes`)
      .json({ ...logframeBody(indicator.id), reason: 'x' })
      .bearerToken(otherToken),
      404)
  })
})

test.group('Logframe changes: stale requests', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a request made against an older version cannot be approved (409), only returned', async ({
    client,
    assert,
  }) => {
    const { grant, funder, grantee } = await makeSignedGrant()
    const indicator = await programmeIndicator()
    const applicant = await makeMember(grantee, 'applicant')
    const manager = await makeMember(funder, 'grant_manager')
    const token = await tokenFor(client, applicant)
    const managerToken = await tokenFor(client, manager)
    const requested = await client
      .post(`/api/v1/grants/${grant.id}/logframe-changes`)
      .json({ ...logframeBody(indicator.id), reason: 'Made against version 0' })
      .bearerToken(token)
    requested.assertStatus(201)
    // Meanwhile the grant's logframe moved on.
    const body = logframeBody(indicator.id)
    await Logframe.create({
      grantId: grant.id,
      applicationId: null,
      version: 1,
      content: { items: body.items.map((i) => ({ parent: null, ...i })) as never, indicators: [] },
      updatedById: manager.id,
    })
    await expectStatus(
      client
        .post(`/api/v1/logframe-changes/${requested.body().data.id}/approval`)
        .json({})
        .bearerToken(managerToken),
      409
    )
    const change = await LogframeChange.findOrFail(requested.body().data.id)
    assert.equal(change.status, 'submitted')
    await expectStatus(
      client
        .post(`/api/v1/logframe-changes/${change.id}/return`)
        .json({ comment: 'Make it again on the current logframe' })
        .bearerToken(managerToken),
      200
    )
  })
})

test.group('Logframe pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the assessor sheet shows the structured logframe beside the score form', async ({
    client,
    assert,
  }) => {
    const { manager, applicant, application } = await shortlistedApplication('full_submitted')
    const call = await Call.findOrFail(application.callId)
    call.status = 'full_applications_closed' as never
    await call.save()
    const indicator = await programmeIndicator()
    const body = logframeBody(indicator.id)
    await Logframe.create({
      applicationId: application.id,
      grantId: null,
      version: 1,
      content: {
        items: body.items.map((i) => ({ parent: null, ...i })) as never,
        indicators: [],
      },
      updatedById: applicant.id,
    })
    const assessor = await makeMember(await makeOrganisation('contracting_authority'), 'assessor')
    const assigned = await new AssessorAssignments().assign(
      application,
      assessor.id,
      'full_application',
      manager,
      '127.0.0.1'
    )
    if (!assigned.ok) throw new Error(assigned.reason)
    await new AssessorAssignments().sign(call.id, assessor, '127.0.0.1')
    const page = await client.get(`/assignments/${assigned.assignment.id}`).loginAs(assessor)
    page.assertStatus(200)
    assert.include(page.text(), 'data-sheet-structured-logframe')
    assert.include(page.text(), 'data-logframe-item="A1.1"')
  })

  test('a refused form comes back with the error summary; the funder approves a change on the page', async ({
    client,
    assert,
  }) => {
    const { applicant, application } = await shortlistedApplication()
    const indicator = await programmeIndicator()
    const body = logframeBody(indicator.id)
    body.items[3] = { ref: 'A1.1', level: 'activity', parent: 'SO1', text: 'Misplaced' }
    const refused = await client
      .put(`/applications/${application.id}/logframe`)
      .form(formOf(body))
      .header('referer', `/applications/${application.id}/logframe`)
      .loginAs(applicant)
      .withCsrfToken()
    refused.assertStatus(200)
    assert.include(refused.text(), 'data-error-summary')
    assert.include(refused.text(), 'items.3.parent')

    const { grant, funder, grantee } = await makeSignedGrant()
    const grantApplicant = await makeMember(grantee, 'applicant')
    const manager = await makeMember(funder, 'grant_manager')
    const requested = await client
      .post(`/grants/${grant.id}/logframe-changes`)
      .form({ ...formOf(logframeBody(indicator.id)), reason: 'First logframe' })
      .loginAs(grantApplicant)
      .withCsrfToken()
      .redirects(0)
    requested.assertStatus(302)
    const change = await LogframeChange.query().where('grant_id', grant.id).firstOrFail()
    const page = await client.get(`/grants/${grant.id}/logframe`).loginAs(manager)
    assert.include(page.text(), 'data-approve-change')
    const approved = await client
      .post(`/logframe-changes/${change.id}/approval`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    approved.assertStatus(302)
    await change.refresh()
    assert.equal(change.status, 'approved')
    const logframe = await Logframe.findByOrFail('grant_id', grant.id)
    assert.equal(logframe.version, 1)
  })
})
