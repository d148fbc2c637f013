import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { AssessorAssignments } from '#actions/assessments/assessor_assignments'
import { SubmitAssessment } from '#actions/assessments/submit_assessment'
import { SelectAndAward } from '#actions/calls/select_and_award'
import { defaultFullGrid } from '#domain/calls/grid'
import Application from '#models/application'
import type Call from '#models/call'
import type User from '#models/user'
import { evaluationReportPdf } from '#services/pdf/evaluation_report'
import { makeCall, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

/** A full-grid sheet: capacity points, and the rest spread to reach `total`. */
function fullSheet(capacity: number, total: number) {
  const scores: Record<string, number> = {}
  const capacityCriteria = defaultFullGrid.sections[0].criteria
  let left = capacity
  for (const c of capacityCriteria) {
    scores[c.key] = Math.min(c.maxScore, left)
    left -= scores[c.key]
  }
  let rest = total - capacity
  for (const c of defaultFullGrid.sections.slice(1).flatMap((s) => s.criteria)) {
    scores[c.key] = Math.min(c.maxScore, rest)
    rest -= scores[c.key]
  }
  return scores
}

async function fullApplication(
  call: Call,
  name: string,
  requested: number,
  assessors: User[],
  manager: User,
  capacity: number,
  total: number
) {
  const ngo = await makeOrganisation('ngo', name)
  const applicant = await makeMember(ngo, 'applicant')
  const application = await Application.create({
    callId: call.id,
    organisationId: ngo.id,
    status: 'full_submitted',
    title: `Project of ${name}`,
    currency: 'EUR',
    requestedCents: requested,
    fullRequestedCents: requested,
    conceptScoreHundredths: 4000,
    fullSubmittedAt: DateTime.utc(),
    createdById: applicant.id,
    isEliminated: false,
  })
  for (const assessor of assessors) {
    const result = await new AssessorAssignments().assign(
      application,
      assessor.id,
      'full_application',
      manager,
      ip
    )
    if (!result.ok) throw new Error(result.reason)
    await new SubmitAssessment().handle(
      result.assignment.id,
      fullSheet(capacity, total),
      { '2': `Comment on ${name}` },
      assessor,
      ip
    )
  }
  return application
}

test.group('Calls: selection, eligibility and award', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('provisional selection within the envelope, eligibility of the selected only, then the award', async ({
    client,
    assert,
  }) => {
    const funder = await makeOrganisation('lead_grantee')
    const manager = await makeMember(funder, 'grant_manager')
    const call = await makeCall(funder, manager, { status: 'full_applications_closed' })
    call.budgetEnvelopeCents = 10000000
    await call.save()
    const pool = await makeOrganisation('contracting_authority')
    const assessors = [await makeMember(pool, 'assessor'), await makeMember(pool, 'assessor')]
    for (const assessor of assessors) await new AssessorAssignments().sign(call.id, assessor, ip)

    const alpha = await fullApplication(call, 'Alpha', 6000000, assessors, manager, 18, 90)
    const beta = await fullApplication(call, 'Beta', 4000000, assessors, manager, 16, 80)
    const gamma = await fullApplication(call, 'Gamma', 3000000, assessors, manager, 16, 70)
    const weak = await fullApplication(call, 'Weak capacity', 2000000, assessors, manager, 10, 85)

    const selection = await client
      .post(`/calls/${call.id}/selection`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    selection.assertFlashMessage(
      'success',
      'The provisional selection and the reserve list are decided.'
    )
    const status = async (a: Application) => {
      const fresh = await Application.findOrFail(a.id)
      return fresh.status
    }
    assert.equal(await status(alpha), 'provisionally_selected')
    assert.equal(await status(beta), 'provisionally_selected')
    assert.equal(await status(gamma), 'reserve')
    assert.equal(await status(weak), 'rejected')
    const eliminated = await Application.findOrFail(weak.id)
    assert.isTrue(eliminated.isEliminated)

    const notSelected = await client
      .post(`/applications/${gamma.id}/eligibility`)
      .form({ eligible: 'yes', note: 'Documents complete' })
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    assert.match(
      String(notSelected.flashMessages().error),
      /Only provisionally selected applicants/
    )

    const early = await client
      .post(`/calls/${call.id}/award`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    assert.match(String(early.flashMessages().error), /Verify the eligibility of: Alpha, Beta/)

    const action = new SelectAndAward()
    await action.verifyEligibility(
      alpha.id,
      true,
      'Statute, registration and accounts in order',
      manager,
      ip
    )
    await action.verifyEligibility(beta.id, false, 'Registration certificate expired', manager, ip)
    await action.promote(gamma.id, manager, ip)
    await action.verifyEligibility(gamma.id, true, 'Documents complete', manager, ip)

    const award = await client
      .post(`/calls/${call.id}/award`)
      .loginAs(manager)
      .withCsrfToken()
      .redirects(0)
    award.assertFlashMessage('success', 'The award is recorded and applicants are told.')
    assert.equal(await status(alpha), 'awarded')
    assert.equal(await status(beta), 'not_awarded')
    assert.equal(await status(gamma), 'awarded')
    const decided = await Application.findOrFail(alpha.id)
    assert.equal(decided.decidedById, manager.id)
    await call.refresh()
    assert.equal(call.status, 'awarded')

    const report = await client.get(`/calls/${call.id}/evaluation-report.pdf`).loginAs(manager)
    report.assertStatus(200)
    report.assertHeader('content-type', 'application/pdf')
    await call.load('funder')
    const rows = [alpha, beta, gamma, weak].map((a) => a.id)
    const applications = await Application.query().whereIn('id', rows).preload('organisation')
    const pdf = await evaluationReportPdf(
      call,
      applications.map((application) => ({ application, sheets: [] })),
      applications.map((application) => ({ application, sheets: [] }))
    )
    const text = pdfText(pdf)
    assert.include(text, 'Evaluation report')
    assert.include(text, 'Alpha')
    assert.include(text, 'awarded')
  })
})

function pdfText(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pdf-'))
  const file = join(dir, 'report.pdf')
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}
