import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AuditEvent from '#models/audit_event'
import Grant from '#models/grant'
import Logframe from '#models/logframe'
import NarrativeReport from '#models/narrative_report'
import type User from '#models/user'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'
import { giveGrantLogframe, narrativeBody, programmeIndicator } from './fixtures.js'

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

/** A signed grant with its logframe (version 1) and the people of both sides. */
async function grantWithLogframe(options: Parameters<typeof makeSignedGrant>[0] = {}) {
  const { grant, funder, grantee } = await makeSignedGrant(options)
  const indicator = await programmeIndicator()
  await giveGrantLogframe(grant.id, indicator.id)
  return {
    grant,
    funder,
    grantee,
    indicator,
    applicant: await makeMember(grantee, 'applicant'),
    verifier: await makeMember(funder, 'finance_officer'),
    manager: await makeMember(funder, 'grant_manager'),
  }
}

test.group('Narrative reports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('submit, verify, return, resubmit with a diff, approve: each step audited and in the inbox', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, verifier, manager } = await grantWithLogframe()
    const grantee = await tokenFor(client, applicant)
    const fo = await tokenFor(client, verifier)
    const gm = await tokenFor(client, manager)

    const opened = await client
      .post(`/api/v1/grants/${grant.id}/narrative-reports`)
      .json({ periodNumber: 1 })
      .bearerToken(grantee)
    opened.assertStatus(201)
    const id = opened.body().data.id
    assert.equal(opened.body().data.kind, 'interim')

    // A breakdown that does not add up is refused at submission.
    const bad = narrativeBody(12)
    ;(bad.indicators[0] as Record<string, unknown>).male = 5
    await expectStatus(
      client.put(`/api/v1/narrative-reports/${id}`).json(bad).bearerToken(grantee),
      200
    )
    const refused = await client
      .post(`/api/v1/narrative-reports/${id}/submission`)
      .bearerToken(grantee)
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].code, 'E_BREAKDOWN_SUM')
    assert.equal(refused.body().errors[0].field, 'indicators.0.sex')

    await expectStatus(
      client.put(`/api/v1/narrative-reports/${id}`).json(narrativeBody(12)).bearerToken(grantee),
      200
    )
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/submission`).bearerToken(grantee),
      200
    )

    // The grantee cannot verify its own report; the finance officer's inbox holds it.
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/verification`).bearerToken(grantee),
      403
    )
    const inbox = await client.get('/api/v1/tasks').bearerToken(fo)
    assert.include(JSON.stringify(inbox.body()), 'narrative_verify')

    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/verification`).bearerToken(fo),
      200
    )
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/return`).json({}).bearerToken(gm),
      422
    )
    const returned = await client
      .post(`/api/v1/narrative-reports/${id}/return`)
      .json({ comment: 'Explain the delay of the training' })
      .bearerToken(gm)
    returned.assertStatus(200)
    assert.equal(returned.body().data.status, 'returned')
    const granteeInbox = await client.get('/api/v1/tasks').bearerToken(grantee)
    assert.include(JSON.stringify(granteeInbox.body()), 'narrative_returned')

    // Revised and resubmitted: the diff names what changed.
    const revised = narrativeBody(12, {
      deviations: [
        { text: 'Training moved to Q3', reason: 'The trainer fell ill; rescheduled for July' },
      ],
    })
    await expectStatus(
      client.put(`/api/v1/narrative-reports/${id}`).json(revised).bearerToken(grantee),
      200
    )
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/submission`).bearerToken(grantee),
      200
    )
    const shown = await client.get(`/api/v1/narrative-reports/${id}`).bearerToken(gm)
    shown.assertStatus(200)
    assert.equal(shown.body().data.version, 2)
    assert.deepEqual(
      shown.body().data.changes.map((c: { field: string }) => c.field),
      ['deviations.1']
    )
    const page = await client.get(`/narrative-reports/${id}`).loginAs(manager)
    page.assertStatus(200)
    assert.include(page.text(), 'data-changed-field="deviations.1"')

    // The verifier cannot approve what they verified; another grant manager can.
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/verification`).bearerToken(gm),
      200
    )
    await expectStatus(client.post(`/api/v1/narrative-reports/${id}/approval`).bearerToken(gm), 403)
    await expectStatus(client.post(`/api/v1/narrative-reports/${id}/approval`).bearerToken(fo), 403)
    const { default: Organisation } = await import('#models/organisation')
    const second = await makeMember(
      await Organisation.findOrFail(grant.funderOrganisationId),
      'grant_manager'
    )
    const secondInbox = await client
      .get('/api/v1/tasks')
      .bearerToken(await tokenFor(client, second))
    assert.include(JSON.stringify(secondInbox.body()), 'narrative_approve')
    const approved = await client
      .post(`/api/v1/narrative-reports/${id}/approval`)
      .bearerToken(await tokenFor(client, second))
    approved.assertStatus(200)
    assert.equal(approved.body().data.status, 'approved')
    // An approved report is closed to edits and to further steps.
    const edited = await client
      .put(`/api/v1/narrative-reports/${id}`)
      .json(narrativeBody(12))
      .bearerToken(grantee)
    edited.assertStatus(409)
    assert.equal(
      edited.body().errors[0].message,
      'Only a draft or returned narrative report can be edited.'
    )
    const returnAgain = await client
      .post(`/api/v1/narrative-reports/${id}/return`)
      .header('accept-language', 'sr-Latn')
      .json({ comment: 'x' })
      .bearerToken(gm)
    returnAgain.assertStatus(409)
    assert.equal(
      returnAgain.body().errors[0].message,
      'Narativni izveštaj sa statusom odobren ne može preći u status vraćen.'
    )

    const actions = await db
      .from('audit_events')
      .where('subject_type', 'narrative_report')
      .where('subject_id', String(id))
      .orderBy('id')
      .select('action', 'after_json')
    assert.includeMembers(
      actions.map((a) => a.action),
      [
        'narrative_report.opened',
        'narrative_report.saved',
        'narrative_report.submitted',
        'narrative_report.verified',
        'narrative_report.returned',
        'narrative_report.approved',
      ]
    )
    // The audit trail names fields, never people counts.
    assert.notInclude(actions.map((a) => a.after_json ?? '').join(' '), '"female"')

    const history = await client.get(`/grants/${grant.id}/history`).loginAs(applicant)
    history.assertStatus(200)
    assert.include(history.text(), 'approved the narrative report')
    assert.include(history.text(), 'Explain the delay of the training')

    const list = await client
      .get(`/api/v1/grants/${grant.id}/narrative-reports`)
      .bearerToken(grantee)
    assert.deepEqual(
      list.body().data.map((r: { status: string }) => r.status),
      ['approved']
    )
  })

  test('people counts below five are hidden from the funder but not from the grantee', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, manager } = await grantWithLogframe()
    const grantee = await tokenFor(client, applicant)
    const opened = await client
      .post(`/api/v1/grants/${grant.id}/narrative-reports`)
      .json({ periodNumber: 1 })
      .bearerToken(grantee)
    const id = opened.body().data.id
    await client.put(`/api/v1/narrative-reports/${id}`).json(narrativeBody(12)).bearerToken(grantee)

    const own = await client.get(`/api/v1/narrative-reports/${id}`).bearerToken(grantee)
    assert.equal(own.body().data.content.indicators[0].breakdowns.sex.male, '2')
    const funder = await client
      .get(`/api/v1/narrative-reports/${id}`)
      .bearerToken(await tokenFor(client, manager))
    const row = funder.body().data.content.indicators[0]
    assert.isTrue(row.hidden)
    assert.equal(row.value, 'x')
    assert.equal(row.breakdowns.sex.male, '<5')
    assert.equal(row.breakdowns.sex.female, 'x')
    // The own indicator that counts no people is shown.
    assert.equal(funder.body().data.content.indicators[1].value, '18')
    const page = await client.get(`/narrative-reports/${id}`).loginAs(manager)
    assert.notInclude(page.text(), 'male 2')
    // The grantee's views of counts outsiders see hidden are accesses in the audit trail
    // (the save's answer and the read); the funder's hidden view is not.
    const accesses = await AuditEvent.query()
      .where('action', 'narrative_report.statistics_viewed')
      .where('subject_id', String(id))
      .orderBy('id')
    assert.deepEqual(
      accesses.map((event) => [event.actorId, JSON.parse(event.afterJson!).outlet]),
      [
        [applicant.id, 'api'],
        [applicant.id, 'api'],
      ]
    )
  })

  test('another NGO sees no report (404) and cannot open one; the funder cannot write it (403)', async ({
    client,
  }) => {
    const { grant, applicant, manager } = await grantWithLogframe()
    const grantee = await tokenFor(client, applicant)
    const opened = await client
      .post(`/api/v1/grants/${grant.id}/narrative-reports`)
      .json({ periodNumber: 1 })
      .bearerToken(grantee)
    const id = opened.body().data.id
    const other = await tokenFor(
      client,
      await makeMember(await makeOrganisation('ngo', 'Other NGO'), 'applicant')
    )
    await expectStatus(client.get(`/api/v1/narrative-reports/${id}`).bearerToken(other), 404)
    await expectStatus(
      client.get(`/api/v1/grants/${grant.id}/narrative-reports`).bearerToken(other),
      404
    )
    await expectStatus(
      client
        .post(`/api/v1/grants/${grant.id}/narrative-reports`)
        .json({ periodNumber: 2 })
        .bearerToken(other),
      404
    )
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/submission`).bearerToken(other),
      404
    )
    const gm = await tokenFor(client, manager)
    await expectStatus(
      client.put(`/api/v1/narrative-reports/${id}`).json(narrativeBody()).bearerToken(gm),
      403
    )
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${id}/submission`).bearerToken(gm),
      403
    )
  })

  test('the web form saves and submits; the grant page lists the report; the PDF carries the visibility mark in the reader language', async ({
    client,
    assert,
  }) => {
    const { grant, applicant, manager } = await grantWithLogframe()
    const opened = await client
      .post(`/grants/${grant.id}/narrative-reports`)
      .form({ periodNumber: '2' })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    opened.assertStatus(302)
    const report = await NarrativeReport.query().where('grant_id', grant.id).firstOrFail()
    assert.equal(report.kind, 'final')
    const form = await client.get(`/narrative-reports/${report.id}`).loginAs(applicant)
    assert.include(form.text(), 'id="narrative-form"')

    const saved = await client
      .put(`/narrative-reports/${report.id}`)
      .form({
        'summary': 'Done',
        'progress[0][ref]': 'R1',
        'progress[0][status]': 'completed',
        'progress[0][text]': 'All plans done',
        'progress[1][ref]': 'A1.1',
        'progress[1][text]': 'Sessions held',
        'indicators[0][ref]': 'I1',
        'indicators[0][value]': '20',
        'indicators[0][female]': '15',
        'indicators[0][male]': '5',
        'indicators[0][under_18]': '6',
        'indicators[0][adult]': '14',
        'indicators[0][domestic]': '10',
        'indicators[0][foreign]': '10',
        'indicators[1][ref]': 'I2',
        'indicators[1][value]': '40',
        'deviations[0][text]': '',
        'deviations[0][reason]': '',
        'then': 'submit',
      })
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    await report.refresh()
    assert.equal(report.status, 'submitted')

    const grantPage = await client.get(`/grants/${grant.id}`).loginAs(applicant)
    assert.include(grantPage.text(), `href="/narrative-reports/${report.id}"`)

    const pdf = await client
      .get(`/narrative-reports/${report.id}/pdf`)
      .loginAs(manager)
      .header('Accept-Language', 'sq')
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    const text = pdfText(pdf.body())
    assert.include(text, 'Financuar nga Bashkimi Evropian')
    assert.include(text, 'Raporti narrativ 2')

    // A grant whose documents would reveal a shelter: the confidentiality mark instead.
    await Grant.query().where('id', grant.id).update({ documents_confidential: true })
    const confidential = await client.get(`/narrative-reports/${report.id}/pdf`).loginAs(manager)
    const hidden = pdfText(confidential.body())
    assert.notInclude(hidden, 'Funded by the European Union')
    assert.include(hidden, 'CONFIDENTIAL')
  })

  test("a lead grantee's report rolls up its sub-grantees' contributions, withheld when a count is hidden", async ({
    client,
    assert,
  }) => {
    const lead = await grantWithLogframe()
    const sub = await grantWithLogframe({ parent: lead.grant, funder: lead.grantee })
    // The sub-grant's indicator I1 is linked to the lead's programme indicator.
    const subLogframe = await Logframe.findByOrFail('grant_id', sub.grant.id)
    subLogframe.content = {
      ...subLogframe.content,
      indicators: subLogframe.content.indicators.map((i) =>
        i.ref === 'I1' ? { ...i, programmeIndicatorId: lead.indicator.id } : i
      ),
    }
    await subLogframe.save()
    const subToken = await tokenFor(client, sub.applicant)
    const opened = await client
      .post(`/api/v1/grants/${sub.grant.id}/narrative-reports`)
      .json({ periodNumber: 1 })
      .bearerToken(subToken)
    const subId = opened.body().data.id
    await client
      .put(`/api/v1/narrative-reports/${subId}`)
      .json(
        narrativeBody(30, {
          indicators: [
            {
              ref: 'I1',
              value: '30',
              female: 20,
              male: 10,
              under_18: 10,
              adult: 20,
              domestic: 15,
              foreign: 15,
            },
            { ref: 'I2', value: '5' },
          ],
        })
      )
      .bearerToken(subToken)
    ;(await client.post(`/api/v1/narrative-reports/${subId}/submission`).bearerToken(subToken), 200)

    const leadToken = await tokenFor(client, lead.applicant)
    const leadReport = await client
      .post(`/api/v1/grants/${lead.grant.id}/narrative-reports`)
      .json({ periodNumber: 1 })
      .bearerToken(leadToken)
    const shown = await client
      .get(`/api/v1/narrative-reports/${leadReport.body().data.id}`)
      .bearerToken(leadToken)
    const contributions = shown.body().data.contributions
    assert.deepEqual(
      contributions.reports.map((r: { reportId: number }) => r.reportId),
      [subId]
    )
    assert.deepEqual(contributions.rollUp, [
      // The lead's own value is not there yet (its report is empty): the total is the sub-grantee's.
      {
        programmeIndicatorId: lead.indicator.id,
        value: '30',
        hidden: false,
        own: null,
        total: '30',
      },
    ])

    // With a count of 1 to 4 in the sub-grantee's series, the lead sees the roll-up withheld.
    await expectStatus(
      client
        .post(`/api/v1/narrative-reports/${subId}/return`)
        .json({ comment: 'Recount' })
        .bearerToken(await tokenFor(client, sub.manager)),
      200
    )
    await client
      .put(`/api/v1/narrative-reports/${subId}`)
      .json(narrativeBody(12))
      .bearerToken(subToken)
    await expectStatus(
      client.post(`/api/v1/narrative-reports/${subId}/submission`).bearerToken(subToken),
      200
    )
    const again = await client
      .get(`/api/v1/narrative-reports/${leadReport.body().data.id}`)
      .bearerToken(leadToken)
    assert.deepEqual(again.body().data.contributions.rollUp, [
      { programmeIndicatorId: lead.indicator.id, value: 'x', hidden: true, own: null, total: 'x' },
    ])
    const page = await client
      .get(`/narrative-reports/${leadReport.body().data.id}`)
      .loginAs(lead.applicant)
    assert.include(page.text(), `data-contribution="${subId}"`)
  })
})

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-narrative-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}
