import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { ConceptNotes } from '#actions/applications/concept_notes'
import Application from '#models/application'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

async function setup(options: Parameters<typeof makeCall>[2] = {}) {
  const funder = await makeOrganisation('lead_grantee')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager, options)
  const ngo = await makeOrganisation('ngo', 'Applying NGO')
  const applicant = await makeMember(ngo, 'applicant')
  return { funder, manager, call, ngo, applicant }
}

test.group('Calls: concept notes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an NGO drafts, saves and submits a concept note before the deadline', async ({
    client,
    assert,
  }) => {
    const { call, applicant } = await setup()

    const started = await client
      .post(`/calls/${call.id}/applications`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    started.assertStatus(302)
    const application = await Application.findByOrFail('call_id', call.id)

    const saved = await client
      .put(`/applications/${application.id}`)
      .form({
        title: 'Safe beds',
        summary: 'Shelter places',
        objectives: 'Protect victims',
        estimatedTotal: '52 631,58',
        requested: '50 000,00',
      })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)

    const submitted = await client
      .post(`/applications/${application.id}/submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    submitted.assertFlashMessage('success', 'The concept note is submitted.')
    await application.refresh()
    assert.equal(application.status, 'submitted')
    assert.equal(application.requestedCents, 5000000)
    assert.equal(application.estimatedTotalCents, 5263158)
    const event = await db.from('audit_events').where({ action: 'application.submitted' }).first()
    assert.include(event.after_json, '"status":"submitted"')
  })

  test('a submission at or after the deadline is refused with a clear message', async ({
    assert,
  }) => {
    const deadline = DateTime.utc().plus({ days: 3 }).startOf('second')
    const { call, applicant, ngo } = await setup({ conceptDeadlineAt: deadline.toISO()! })
    const notes = new ConceptNotes()
    const application = await notes.start(call, ngo.id, applicant, '127.0.0.1')
    await notes.save(
      application,
      { title: 'Late', summary: 's', objectives: 'o', estimatedTotal: 100, requested: 90 },
      applicant,
      '127.0.0.1'
    )

    await assert.rejects(
      () => notes.submit(application.id, applicant, '127.0.0.1', deadline),
      /can no longer be submitted/
    )
    await application.refresh()
    assert.equal(application.status, 'draft')

    const accepted = await notes.submit(
      application.id,
      applicant,
      '127.0.0.1',
      deadline.minus({ seconds: 1 })
    )
    assert.equal(accepted.status, 'submitted')
  })

  test('a late submission through the form shows the message and changes nothing', async ({
    client,
    assert,
  }) => {
    const { call, applicant, ngo } = await setup()
    const notes = new ConceptNotes()
    const application = await notes.start(call, ngo.id, applicant, '127.0.0.1')
    await notes.save(
      application,
      { title: 'Late', summary: 's', objectives: 'o', estimatedTotal: 100, requested: 90 },
      applicant,
      '127.0.0.1'
    )
    call.conceptDeadlineAt = DateTime.utc().minus({ minutes: 1 })
    await call.save()

    const response = await client
      .post(`/applications/${application.id}/submission`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)

    assert.match(String(response.flashMessages().error), /can no longer be submitted/)
    await application.refresh()
    assert.equal(application.status, 'draft')
  })

  test('the NGO can withdraw before the deadline, not after', async ({ assert }) => {
    const deadline = DateTime.utc().plus({ days: 3 }).startOf('second')
    const { call, applicant, ngo } = await setup({ conceptDeadlineAt: deadline.toISO()! })
    const notes = new ConceptNotes()
    const application = await notes.start(call, ngo.id, applicant, '127.0.0.1')
    await notes.save(
      application,
      { title: 'T', summary: 's', objectives: 'o', estimatedTotal: 100, requested: 90 },
      applicant,
      '127.0.0.1'
    )
    await notes.submit(application.id, applicant, '127.0.0.1')

    await assert.rejects(
      () => notes.withdraw(application.id, applicant, '127.0.0.1', deadline),
      /no longer be withdrawn/
    )
    const withdrawn = await notes.withdraw(
      application.id,
      applicant,
      '127.0.0.1',
      deadline.minus({ hours: 1 })
    )
    assert.equal(withdrawn.status, 'withdrawn')
  })

  test('another NGO gets 404 for the application, on the page and in the API', async ({
    client,
  }) => {
    const { call, applicant, ngo } = await setup()
    const application = await new ConceptNotes().start(call, ngo.id, applicant, '127.0.0.1')
    const outsider = await makeMember(await makeOrganisation('ngo'), 'applicant')

    const page = await client.get(`/applications/${application.id}`).loginAs(outsider)
    page.assertStatus(404)
    const api = await client
      .get(`/api/v1/applications/${application.id}`)
      .withGuard('api')
      .loginAs(outsider)
    api.assertStatus(404)
    const own = await client
      .get(`/api/v1/applications/${application.id}`)
      .withGuard('api')
      .loginAs(applicant)
    own.assertStatus(200)
  })

  test("the funder's grant manager reads every application of the call", async ({ client }) => {
    const { call, applicant, ngo, manager } = await setup()
    const application = await new ConceptNotes().start(call, ngo.id, applicant, '127.0.0.1')

    const response = await client
      .get(`/api/v1/applications/${application.id}`)
      .withGuard('api')
      .loginAs(manager)
    response.assertStatus(200)
    response.assertBodyContains({ data: { id: application.id, organisationId: ngo.id } })
  })

  test('a draft call is visible only to its funder', async ({ client, assert }) => {
    const { call, applicant, manager } = await setup({ status: 'draft' })

    const hidden = await client.get(`/api/v1/calls/${call.id}`).withGuard('api').loginAs(applicant)
    hidden.assertStatus(404)
    const list = await client.get('/api/v1/calls').withGuard('api').loginAs(applicant)
    assert.notInclude(
      list.body().data.map((c: { id: number }) => c.id),
      call.id
    )
    const funderView = await client
      .get(`/api/v1/calls/${call.id}`)
      .withGuard('api')
      .loginAs(manager)
    funderView.assertStatus(200)
  })
})
