import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { readFileSync } from 'node:fs'
import { DateTime } from 'luxon'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { UploadDocument } from '#actions/organisations/upload_document'
import { defaultFullGrid } from '#domain/calls/grid'
import Application from '#models/application'
import ApplicationBudgetLine from '#models/application_budget_line'
import Call from '#models/call'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { FileStore } from '#services/file_store'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function uploadStatute(ngo: Organisation, by: User) {
  const stored = await FileStore.put(
    `organisations/${ngo.id}`,
    'statute.pdf',
    pdf,
    'application/pdf'
  )
  await new UploadDocument().handle(ngo, 'statute', stored, null, by, ip)
}

/** A submitted full application with narrative, logframe and two budget lines, and an assigned assessor. */
async function assessedFullApplication() {
  const funder = await makeOrganisation('lead_grantee')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager, { status: 'full_applications_closed' })
  const ngo = await makeOrganisation('ngo', 'Safe House')
  const applicant = await makeMember(ngo, 'applicant')
  await uploadStatute(ngo, applicant)
  const application = await Application.create({
    callId: call.id,
    organisationId: ngo.id,
    status: 'full_submitted',
    title: 'Beds and care',
    currency: 'EUR',
    requestedCents: 5000000,
    fullRequestedCents: 4800000,
    narrative: {
      relevance: 'Twelve beds missing',
      methodology: 'Case managers',
      sustainability: 'State budget',
    },
    logframe: [
      { level: 'objective', text: 'Safe shelter for victims', baseline: '0', target: '12' },
    ],
    periodStartOn: DateTime.fromISO('2027-03-01'),
    periodEndOn: DateTime.fromISO('2028-02-29'),
    fullSubmittedAt: DateTime.utc(),
    createdById: applicant.id,
    isEliminated: false,
  })
  await ApplicationBudgetLine.createMany([
    {
      applicationId: application.id,
      position: 0,
      heading: 'human_resources',
      label: 'Social workers',
      unit: 'month',
      quantityHundredths: 1200,
      unitCostCents: 400000,
      thirdParty: null,
    },
    {
      applicationId: application.id,
      position: 1,
      heading: 'travel',
      label: 'Visits',
      unit: 'trip',
      quantityHundredths: 250,
      unitCostCents: 3333,
      thirdParty: null,
    },
  ])
  const pool = await makeOrganisation('contracting_authority')
  const assessor = await makeMember(pool, 'assessor')
  const result = await new AssessorAssignments().assign(
    application,
    assessor.id,
    'full_application',
    manager,
    ip
  )
  if (!result.ok) throw new Error(result.reason)
  return {
    call,
    manager,
    application,
    assessor,
    assignment: result.assignment,
    ngo,
    applicant,
    pool,
  }
}

test.group('Evaluation: the score sheet beside the full application', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a declared assessor reads narrative, logframe, budget with totals and documents', async ({
    client,
    assert,
  }) => {
    const { call, assessor, assignment, ngo } = await assessedFullApplication()
    await new AssessorAssignments().sign(call.id, assessor, ip)
    const page = await client.get(`/assignments/${assignment.id}`).loginAs(assessor)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'data-full-application')
    assert.include(html, 'Twelve beds missing')
    assert.include(html, 'Safe shelter for victims')
    assert.include(html, 'Social workers')
    // 12 × 4 000.00 + round(2.5 × 33.33 = 83.325) = 83.33 → TEC 48 083.33
    assert.match(html, /data-sheet-tec>[^<]*48,083\.33/)
    assert.include(html, 'data-sheet-heading-total="travel"')
    for (const criterion of defaultFullGrid.sections.flatMap((s) => s.criteria)) {
      assert.include(html, `score-${criterion.key}`)
    }
    const link = /href="(\/assignments\/\d+\/documents\/\d+)" data-document-link="statute"/.exec(
      html
    )
    assert.isNotNull(link)
    const file = await client.get(link![1]).loginAs(assessor)
    file.assertStatus(200)
    file.assertHeader('content-type', 'application/pdf')
    assert.equal(ngo.name, 'Safe House')
  })

  test('an assessor who has not declared is sent to the declaration and gets no document', async ({
    client,
    assert,
  }) => {
    const { assessor, assignment, ngo } = await assessedFullApplication()
    const page = await client.get(`/assignments/${assignment.id}`).loginAs(assessor).redirects(0)
    page.assertStatus(302)
    assert.match(String(page.header('location')), /\/declaration$/)
    const version = await db
      .from('document_versions')
      .join(
        'organisation_documents',
        'organisation_documents.id',
        'document_versions.organisation_document_id'
      )
      .where('organisation_documents.organisation_id', ngo.id)
      .select('document_versions.id')
      .firstOrFail()
    const file = await client
      .get(`/assignments/${assignment.id}/documents/${version.id}`)
      .loginAs(assessor)
    file.assertStatus(403)
  })

  test('an assessor not assigned to the application sees neither sheet nor documents', async ({
    client,
  }) => {
    const { call, assignment, pool, ngo } = await assessedFullApplication()
    const stranger = await makeMember(pool, 'assessor')
    await new AssessorAssignments().sign(call.id, stranger, ip).catch(() => undefined)
    const page = await client.get(`/assignments/${assignment.id}`).loginAs(stranger)
    page.assertStatus(404)
    const version = await db
      .from('document_versions')
      .join(
        'organisation_documents',
        'organisation_documents.id',
        'document_versions.organisation_document_id'
      )
      .where('organisation_documents.organisation_id', ngo.id)
      .select('document_versions.id')
      .firstOrFail()
    const file = await client
      .get(`/assignments/${assignment.id}/documents/${version.id}`)
      .loginAs(stranger)
    file.assertStatus(404)
  })
})

test.group('Evaluation: budget builder messages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function shortlisted() {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'shortlisted' })
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    const application = await Application.create({
      callId: call.id,
      organisationId: ngo.id,
      status: 'shortlisted',
      title: 'Beds',
      currency: 'EUR',
      requestedCents: 5000000,
      createdById: applicant.id,
      isEliminated: false,
    })
    return { application, applicant }
  }

  test('the preview refuses a bad row with 422 and names the row as typed', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlisted()
    const response = await client
      .post(`/applications/${application.id}/budget-preview`)
      .form({
        'lines[0][heading]': 'human_resources',
        'lines[0][label]': 'Social workers',
        'lines[0][unit]': 'month',
        'lines[0][quantity]': '12',
        'lines[0][unitCost]': '4000',
        'lines[1][heading]': 'travel',
        'lines[1][label]': '',
        'lines[1][unit]': '',
        'lines[1][quantity]': '',
        'lines[1][unitCost]': '',
        'lines[2][heading]': 'travel',
        'lines[2][label]': 'Visits',
        'lines[2][unit]': 'trip',
        'lines[2][quantity]': '2.555',
        'lines[2][unitCost]': '10',
      })
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')
    response.assertStatus(422)
    const errors = response.body().errors as { field: string; message: string }[]
    const quantity = errors.find((e) => e.field === 'lines.2.quantity')
    assert.exists(quantity)
    assert.match(quantity!.message, /^Row 3: /)
  })

  test("violations come as sentences in the reader's language, never as codes", async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await shortlisted()
    const body = {
      'lines[0][heading]': 'human_resources',
      'lines[0][label]': 'Social workers',
      'lines[0][unit]': 'month',
      'lines[0][quantity]': '12',
      'lines[0][unitCost]': '4000',
      'lines[1][heading]': 'indirect',
      'lines[1][label]': 'Overheads',
      'lines[1][unit]': 'lump sum',
      'lines[1][quantity]': '1',
      'lines[1][unitCost]': '9000',
    }
    const en = await client
      .post(`/applications/${application.id}/budget-preview`)
      .form(body)
      .loginAs(applicant)
      .withCsrfToken()
      .accept('json')
    en.assertStatus(200)
    const violation = en
      .body()
      .violations.find((v: { code: string }) => v.code === 'INDIRECT_OVER_CAP')
    assert.match(violation.text, /^Indirect costs of .*9,000\.00.* exceed 7\.00 %/)
    assert.equal(en.body().headingsCents.human_resources, 4800000)
    const sq = await client
      .post(`/applications/${application.id}/budget-preview`)
      .form(body)
      .loginAs(applicant)
      .withSession({ locale: 'sq' })
      .withCsrfToken()
      .accept('json')
    const text = sq
      .body()
      .violations.find((v: { code: string }) => v.code === 'INDIRECT_OVER_CAP').text
    assert.match(text, /^Kostot indirekte prej/)
    assert.notInclude(text, 'INDIRECT_OVER_CAP')
  })

  test('every code raised by the budget and call rules has a sentence in en, sq and sr-Latn', async ({
    assert,
  }) => {
    const sources = ['app/domain/budget/budget.ts', 'app/domain/calls/cofinancing.ts']
    const codes = new Set<string>()
    for (const file of sources) {
      for (const match of readFileSync(file, 'utf8').matchAll(/code: '([A-Z_]+)'/g))
        codes.add(match[1])
    }
    assert.isAtLeast(codes.size, 11)
    for (const locale of ['en', 'sq', 'sr-Latn']) {
      const messages = JSON.parse(readFileSync(`resources/lang/${locale}/evaluation.json`, 'utf8'))
      /* Rules added with the programme settings keep their sentences in `settings3.rules` (rule_text.ts). */
      const settingsRules = JSON.parse(
        readFileSync(`resources/lang/${locale}/settings3.json`, 'utf8')
      ).rules
      for (const code of codes) {
        const sentence = messages.rules[code] ?? settingsRules[code]
        assert.isString(sentence, `${locale} has no sentence for ${code}`)
        assert.notInclude(sentence, code)
      }
      for (const code of [
        'REQUEST_BELOW_MIN',
        'REQUEST_ABOVE_MAX',
        'DOCUMENTS_MISSING',
        'LICENCE_COVER_SHORT',
        'NO_PERIOD',
      ]) {
        assert.isString(messages.warnings[code], `${locale} has no warning ${code}`)
      }
    }
  })
})

test.group('Evaluation: guard rails of the funder', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('warnings before recording eligibility, kept with the decision, and the decision shown after', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'evaluated' })
    const ngo = await makeOrganisation('ngo', 'Big Ask')
    const applicant = await makeMember(ngo, 'applicant')
    const application = await Application.create({
      callId: call.id,
      organisationId: ngo.id,
      status: 'provisionally_selected',
      title: 'Too much',
      currency: 'EUR',
      requestedCents: 19000000,
      fullRequestedCents: 19000000,
      createdById: applicant.id,
      isEliminated: false,
    })
    const before = await client.get(`/calls/${call.id}/evaluation`).loginAs(manager)
    before.assertStatus(200)
    assert.include(before.text(), 'data-warning="REQUEST_ABOVE_MAX"')
    assert.include(before.text(), 'data-warning="DOCUMENTS_MISSING"')
    assert.match(before.text(), /is above the call.{1,8}s maximum grant of/)

    const recorded = await client
      .post(`/applications/${application.id}/eligibility`)
      .form({ eligible: 'yes', note: 'Checked on site' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    recorded.assertStatus(302)
    assert.match(String(recorded.header('location')), new RegExp(`#app-${application.id}$`))
    await application.refresh()
    assert.equal(application.eligibility, 'eligible')
    assert.deepEqual(
      application.eligibilityWarnings!.map((w) => w.code),
      ['REQUEST_ABOVE_MAX', 'DOCUMENTS_MISSING']
    )
    const audit = await db
      .from('audit_events')
      .where({ action: 'application.eligibility_verified', subject_id: String(application.id) })
      .firstOrFail()
    assert.include(String(audit.after_json), 'REQUEST_ABOVE_MAX')

    const after = await client.get(`/calls/${call.id}/evaluation`).loginAs(manager)
    assert.include(after.text(), 'data-recorded-eligibility="eligible"')
    assert.include(after.text(), 'Checked on site')
  })

  test('irreversible steps ask first on a page that needs no JavaScript; others cannot open it', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'draft' })
    const show = await client.get(`/calls/${call.id}`).loginAs(manager)
    assert.match(
      show.text(),
      new RegExp(`<form method="GET" action="/calls/${call.id}/confirmation"`)
    )
    for (const step of ['published', 'closed', 'award']) {
      const page = await client.get(`/calls/${call.id}/confirmation?step=${step}`).loginAs(manager)
      page.assertStatus(200)
      assert.include(page.text(), `data-confirmation="${step}"`)
      assert.include(page.text(), 'This step cannot be undone.')
    }
    const publish = await client
      .get(`/calls/${call.id}/confirmation?step=published`)
      .loginAs(manager)
    assert.include(publish.text(), `action="/calls/${call.id}/stage"`)
    assert.include(publish.text(), 'name="stage" value="published"')
    const bad = await client
      .get(`/calls/${call.id}/confirmation?step=delete`)
      .loginAs(manager)
      .accept('json')
    bad.assertStatus(422)
    const otherFunder = await makeMember(await makeOrganisation('lead_grantee'), 'grant_manager')
    const denied = await client
      .get(`/calls/${call.id}/confirmation?step=published`)
      .loginAs(otherFunder)
    assert.include([403, 404], denied.status())
    const applicant = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const applicantDenied = await client
      .get(`/calls/${call.id}/confirmation?step=published`)
      .loginAs(applicant)
    assert.include([403, 404], applicantDenied.status())
  })

  test('deadline refusals quote Kosovo time, never UTC ISO', async ({ client, assert }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, {
      status: 'draft',
      conceptDeadlineAt: '2030-01-10T10:00:00Z',
      fullDeadlineAt: '2030-01-20T10:00:00Z',
    })
    const refused = await client
      .post(`/calls/${call.id}/stage`)
      .form({ stage: 'published' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    const message = String(refused.flashMessages().error)
    assert.include(message, '(Kosovo time)')
    assert.notInclude(message, 'UTC')
    assert.notMatch(message, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
    // 2030-01-10 10:00 UTC + 30 days = 2030-02-09 10:00 UTC = 11:00 in Kosovo (CET)
    assert.include(message, '2030-02-09 11:00 (Kosovo time)')
  })

  test('the grid editor builds the grid from rows; a row without a whole score is refused', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'draft' })
    const local = (iso: string) =>
      DateTime.fromISO(iso).setZone('Europe/Belgrade').toFormat("yyyy-MM-dd'T'HH:mm")
    const base = {
      reference: call.reference,
      titleEn: 'Support to shelters',
      procedure: 'restricted',
      budgetEnvelope: '300 000,00',
      minGrant: '20 000',
      maxGrant: '60 000',
      maxFunderShare: '95',
      maxPerThirdParty: '60 000',
      conceptDeadline: local(call.conceptDeadlineAt.toISO()!),
      fullDeadline: local(call.fullDeadlineAt!.toISO()!),
      minDaysToConceptDeadline: '45',
      minDaysToFullDeadline: '30',
      shortlistMultiple: '2',
      spreadFlag: '20',
    }
    const rows = (score: string) => ({
      'conceptGridRows[0][section]': '1',
      'conceptGridRows[0][sectionTitle]': 'Relevance',
      'conceptGridRows[0][eliminatory]': '5',
      'conceptGridRows[0][key]': '1.1',
      'conceptGridRows[0][title]': 'Need',
      'conceptGridRows[0][maxScore]': '10',
      'conceptGridRows[1][section]': '1',
      'conceptGridRows[1][key]': '1.2',
      'conceptGridRows[1][title]': 'Target group',
      'conceptGridRows[1][maxScore]': score,
      'conceptGridRows[1][weight]': '2',
      'conceptGridRows[2][section]': '2',
      'conceptGridRows[2][sectionTitle]': 'Design',
      'conceptGridRows[2][key]': '2.1',
      'conceptGridRows[2][title]': 'Logframe',
      'conceptGridRows[2][maxScore]': '20',
      'conceptGridRows[3][section]': '2',
      'conceptGridRows[3][key]': '2.2',
      'conceptGridRows[3][title]': 'Dropped',
      'conceptGridRows[3][maxScore]': '5',
      'conceptGridRows[3][remove]': '1',
      'conceptGridRows[4][section]': '',
      'conceptGridRows[4][key]': '',
      'conceptGridRows[4][title]': '',
      'conceptGridRows[4][maxScore]': '',
      'conceptGridThreshold': '20',
      'fullGridRows[0][section]': '1',
      'fullGridRows[0][sectionTitle]': 'Budget',
      'fullGridRows[0][key]': '1.1',
      'fullGridRows[0][title]': 'Cost-effectiveness',
      'fullGridRows[0][maxScore]': '30',
      'fullGridThreshold': '15',
    })
    const refused = await client
      .put(`/calls/${call.id}`)
      .form({ ...base, ...rows('many') })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    assert.match(JSON.stringify(refused.flashMessages().errorsBag), /positive whole maximum score/)
    await call.refresh()
    assert.notInclude(
      call.conceptGrid.sections.flatMap((section) => section.criteria.map((c) => c.title)),
      'Target group'
    )

    await client
      .put(`/calls/${call.id}`)
      .form({ ...base, ...rows('5') })
      .loginAs(manager)
      .withCsrfToken()
    const fresh = await Call.findOrFail(call.id)
    assert.deepEqual(fresh.conceptGrid, {
      sections: [
        {
          key: '1',
          title: 'Relevance',
          eliminatoryMinimum: 5,
          criteria: [
            { key: '1.1', title: 'Need', maxScore: 10 },
            { key: '1.2', title: 'Target group', maxScore: 5, weight: 2 },
          ],
        },
        {
          key: '2',
          title: 'Design',
          eliminatoryMinimum: null,
          criteria: [{ key: '2.1', title: 'Logframe', maxScore: 20 }],
        },
      ],
      threshold: 20,
    })
    assert.equal(fresh.fullGrid.threshold, 15)
    const form = await client.get(`/calls/${call.id}/edit`).loginAs(manager)
    assert.include(form.text(), 'data-grid-editor="conceptGrid"')
    assert.include(form.text(), 'value="Target group"')
    assert.include(form.text(), 'name="conceptGridRows[1][weight]" value="2"')
    assert.notInclude(form.text(), '"sections"')
  })
})

test.group('Evaluation: reopening a withdrawn concept note', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  async function withdrawnNote() {
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
    await notes.withdraw(application.id, applicant, ip)
    return { call, application, applicant, manager }
  }

  test('before the deadline the applicant reopens it as a draft, audited, and submits again', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await withdrawnNote()
    const page = await client.get(`/applications/${application.id}`).loginAs(applicant)
    assert.include(page.text(), 'data-reopen')
    const reopened = await client
      .post(`/applications/${application.id}/reopening`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    reopened.assertFlashMessage(
      'success',
      'The concept note is open again as a draft. Submit it before the deadline.'
    )
    await application.refresh()
    assert.equal(application.status, 'draft')
    assert.isNull(application.withdrawnAt)
    const events = await db
      .from('audit_events')
      .where({ action: 'application.reopened', subject_id: String(application.id) })
    assert.lengthOf(events, 1)
    await new ConceptNotes().submit(application.id, applicant, ip)
    await application.refresh()
    assert.equal(application.status, 'submitted')
  })

  test('after the deadline, on a note not withdrawn, or by someone else, it is refused and nothing is audited', async ({
    client,
    assert,
  }) => {
    const { call, application, applicant, manager } = await withdrawnNote()
    const stranger = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const foreign = await client
      .post(`/applications/${application.id}/reopening`)
      .loginAs(stranger)
      .withCsrfToken()
      .accept('json')
    assert.include([403, 404], foreign.status())
    const staff = await client
      .post(`/applications/${application.id}/reopening`)
      .loginAs(manager)
      .withCsrfToken()
      .accept('json')
    assert.include([403, 404], staff.status())

    call.conceptDeadlineAt = DateTime.utc().minus({ minutes: 1 })
    await call.save()
    const late = await client
      .post(`/applications/${application.id}/reopening`)
      .loginAs(applicant)
      .withCsrfToken()
      .redirects(0)
    assert.match(
      String(late.flashMessages().error),
      /\(Kosovo time\): the concept note can no longer be reopened/
    )
    await application.refresh()
    assert.equal(application.status, 'withdrawn')
    const events = await db.from('audit_events').where({ action: 'application.reopened' })
    assert.lengthOf(events, 0)
  })

  test('the API reopens it too, and refuses a submitted note with 409', async ({
    client,
    assert,
  }) => {
    const { application, applicant } = await withdrawnNote()
    const response = await client
      .post(`/api/v1/applications/${application.id}/reopening`)
      .withGuard('api')
      .loginAs(applicant)
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'draft')
    await new ConceptNotes().submit(application.id, applicant, ip)
    const again = await client
      .post(`/api/v1/applications/${application.id}/reopening`)
      .withGuard('api')
      .loginAs(applicant)
    again.assertStatus(409)
  })
})
