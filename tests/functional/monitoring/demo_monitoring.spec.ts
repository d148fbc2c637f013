import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DemoData } from '#database/seeders/demo_data'
import ActionPoint from '#models/action_point'
import AuditEvent from '#models/audit_event'
import Grant from '#models/grant'
import MonitoringVisit from '#models/monitoring_visit'
import NarrativeReport from '#models/narrative_report'
import User from '#models/user'

test.group('Demo: monitoring visits, action points and narrative reports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(0)

  test('are made by the actions, with their audit trail', async ({ assert }) => {
    await new DemoData().load()
    const [sg01, sg02] = await Grant.query().whereNotNull('parent_grant_id').orderBy('reference')

    const visits = await MonitoringVisit.query().preload('checks').orderBy('id')
    assert.deepEqual(
      visits.map((v) => [v.grantId, v.kind, v.status]),
      [
        [sg01.id, 'inspection', 'reported'],
        [sg02.id, 'inspection', 'planned'],
      ]
    )
    const findings = visits[0].checks
      .filter((c) => c.result !== 'met')
      .map((c) => [c.standardCode, c.result])
    assert.deepEqual(findings, [
      ['MS-09', 'partly'],
      ['MS-10', 'not_met'],
    ])
    assert.lengthOf(visits[1].checks, 10)

    const points = await ActionPoint.query().orderBy('id')
    assert.deepEqual(
      points.map((p) => p.status),
      ['closed', 'open']
    )
    assert.isNotNull(points[0].closingComment)

    const reports = await NarrativeReport.query().orderBy('id')
    assert.deepEqual(
      reports.map((r) => [r.grantId, r.kind, r.status]),
      [
        [sg01.id, 'interim', 'approved'],
        [sg02.id, 'interim', 'submitted'],
      ]
    )
    const events = await AuditEvent.query().select('action')
    const actions = events.map((e) => e.action)
    for (const action of [
      'monitoring_visit.planned',
      'monitoring_visit.reported',
      'action_point.created',
      'action_point.answered',
      'action_point.closed',
      'logframe_change.approved',
      'narrative_report.submitted',
      'narrative_report.verified',
      'narrative_report.approved',
    ]) {
      assert.include(actions, action)
    }
  })

  test('an NGO lists only its own organisation’s; the MLSW lists every inspection', async ({
    client,
    assert,
  }) => {
    await new DemoData().load()
    const [sg01, sg02] = await Grant.query().whereNotNull('parent_grant_id').orderBy('reference')
    const ngo1 = await User.findByOrFail('email', 'ngo1@demo.test')
    const ngo4 = await User.findByOrFail('email', 'ngo4@demo.test')
    const mlsw = await User.findByOrFail('email', 'mlsw@demo.test')

    const listed = async (user: User, url: string) => {
      const response = await client.get(url).withGuard('api').loginAs(user)
      response.assertStatus(200)
      return (response.body().data as { grantId: number }[]).map((row) => row.grantId)
    }
    assert.deepEqual(await listed(ngo1, '/api/v1/monitoring-visits'), [sg01.id])
    assert.deepEqual(await listed(ngo4, '/api/v1/monitoring-visits'), [sg02.id])
    assert.sameMembers(await listed(mlsw, '/api/v1/monitoring-visits'), [sg01.id, sg02.id])
    assert.deepEqual(await listed(ngo1, '/api/v1/action-points'), [sg01.id, sg01.id])
    assert.deepEqual(await listed(ngo4, '/api/v1/action-points'), [])

    const [own, foreign] = await NarrativeReport.query().orderBy('id')
    const statusOf = async (user: User, url: string) => {
      const response = await client.get(url).withGuard('api').loginAs(user)
      return response.status()
    }
    const read = (user: User, id: number) => statusOf(user, `/api/v1/narrative-reports/${id}`)
    assert.equal(await read(ngo1, own.id), 200)
    assert.equal(await read(ngo1, foreign.id), 404)
    assert.equal(await read(ngo4, own.id), 404)
    const visits = await MonitoringVisit.query().orderBy('id')
    const visit = (user: User, id: number) => statusOf(user, `/api/v1/monitoring-visits/${id}`)
    assert.equal(await visit(ngo1, visits[0].id), 200)
    assert.equal(await visit(ngo1, visits[1].id), 404)
  })
})
