import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { OpenExpenseReport } from '#actions/reports/open_expense_report'
import AuditEvent from '#models/audit_event'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation } from '#tests/helpers'

test.group('Audit trail: statistics are masked for outsiders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('admins and auditors read "x" for every statistic value, page and CSV', async ({
    client,
    assert,
  }) => {
    const lead = await makeOrganisation('lead_grantee', 'Lead Grantee')
    const shelter = await makeOrganisation('ngo', 'Shelter A')
    const { grant } = await makeSignedGrant({ funder: lead, grantee: shelter })
    const applicant = await makeMember(shelter, 'applicant')
    const report = await new OpenExpenseReport().handle(grant.id, 1, applicant, '127.0.0.1')
    const fa = (measure: string, count: number) => ({
      measure,
      sex: 'female',
      ageBand: 'adult',
      origin: 'foreign',
      count,
    })
    const saved = await client
      .post(`/api/v1/expense-reports/${report.id}/statistics`)
      .withGuard('api')
      .loginAs(applicant)
      .json({ counts: [fa('admissions', 2), fa('exits_returned', 1), fa('residents_end', 1)] })
    saved.assertStatus(200)

    const filter = `action=expense_report.statistics_saved`
    for (const role of ['admin', 'auditor'] as const) {
      const reader = await makeMember(await makeOrganisation('contracting_authority'), role)
      const page = await client.get(`/admin/audit-events?${filter}`).loginAs(reader)
      page.assertStatus(200)
      assert.include(page.text(), 'expense_report.statistics_saved')
      assert.include(page.text(), '&quot;exits_returned&quot;:&quot;x&quot;')
      assert.notMatch(page.text(), /exits_returned&quot;:\d/)
      const csv = await client.get(`/admin/audit-events?${filter}&format=csv`).loginAs(reader)
      csv.assertStatus(200)
      assert.include(csv.text(), 'exits_returned')
      assert.notMatch(csv.text(), /exits_returned""?:\d/)
    }

    // An admin who is also a member of the shelter's organisation is an insider there.
    const memberAdmin = await makeMember(shelter, 'admin')
    const own = await client.get(`/admin/audit-events?${filter}`).loginAs(memberAdmin)
    assert.include(own.text(), '&quot;exits_returned&quot;:1')

    // Outsiders' views record no access to the shelter's figures; the insider's page and CSV do.
    const accesses = () =>
      AuditEvent.query()
        .where('action', 'audit_trail.statistics_viewed')
        .where('organisation_id', shelter.id)
        .orderBy('id')
    const viewed = await accesses()
    assert.lengthOf(viewed, 1)
    assert.equal(viewed[0].actorId, memberAdmin.id)
    assert.deepInclude(JSON.parse(viewed[0].afterJson!), { outlet: 'page' })
    await client.get(`/admin/audit-events?${filter}&format=csv`).loginAs(memberAdmin)
    const both = await accesses()
    assert.deepEqual(
      both.map((event) => JSON.parse(event.afterJson!).outlet),
      ['page', 'csv']
    )
  })
})
