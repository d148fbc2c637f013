import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { GrantLifecycle } from '#actions/grants/grant_lifecycle'
import { RequestRenewal } from '#actions/licences/request_renewal'
import AuditEvent from '#models/audit_event'
import ExpenseReport from '#models/expense_report'
import { AuditTrail } from '#services/audit_trail'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeLicence, makeMember, makeOrganisation } from '#tests/helpers'

const ip = '127.0.0.1'

async function submittedReport(grantId: number, by: number) {
  return ExpenseReport.create({
    grantId,
    periodNumber: 1,
    kind: 'interim',
    status: 'submitted',
    currency: 'EUR',
    claimedCents: 1000,
    admittedCents: null,
    summary: null,
    returnComment: null,
    submittedById: by,
    submittedAt: DateTime.utc(),
    decidedById: null,
    decidedAt: null,
    createdById: by,
    version: 1,
    verificationStartedAt: null,
  })
}

test.group('History tabs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a report’s history says who did what and when, in Kosovo time', async ({
    client,
    assert,
  }) => {
    const { grant, funder, grantee } = await makeSignedGrant()
    const applicant = await makeMember(grantee, 'applicant')
    const finance = await makeMember(funder, 'finance_officer')
    finance.fullName = 'Ana Krasniqi'
    await finance.save()
    const report = await submittedReport(grant.id, applicant.id)
    await AuditTrail.recordNow({
      actorId: finance.id,
      organisationId: grantee.id,
      action: 'expense_report.approved',
      subjectType: 'expense_report',
      subjectId: report.id,
      after: { status: 'approved' },
      ip,
    })
    const event = await AuditEvent.query().orderBy('id', 'desc').firstOrFail()
    const when = event.createdAt.setZone('Europe/Belgrade').toFormat('d LLL yyyy HH:mm')

    const page = await client.get(`/expense-reports/${report.id}/history`).loginAs(applicant)
    page.assertStatus(200)
    page.assertTextIncludes(`Ana Krasniqi approved the report on ${when}`)
    assert.notInclude(page.text(), 'expense_report.approved')

    // The report page links to it.
    const show = await client.get(`/expense-reports/${report.id}`).loginAs(applicant)
    show.assertTextIncludes(`href="/expense-reports/${report.id}/history"`)
  })

  test('statistics payloads never show, and the grant history takes in its reports', async ({
    client,
    assert,
  }) => {
    const { grant, grantee } = await makeSignedGrant()
    const applicant = await makeMember(grantee, 'applicant')
    const report = await submittedReport(grant.id, applicant.id)
    await AuditTrail.recordNow({
      actorId: applicant.id,
      organisationId: grantee.id,
      action: 'expense_report.statistics_saved',
      subjectType: 'expense_report',
      subjectId: report.id,
      after: { admissions: { female: 4217 }, reason: 'Admitted 3 girls', comment: '4217' },
      ip,
    })
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    for (const path of [`/grants/${grant.id}/history`, `/expense-reports/${report.id}/history`]) {
      const page = await client.get(path).loginAs(admin)
      page.assertStatus(200)
      page.assertTextIncludes('saved the service statistics')
      assert.notInclude(page.text(), '4217')
      assert.notInclude(page.text(), 'Admitted 3 girls')
    }
  })

  test('a reason recorded with a decision is shown; another organisation gets a 404', async ({
    client,
    assert,
  }) => {
    const { grant, funder, grantee } = await makeSignedGrant()
    const manager = await makeMember(funder, 'grant_manager')
    manager.fullName = 'Besa Gashi'
    await manager.save()
    const applicant = await makeMember(grantee, 'applicant')
    await new GrantLifecycle().transition(grant.id, 'suspend', 'Audit findings', manager, ip)

    const page = await client.get(`/grants/${grant.id}/history`).loginAs(applicant)
    page.assertStatus(200)
    page.assertTextIncludes('Besa Gashi suspended the grant')
    page.assertTextIncludes('Reason: Audit findings')

    const stranger = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const denied = await client.get(`/grants/${grant.id}/history`).loginAs(stranger)
    assert.equal(denied.status(), 404)
  })

  test('a licence history in Albanian; the NGO of another licence is refused', async ({
    client,
    assert,
  }) => {
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    const ngo = await makeOrganisation('ngo')
    const applicant = await makeMember(ngo, 'applicant')
    applicant.fullName = 'Drita Berisha'
    await applicant.save()
    const licence = await makeLicence(ngo, official, {
      number: 'LIC-H1',
      issuedOn: '2024-01-10',
      validUntil: '2027-01-09',
    })
    await new RequestRenewal().handle(licence.id, '2026-12-01', applicant, ip)

    const page = await client
      .get(`/licences/${licence.id}/history`)
      .withSession({ locale: 'sq' })
      .loginAs(applicant)
    page.assertStatus(200)
    page.assertTextIncludes(`Drita Berisha regjistroi një kërkesë për rinovim më `)

    const other = await makeMember(await makeOrganisation('ngo'), 'applicant')
    const denied = await client.get(`/licences/${licence.id}/history`).loginAs(other)
    assert.equal(denied.status(), 404)
  })
})
