import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { defaultFullGrid, type Grid } from '#domain/calls/grid'
import Application from '#models/application'
import type Call from '#models/call'
import type User from '#models/user'
import { makeCall, makeMember, makeOrganisation, TEST_PASSWORD } from '#tests/helpers'
import { giveLogframe } from '#tests/logframe_helpers'
import { follow, signIn, summaryOf } from '#tests/form_agent'

const ip = '127.0.0.1'

/** The grid of calls made before the logframe criterion: design and logframe as one criterion. */
const gridBeforeLogframe: Grid = {
  ...defaultFullGrid,
  sections: defaultFullGrid.sections.map((section) =>
    section.key === '3'
      ? {
          key: '3',
          title: 'Design',
          criteria: [{ key: '3.1', title: 'Design and logframe', maxScore: 15 }],
        }
      : section
  ),
}

/** A submitted full application with a structured logframe, two assessors assigned who declared. */
async function fullApplicationToScore(grid: Grid = defaultFullGrid) {
  const funder = await makeOrganisation('lead_grantee')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager, { status: 'full_applications_closed' })
  call.fullGrid = grid
  await call.save()
  const ngo = await makeOrganisation('ngo', 'Logframe House')
  const applicant = await makeMember(ngo, 'applicant')
  const application = await Application.create({
    callId: call.id,
    organisationId: ngo.id,
    status: 'full_submitted',
    title: 'Beds and care',
    currency: 'EUR',
    requestedCents: 5000000,
    fullRequestedCents: 4800000,
    narrative: { relevance: 'r', methodology: 'm', sustainability: 's' },
    periodStartOn: DateTime.fromISO('2027-03-01'),
    periodEndOn: DateTime.fromISO('2028-02-29'),
    fullSubmittedAt: DateTime.utc(),
    createdById: applicant.id,
    isEliminated: false,
  })
  await giveLogframe(application.id)
  const pool = await makeOrganisation('contracting_authority')
  const assignments = []
  const assessors: User[] = []
  for (let i = 0; i < 2; i++) {
    const assessor = await makeMember(pool, 'assessor')
    await new AssessorAssignments().sign(call.id, assessor, ip)
    const result = await new AssessorAssignments().assign(
      application,
      assessor.id,
      'full_application',
      manager,
      ip
    )
    if (!result.ok) throw new Error(result.reason)
    assessors.push(assessor)
    assignments.push(result.assignment)
  }
  return { call, manager, applicant, application, assessors, assignments }
}

/** Every criterion of the grid at its maximum, but `overrides`, as the score form posts it. */
function scoreForm(grid: Grid, overrides: Record<string, string | undefined> = {}) {
  const form: Record<string, string> = {}
  for (const criterion of grid.sections.flatMap((s) => s.criteria)) {
    const value = criterion.key in overrides ? overrides[criterion.key] : String(criterion.maxScore)
    if (value !== undefined) form[`scores[c${criterion.key}]`] = value
  }
  form['comments[s3]'] = 'Clear results; the indicators need targets per year.'
  return form
}

async function apiToken(client: ApiClient, user: User) {
  const created = await client
    .post('/api/v1/tokens')
    .json({ email: user.email, password: TEST_PASSWORD })
  return created.body().token as string
}

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pdf-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

async function reportText(client: ApiClient, call: Call, manager: User) {
  const report = await client.get(`/calls/${call.id}/evaluation-report.pdf`).loginAs(manager)
  report.assertStatus(200)
  return pdfText(Buffer.from(report.body() as ArrayBuffer))
}

test.group('Evaluation: the logframe criterion', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the assessor scores the logframe beside it; totals, the evaluation page, the report PDF and the API count it', async ({
    client,
    assert,
  }) => {
    const { call, manager, application, assessors, assignments } = await fullApplicationToScore()
    const page = await client.get(`/assignments/${assignments[0].id}`).loginAs(assessors[0])
    page.assertStatus(200)
    const html = page.text()
    // The logframe criterion's field sits in the logframe section, tied to the score form.
    const logframeAt = html.indexOf('data-sheet-logframe>')
    const scoreAt = html.indexOf('data-sheet-logframe-score')
    const budgetAt = html.indexOf('data-sheet-budget')
    assert.isAbove(scoreAt, logframeAt)
    assert.isBelow(scoreAt, budgetAt)
    assert.isAbove(html.indexOf('data-sheet-structured-logframe'), logframeAt)
    assert.match(html, /<input[^>]*id="score-3\.2"[^>]*form="score-form"/)
    assert.lengthOf(html.match(/name="scores\[c3\.2\]"/g) ?? [], 1)
    assert.include(html, 'data-logframe-criterion-pointer="3.2"')
    assert.include(html, 'id="score-form"')

    // A missing logframe score is named by its criterion; every other score comes back.
    const agent = await signIn(assessors[0])
    const path = `/assignments/${assignments[0].id}`
    const fields = scoreForm(defaultFullGrid, { '3.2': '', '1.1': '3' })
    const refused = await agent.submit(path, `${path}/scores`, fields)
    const back = await follow(agent, refused)
    assert.include(summaryOf(back), 'href="#score-3.2"')
    assert.match(back, /id="error-score-3\.2"/)
    assert.match(back, /id="score-1\.1"[^>]*value="3"/)
    assert.include(back, 'Clear results; the indicators need targets per year.')

    for (const [index, logframe] of ['4', '2'].entries()) {
      const sent = await client
        .post(`/assignments/${assignments[index].id}/scores`)
        .form(scoreForm(defaultFullGrid, { '3.2': logframe }))
        .loginAs(assessors[index])
        .withCsrfToken()
        .redirects(0)
      sent.assertFlashMessage('success', 'Your scores are submitted.')
    }
    // Totals 99 and 97 of 100: the logframe's points are in them.
    await application.refresh()
    assert.equal(application.fullScoreHundredths, 9800)

    const desk = await client.get(`/calls/${call.id}/evaluation`).loginAs(manager)
    desk.assertStatus(200)
    assert.match(desk.text(), /data-logframe-average>3\.00<\/strong> \/ 5/)
    assert.match(desk.text(), /<td class="num">99<\/td>/)
    assert.match(desk.text(), /<td class="num">97<\/td>/)

    const text = await reportText(client, call, manager)
    assert.include(text, 'Logframe, scored beside the structured logframe: 3.2')
    assert.include(text, 'Logframe (3.2): average 3.00 of 5')
    assert.include(text, 'Average 98.00 of 100')

    const token = await apiToken(client, manager)
    const api = await client.get(`/api/v1/applications/${application.id}`).bearerToken(token)
    api.assertStatus(200)
    assert.equal(api.body().data.fullScoreHundredths, 9800)
    assert.deepEqual(api.body().data.logframeScore, {
      keys: ['3.2'],
      averageHundredths: 300,
      maximum: 5,
    })
    const grid = await client.get(`/api/v1/calls/${call.id}`).bearerToken(token)
    const criteria = grid
      .body()
      .data.fullGrid.sections.flatMap(
        (s: { criteria: { key: string; logframe?: boolean }[] }) => s.criteria
      )
    assert.deepEqual(
      criteria.filter((c: { logframe?: boolean }) => c.logframe).map((c: { key: string }) => c.key),
      ['3.2']
    )
  })

  test('a call whose grid predates the criterion keeps its grid: scored as before, no logframe line', async ({
    client,
    assert,
  }) => {
    const { call, manager, application, assessors, assignments } =
      await fullApplicationToScore(gridBeforeLogframe)
    const page = await client.get(`/assignments/${assignments[0].id}`).loginAs(assessors[0])
    assert.notInclude(page.text(), 'data-sheet-logframe-score')
    assert.match(page.text(), /<input[^>]*id="score-3\.1"[^>]*max="15"/)
    assert.notMatch(page.text(), /id="score-3\.1"[^>]*form=/)

    for (const [index, assessor] of assessors.entries()) {
      await client
        .post(`/assignments/${assignments[index].id}/scores`)
        .form(scoreForm(gridBeforeLogframe, { '3.1': String(10 + index) }))
        .loginAs(assessor)
        .withCsrfToken()
    }
    await application.refresh()
    // Totals 95 and 96.
    assert.equal(application.fullScoreHundredths, 9550)
    await call.refresh()
    assert.deepEqual(call.fullGrid, gridBeforeLogframe)

    const desk = await client.get(`/calls/${call.id}/evaluation`).loginAs(manager)
    assert.notInclude(desk.text(), 'data-logframe-average')
    const text = await reportText(client, call, manager)
    assert.notInclude(text, 'Logframe (')
    const token = await apiToken(client, manager)
    const api = await client.get(`/api/v1/applications/${application.id}`).bearerToken(token)
    assert.isNull(api.body().data.logframeScore)
  })

  test('the grid editor marks the logframe criterion of the full grid; a concept-note grid cannot have one', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'draft' })
    const form = await client.get(`/calls/${call.id}/edit`).loginAs(manager)
    // The default full grid's logframe criterion is ticked in the editor.
    assert.match(form.text(), /name="fullGridRows\[8\]\[logframe\]" value="1" checked/)
    assert.notInclude(form.text(), 'conceptGridRows[0][logframe]')

    const local = (iso: string) =>
      DateTime.fromISO(iso).setZone('Europe/Belgrade').toFormat("yyyy-MM-dd'T'HH:mm")
    const base = {
      'reference': call.reference,
      'titleEn': 'Support to shelters',
      'procedure': 'restricted',
      'budgetEnvelope': '300 000,00',
      'minGrant': '20 000',
      'maxGrant': '60 000',
      'maxFunderShare': '95',
      'maxPerThirdParty': '60 000',
      'conceptDeadline': local(call.conceptDeadlineAt.toISO()!),
      'fullDeadline': local(call.fullDeadlineAt!.toISO()!),
      'minDaysToConceptDeadline': '45',
      'minDaysToFullDeadline': '30',
      'shortlistMultiple': '2',
      'spreadFlag': '20',
      'conceptGridRows[0][section]': '1',
      'conceptGridRows[0][sectionTitle]': 'Relevance',
      'conceptGridRows[0][key]': '1.1',
      'conceptGridRows[0][title]': 'Need',
      'conceptGridRows[0][maxScore]': '10',
      'conceptGridThreshold': '5',
      'fullGridRows[0][section]': '1',
      'fullGridRows[0][sectionTitle]': 'Design',
      'fullGridRows[0][key]': '1.1',
      'fullGridRows[0][title]': 'Coherence',
      'fullGridRows[0][maxScore]': '10',
      'fullGridRows[1][section]': '1',
      'fullGridRows[1][key]': '1.2',
      'fullGridRows[1][title]': 'Logframe',
      'fullGridRows[1][maxScore]': '5',
      'fullGridRows[1][weight]': '2',
      'fullGridRows[1][logframe]': '1',
      'fullGridThreshold': '10',
    }
    await client.put(`/calls/${call.id}`).form(base).loginAs(manager).withCsrfToken()
    await call.refresh()
    assert.deepEqual(call.fullGrid.sections[0].criteria, [
      { key: '1.1', title: 'Coherence', maxScore: 10 },
      { key: '1.2', title: 'Logframe', maxScore: 5, weight: 2, logframe: true },
    ])

    const refused = await client
      .put(`/calls/${call.id}`)
      .form({ ...base, 'conceptGridRows[0][logframe]': '1' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    assert.include(
      JSON.stringify(refused.flashMessages().errorsBag),
      'A concept-note grid cannot score the logframe'
    )
    await call.refresh()
    assert.isUndefined(call.conceptGrid.sections[0].criteria[0].logframe)
  })
})
