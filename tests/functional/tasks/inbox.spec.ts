import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { ConceptNotes } from '#actions/applications/concept_notes'
import type Application from '#models/application'
import AssessorAssignment from '#models/assessor_assignment'
import ExpenseReport from '#models/expense_report'
import PaymentRequest from '#models/payment_request'
import RecoveryOrder from '#models/recovery_order'
import type Call from '#models/call'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

async function draftNote(call: Call, ngo: Organisation, applicant: User, title: string) {
  const notes = new ConceptNotes()
  const application = await notes.start(call, ngo.id, applicant, ip)
  await notes.save(
    application,
    { title, summary: 's', objectives: 'o', estimatedTotal: 6000000, requested: 3000000 },
    applicant,
    ip
  )
  return application
}

async function assignmentOf(application: Application, assessor: User, by: User) {
  return AssessorAssignment.create({
    applicationId: application.id,
    assessorId: assessor.id,
    stage: 'concept_note',
    status: 'assigned',
    assignedById: by.id,
    waiverId: null,
  })
}

/** The rows of a person's inbox page. */
async function inboxOf(client: ApiClient, user: User) {
  const page = await client.get('/tasks').loginAs(user)
  return rows(page.text())
}

/** The kinds and subjects on the inbox page, as `kind subject:id`. */
function rows(html: string) {
  return [...html.matchAll(/data-task="([a-z_]+)" data-subject="([a-z_]+:\d+)"/g)].map(
    (m) => `${m[1]} ${m[2]}`
  )
}

test.group('Task inbox', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an unsigned sub-grant contract is a task for each side that has not signed, and for nobody else', async ({
    client,
    assert,
  }) => {
    const lead = await makeOrganisation('lead_grantee', 'Lead')
    const shelterNgo = await makeOrganisation('ngo', 'Shelter NGO')
    const { grant: parent } = await makeSignedGrant({ grantee: lead })
    const { grant: sub } = await makeSignedGrant({
      funder: lead,
      grantee: shelterNgo,
      parent,
      status: 'draft',
    })
    const leadManager = await makeMember(lead, 'grant_manager')
    const ngoApplicant = await makeMember(shelterNgo, 'applicant')
    const otherNgo = await makeMember(await makeOrganisation('ngo', 'Other'), 'applicant')

    const forLead = await client.get('/tasks').loginAs(leadManager)
    forLead.assertStatus(200)
    assert.include(rows(forLead.text()), `contract_sign grant:${sub.id}`)
    forLead.assertTextIncludes('Sign the sub-grant contract')

    const forNgo = await client.get('/tasks').loginAs(ngoApplicant)
    assert.include(rows(forNgo.text()), `contract_sign grant:${sub.id}`)

    const forOther = await client.get('/tasks').loginAs(otherNgo)
    assert.notInclude(rows(forOther.text()), `contract_sign grant:${sub.id}`)

    // Once the NGO has signed, only the lead grantee's side still has the task.
    sub.merge({ granteeSignedAt: DateTime.utc(), granteeSignedById: ngoApplicant.id })
    await sub.save()
    const after = await client.get('/tasks').loginAs(ngoApplicant)
    assert.notInclude(rows(after.text()), `contract_sign grant:${sub.id}`)
  })

  test('an NGO sees its own draft applications with the deadline, never another NGO’s', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, {
      conceptDeadlineAt: '2027-01-15T23:30:00Z',
    })
    const ngo = await makeOrganisation('ngo', 'Ours')
    const applicant = await makeMember(ngo, 'applicant')
    const mine = await draftNote(call, ngo, applicant, 'Our note')
    const other = await makeOrganisation('ngo', 'Theirs')
    const theirs = await draftNote(call, other, await makeMember(other, 'applicant'), 'Their note')

    const page = await client.get('/tasks').loginAs(applicant)
    const found = rows(page.text())
    assert.include(found, `application_submit application:${mine.id}`)
    assert.notInclude(found, `application_submit application:${theirs.id}`)
    // 23:30 UTC on 15 January is 16 January in Kosovo.
    page.assertTextIncludes('datetime="2027-01-16"')
    page.assertTextIncludes('Jan 16, 2027')

    // A withdrawn note is no task.
    mine.merge({ status: 'withdrawn' })
    await mine.save()
    const after = await client.get('/tasks').loginAs(applicant)
    assert.notInclude(rows(after.text()), `application_submit application:${mine.id}`)
  })

  test('an assessor keeps only live assignments: not of non-compliant notes, not of awarded calls', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager)
    const assessor = await makeMember(await makeOrganisation('contracting_authority'), 'assessor')
    const notes: Application[] = []
    for (const name of ['A', 'B']) {
      const ngo = await makeOrganisation('ngo', name)
      const note = await draftNote(call, ngo, await makeMember(ngo, 'applicant'), `Note ${name}`)
      note.merge({ status: 'compliant' })
      await note.save()
      notes.push(note)
    }
    const live = await assignmentOf(notes[0], assessor, manager)
    const stale = await assignmentOf(notes[1], assessor, manager)
    notes[1].merge({ status: 'not_compliant' })
    await notes[1].save()

    const page = await client.get('/tasks').loginAs(assessor)
    assert.deepEqual(rows(page.text()), [`assessment_score assignment:${live.id}`])
    page.assertTextIncludes('Score the concept note')
    const dashboard = await client.get('/dashboard').loginAs(assessor)
    dashboard.assertTextIncludes(`href="/assignments/${live.id}"`)
    assert.notInclude(dashboard.text(), `href="/assignments/${stale.id}"`)

    call.merge({ status: 'awarded' })
    await call.save()
    const afterAward = await client.get('/tasks').loginAs(assessor)
    assert.deepEqual(rows(afterAward.text()), [])
    const dashboardAfter = await client.get('/dashboard').loginAs(assessor)
    assert.notInclude(dashboardAfter.text(), `href="/assignments/${live.id}"`)
  })

  test('a held request says why in words, in each language, never as codes', async ({
    client,
    assert,
  }) => {
    const { grant, funder, grantee } = await makeSignedGrant()
    const applicant = await makeMember(grantee, 'applicant')
    const finance = await makeMember(funder, 'finance_officer')
    const request = await PaymentRequest.create({
      grantId: grant.id,
      number: 1,
      kind: 'initial_prefinancing',
      period: 1,
      status: 'requested',
      currency: 'EUR',
      scheduledCents: 100000,
      reductionCents: 0,
      payableCents: 100000,
      requestedById: applicant.id,
      requestedAt: DateTime.utc(),
      heldReason: 'licence_valid:EXPIRED 2026-12-02',
    })

    for (const page of [
      await client.get('/tasks').loginAs(finance),
      await client.get('/dashboard').loginAs(finance),
    ]) {
      page.assertStatus(200)
      assert.notInclude(page.text(), 'licence_valid:EXPIRED')
      page.assertTextIncludes('The licence expired before Dec 2, 2026.')
    }
    assert.include(await inboxOf(client, finance), `tranche_held payment_request:${request.id}`)

    const albanian = await client.get('/tasks').withSession({ locale: 'sq' }).loginAs(finance)
    assert.notInclude(albanian.text(), 'licence_valid:EXPIRED')
    albanian.assertTextIncludes('Kërkesa e pagesës është e mbajtur')

    const serbian = await client.get('/tasks').withSession({ locale: 'sr-Latn' }).loginAs(finance)
    assert.notInclude(serbian.text(), 'licence_valid:EXPIRED')
    serbian.assertTextIncludes('Zahtev za isplatu je zadržan')
  })

  test('a finance officer sees the reports and recoveries of their own funder only', async ({
    client,
    assert,
  }) => {
    const { grant, funder, grantee } = await makeSignedGrant()
    const { grant: otherGrant, funder: otherFunder } = await makeSignedGrant()
    const grantee1 = await makeMember(grantee, 'applicant')
    const report = await ExpenseReport.create({
      grantId: grant.id,
      periodNumber: 1,
      kind: 'interim',
      status: 'submitted',
      currency: 'EUR',
      claimedCents: 1000,
      admittedCents: null,
      summary: null,
      returnComment: null,
      submittedById: grantee1.id,
      submittedAt: DateTime.utc(),
      decidedById: null,
      decidedAt: null,
      createdById: grantee1.id,
      version: 1,
      verificationStartedAt: null,
    })
    const otherReport = await ExpenseReport.create({
      grantId: otherGrant.id,
      periodNumber: 1,
      kind: 'interim',
      status: 'submitted',
      currency: 'EUR',
      claimedCents: 1000,
      admittedCents: null,
      summary: null,
      returnComment: null,
      submittedById: grantee1.id,
      submittedAt: DateTime.utc(),
      decidedById: null,
      decidedAt: null,
      createdById: grantee1.id,
      version: 1,
      verificationStartedAt: null,
    })
    const finance = await makeMember(funder, 'finance_officer')
    const otherFinance = await makeMember(otherFunder, 'finance_officer')

    const mine = await inboxOf(client, finance)
    assert.include(mine, `report_verify expense_report:${report.id}`)
    assert.notInclude(mine, `report_verify expense_report:${otherReport.id}`)
    const theirs = await inboxOf(client, otherFinance)
    assert.include(theirs, `report_verify expense_report:${otherReport.id}`)
    assert.notInclude(theirs, `report_verify expense_report:${report.id}`)

    // The API says the same, and nobody else's tasks.
    const api = await client.get('/api/v1/tasks').withGuard('api').loginAs(finance)
    api.assertStatus(200)
    const subjects = api.body().data.map((t: { subject: { id: number } }) => t.subject.id)
    assert.include(subjects, report.id)
    assert.notInclude(subjects, otherReport.id)
    // The grantee does not verify its own report.
    const granteeTasks = await inboxOf(client, grantee1)
    assert.notInclude(granteeTasks, `report_verify expense_report:${report.id}`)
  })

  test('filters by kind, due date and overdue, and exports the same list as CSV', async ({
    client,
    assert,
  }) => {
    // Period 1 of 2025 ended long ago: its report is late; a recovery is due next year.
    const { grant, funder, grantee } = await makeSignedGrant({
      startsOn: '2025-01-01',
      endsOn: '2026-12-31',
      status: 'in_implementation',
    })
    const manager = await makeMember(grantee, 'grant_manager')
    const finance = await makeMember(funder, 'finance_officer')
    await addRecovery(grant, '2027-06-30')
    await addRecovery(grant, '2020-01-31')
    void manager

    const all = await client.get('/tasks').loginAs(finance)
    assert.lengthOf(rows(all.text()), 2)
    // Overdue first.
    assert.match(all.text(), /data-overdue/)

    const overdue = await client.get('/tasks?overdue=yes').loginAs(finance)
    assert.lengthOf(rows(overdue.text()), 1)
    const notOverdue = await client.get('/tasks?overdue=no').loginAs(finance)
    assert.lengthOf(rows(notOverdue.text()), 1)
    const dueBy = await client.get('/tasks?due=2021-01-01').loginAs(finance)
    assert.lengthOf(rows(dueBy.text()), 1)
    const byKind = await client.get('/tasks?kind=report_verify').loginAs(finance)
    assert.lengthOf(rows(byKind.text()), 0)
    // A wrong filter is left out and said so, not a 500.
    const wrong = await client.get('/tasks?kind=nonsense').loginAs(finance)
    wrong.assertStatus(200)
    assert.lengthOf(rows(wrong.text()), 2)

    const grantee1 = await makeMember(grantee, 'applicant')
    const late = await client.get('/tasks?kind=report_submit&overdue=yes').loginAs(grantee1)
    assert.deepEqual(rows(late.text()), [`report_submit grant:${grant.id}`])

    const csv = await client.get('/tasks.csv?overdue=yes').loginAs(finance)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = csv.text().trim().split('\n')
    assert.equal(lines[0], 'Kind,Task,Object,Role,Organisation,Due on,Overdue,Link')
    assert.lengthOf(lines, 2)
    assert.include(lines[1], 'Recovery order outstanding')
    assert.include(lines[1], '2020-01-31')
    assert.include(lines[1], ',yes,')
  })

  test('the API answers 401 without a token and 422 for a wrong filter', async ({ client }) => {
    const finance = await makeMember(
      await makeOrganisation('contracting_authority'),
      'finance_officer'
    )
    const anonymous = await client.get('/api/v1/tasks')
    anonymous.assertStatus(401)
    const wrong = await client.get('/api/v1/tasks?overdue=maybe').withGuard('api').loginAs(finance)
    wrong.assertStatus(422)
    const page = await client.get('/tasks').redirects(0)
    page.assertStatus(302)
  })

  test('the dashboard shows the top of the inbox with counts per kind', async ({
    client,
    assert,
  }) => {
    const { grant, funder } = await makeSignedGrant()
    const finance = await makeMember(funder, 'finance_officer')
    await addRecovery(grant, '2027-06-30')
    await addRecovery(grant, '2027-07-30')
    const page = await client.get('/dashboard').loginAs(finance)
    page.assertStatus(200)
    assert.match(page.text(), /data-inbox-total>2</)
    page.assertTextIncludes('data-inbox-count="recovery_due"')
    page.assertTextIncludes('href="/tasks"')
  })
})

async function addRecovery(grant: { id: number; createdById: number }, dueOn: string) {
  return RecoveryOrder.create({
    grantId: grant.id,
    currency: 'EUR',
    amountCents: 5000,
    dueOn: DateTime.fromISO(dueOn),
    status: 'open',
    issuedById: grant.createdById,
  })
}
