import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import { RecordAdminCheck } from '#actions/applications/record_admin_check'
import { ConceptNotes } from '#actions/applications/concept_notes'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { SubmitAssessment } from '#actions/assessments/submit_assessment'
import { ShortlistConceptNotes } from '#actions/calls/shortlist_concept_notes'
import { defaultConceptGrid } from '#domain/calls/grid'
import Application from '#models/application'
import type Call from '#models/call'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

/** A score sheet giving every criterion the same share of its maximum, summing to about `total` of 50. */
function sheetFor(total: number) {
  const scores: Record<string, number> = {}
  let remaining = total
  const criteria = defaultConceptGrid.sections.flatMap((s) => s.criteria)
  for (const criterion of criteria) {
    const score = Math.min(criterion.maxScore, remaining)
    scores[criterion.key] = score
    remaining -= score
  }
  return scores
}

async function submittedNote(call: Call, ngo: Organisation, applicant: User, requested: number) {
  const notes = new ConceptNotes()
  const application = await notes.start(call, ngo.id, applicant, ip)
  await notes.save(
    application,
    {
      title: `Note of ${ngo.name}`,
      summary: 's',
      objectives: 'o',
      estimatedTotal: requested * 2,
      requested,
    },
    applicant,
    ip
  )
  await notes.submit(application.id, applicant, ip)
  return application
}

async function setup() {
  const funder = await makeOrganisation('lead_grantee')
  const manager = await makeMember(funder, 'grant_manager')
  const call = await makeCall(funder, manager)
  const pool = await makeOrganisation('contracting_authority')
  const assessorA = await makeMember(pool, 'assessor')
  const assessorB = await makeMember(pool, 'assessor')
  return { funder, manager, call, assessorA, assessorB }
}

async function closeConceptNotes(call: Call) {
  call.merge({
    status: 'concept_notes_closed',
    conceptDeadlineAt: DateTime.utc().minus({ minutes: 1 }),
  })
  await call.save()
}

test.group('Calls: assessors and the shortlist', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an assessor cannot open an assigned application before signing the declaration', async ({
    client,
  }) => {
    const { call, manager, assessorA } = await setup()
    const ngo = await makeOrganisation('ngo')
    const application = await submittedNote(call, ngo, await makeMember(ngo, 'applicant'), 5000000)
    const result = await new AssessorAssignments().assign(
      application,
      assessorA.id,
      'concept_note',
      manager,
      ip
    )
    if (!result.ok) throw new Error(result.reason)

    const api = await client
      .get(`/api/v1/applications/${application.id}`)
      .withGuard('api')
      .loginAs(assessorA)
    api.assertStatus(404)
    const page = await client
      .get(`/assignments/${result.assignment.id}`)
      .loginAs(assessorA)
      .redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', `/calls/${call.id}/declaration`)

    const signed = await client
      .post(`/calls/${call.id}/declaration`)
      .loginAs(assessorA)
      .withCsrfToken()
      .redirects(0)
    signed.assertStatus(302)
    const after = await client
      .get(`/api/v1/applications/${application.id}`)
      .withGuard('api')
      .loginAs(assessorA)
    after.assertStatus(200)
    const form = await client.get(`/assignments/${result.assignment.id}`).loginAs(assessorA)
    form.assertStatus(200)
    form.assertTextIncludes('data-score-form')
  })

  test('an assignment to an applicant the assessor declared an affiliation with is refused and recorded', async ({
    client,
    assert,
  }) => {
    const { call, manager, assessorA } = await setup()
    const ngo = await makeOrganisation('ngo', 'Board NGO')
    const application = await submittedNote(call, ngo, await makeMember(ngo, 'applicant'), 5000000)
    await closeConceptNotes(call)

    const declared = await client
      .post('/profile/affiliations')
      .form({ kind: 'board_member', organisationId: ngo.id })
      .loginAs(assessorA)
      .withCsrfToken()
      .redirects(0)
    declared.assertStatus(302)

    const response = await client
      .post(`/applications/${application.id}/assignments`)
      .form({ assessorId: assessorA.id, stage: 'concept_note' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)

    assert.match(String(response.flashMessages().error), /declared an affiliation \(board_member\)/)
    assert.isNull(
      await db.from('assessor_assignments').where('application_id', application.id).first()
    )
    const refusal = await db
      .from('audit_events')
      .where({ action: 'assessor.assignment_refused' })
      .first()
    assert.include(refusal.after_json, '"reason":"declared_affiliation"')

    await new AssessorAssignments().sign(call.id, assessorA, ip)
    const api = await client
      .get(`/api/v1/applications/${application.id}`)
      .withGuard('api')
      .loginAs(assessorA)
    api.assertStatus(404)
  })

  test('a soft conflict is assigned only after a second grant manager signs the waiver off', async ({
    assert,
  }) => {
    const { call, funder, manager, assessorA } = await setup()
    const secondManager = await makeMember(funder, 'grant_manager')
    const ngo = await makeOrganisation('ngo')
    const application = await submittedNote(call, ngo, await makeMember(ngo, 'applicant'), 5000000)
    const assignments = new AssessorAssignments()
    await assignments.declareAffiliation(
      assessorA,
      { kind: 'financial_interest', organisationId: ngo.id },
      ip
    )

    const refused = await assignments.assign(application, assessorA.id, 'concept_note', manager, ip)
    assert.deepInclude(refused, { ok: false, reason: 'declared_affiliation', waivable: true })

    const waiver = await assignments.requestWaiver(
      application,
      assessorA.id,
      'Holds 10 shares in a supplier of the NGO',
      manager,
      ip
    )
    await assert.rejects(
      () => assignments.approveWaiver(waiver, manager, ip),
      /second grant manager/
    )
    await assignments.approveWaiver(waiver, secondManager, ip)

    const assigned = await assignments.assign(
      application,
      assessorA.id,
      'concept_note',
      manager,
      ip
    )
    assert.isTrue(assigned.ok)
    if (assigned.ok) assert.equal(assigned.assignment.waiverId, waiver.id)
  })

  test("scores are averaged, a large spread is flagged, and others' scores stay hidden until one's own is in", async ({
    client,
    assert,
  }) => {
    const { call, manager, assessorA, assessorB } = await setup()
    const ngo = await makeOrganisation('ngo')
    const application = await submittedNote(call, ngo, await makeMember(ngo, 'applicant'), 5000000)
    const assignments = new AssessorAssignments()
    const a = await assignments.assign(application, assessorA.id, 'concept_note', manager, ip)
    const b = await assignments.assign(application, assessorB.id, 'concept_note', manager, ip)
    if (!a.ok || !b.ok) throw new Error('assignment failed')
    await assignments.sign(call.id, assessorA, ip)
    await assignments.sign(call.id, assessorB, ip)

    await new SubmitAssessment().handle(a.assignment.id, sheetFor(45), {}, assessorA, ip)
    const before = await client.get(`/assignments/${b.assignment.id}`).loginAs(assessorB)
    assert.notInclude(before.text(), 'data-other-scores')

    const response = await client
      .post(`/assignments/${b.assignment.id}/scores`)
      .form({
        ...Object.fromEntries(
          Object.entries(sheetFor(30)).map(([k, v]) => [`scores[c${k}]`, String(v)])
        ),
        'comments[s1]': 'Relevant',
      })
      .loginAs(assessorB)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const after = await client.get(`/assignments/${b.assignment.id}`).loginAs(assessorB)
    after.assertTextIncludes('data-other-scores')
    after.assertTextIncludes(': 45')

    await application.refresh()
    assert.equal(application.conceptScoreHundredths, 3750)
    await closeConceptNotes(call)
    const desk = await client.get(`/calls/${call.id}/evaluation`).loginAs(manager)
    desk.assertTextIncludes('data-spread-flag')
  })

  test('a score outside the grid is refused and nothing is stored', async ({ assert }) => {
    const { call, manager, assessorA } = await setup()
    const ngo = await makeOrganisation('ngo')
    const application = await submittedNote(call, ngo, await makeMember(ngo, 'applicant'), 5000000)
    const a = await new AssessorAssignments().assign(
      application,
      assessorA.id,
      'concept_note',
      manager,
      ip
    )
    if (!a.ok) throw new Error('assignment failed')

    await assert.rejects(
      () =>
        new SubmitAssessment().handle(
          a.assignment.id,
          { ...sheetFor(40), '1.3': 6 },
          {},
          assessorA,
          ip
        ),
      /outside the grid's limits: 1.3/
    )
    assert.isNull(
      await db.from('assessment_scores').where('assignment_id', a.assignment.id).first()
    )
  })

  test('the shortlist ranks by average score within twice the budget and tells each applicant', async ({
    assert,
    cleanup,
  }) => {
    mail.fake()
    cleanup(() => mail.restore())
    const { call, manager, assessorA, assessorB } = await setup()
    call.budgetEnvelopeCents = 10000000
    await call.save()
    const scores: [string, number, number][] = [
      ['Alpha', 45, 6000000],
      ['Beta', 40, 6000000],
      ['Gamma', 38, 6000000],
      ['Delta', 25, 2000000],
      ['Epsilon', 41, 6000000],
    ]
    const assignments = new AssessorAssignments()
    await assignments.sign(call.id, assessorA, ip)
    await assignments.sign(call.id, assessorB, ip)
    const byName = new Map<string, Application>()
    for (const [name, total, requested] of scores) {
      const ngo = await makeOrganisation('ngo', name)
      const application = await submittedNote(
        call,
        ngo,
        await makeMember(ngo, 'applicant'),
        requested
      )
      byName.set(name, application)
      for (const assessor of [assessorA, assessorB]) {
        const result = await assignments.assign(
          application,
          assessor.id,
          'concept_note',
          manager,
          ip
        )
        if (!result.ok) throw new Error(result.reason)
        await new SubmitAssessment().handle(result.assignment.id, sheetFor(total), {}, assessor, ip)
      }
    }
    await closeConceptNotes(call)
    const check = new RecordAdminCheck()
    for (const application of byName.values())
      await check.handle(application.id, { c1: true }, manager, ip)

    await new ShortlistConceptNotes().handle(call.id, manager, ip)

    const fresh = await Application.query().whereIn(
      'id',
      [...byName.values()].map((a) => a.id)
    )
    const statuses = Object.fromEntries(
      [...byName].map(([name, a]) => [name, fresh.find((f) => f.id === a.id)!.status])
    )
    assert.deepEqual(statuses, {
      Alpha: 'shortlisted',
      Epsilon: 'shortlisted',
      Beta: 'shortlisted',
      Gamma: 'not_shortlisted',
      Delta: 'not_shortlisted',
    })
    await call.refresh()
    assert.equal(call.status, 'shortlisted')
    const notified = await db
      .from('notifications')
      .where('kind', 'concept_note_shortlisted')
      .count('* as total')
    assert.equal(Number(notified[0].total), 3)
  })

  test('the shortlist waits until every concept note has two assessments', async ({ assert }) => {
    const { call, manager } = await setup()
    const ngo = await makeOrganisation('ngo', 'Unscored NGO')
    const application = await submittedNote(call, ngo, await makeMember(ngo, 'applicant'), 5000000)
    await closeConceptNotes(call)
    await new RecordAdminCheck().handle(application.id, { c1: true }, manager, ip)

    await assert.rejects(
      () => new ShortlistConceptNotes().handle(call.id, manager, ip),
      /2 submitted assessments: Unscored NGO/
    )
  })
})
