import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ActionPoint from '#models/action_point'
import AuditEvent from '#models/audit_event'
import MonitoringCheck from '#models/monitoring_check'
import { makeMember } from '#tests/helpers'
import { monitoredGrant } from './monitoring_fixtures.js'

const nextWeek = () => new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10)
const today = () => new Date().toISOString().slice(0, 10)

test.group('Monitoring visits and action points (API)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a spot check samples admitted lines reproducibly, its finding becomes an action point the NGO answers and the funder closes, all audited', async ({
    client,
    assert,
  }) => {
    const m = await monitoredGrant()

    const planned = await client
      .post('/api/v1/monitoring-visits')
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ grantId: m.grant.id, kind: 'spot_check', plannedOn: nextWeek(), seed: 42 })
    planned.assertStatus(201)
    const visit = planned.body().data
    assert.equal(visit.sampleSeed, 42)
    assert.equal(visit.checks.length, 5)
    assert.deepEqual(
      visit.checks.slice(0, 3).map((c: { admittedCents: number }) => c.admittedCents),
      [500000, 6000, 5000]
    )
    assert.deepEqual(
      visit.checks.map((c: { selection: string }) => c.selection),
      ['largest', 'largest', 'largest', 'random', 'random']
    )

    // The same seed draws the same lines on another visit.
    const again = await client
      .post('/api/v1/monitoring-visits')
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ grantId: m.grant.id, kind: 'spot_check', plannedOn: nextWeek(), seed: 42 })
    assert.deepEqual(
      again.body().data.checks.map((c: { expenseLineId: number }) => c.expenseLineId),
      visit.checks.map((c: { expenseLineId: number }) => c.expenseLineId)
    )

    // A finding needs a comment.
    const checks = visit.checks.map((c: { position: number }) => ({
      position: c.position,
      result: c.position === 1 ? 'finding' : 'ok',
    }))
    const noComment = await client
      .post(`/api/v1/monitoring-visits/${visit.id}/report`)
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ visitedOn: today(), checks, actionPoints: [] })
    noComment.assertStatus(409)
    assert.equal(
      noComment.body().errors[0].message,
      'Item 2 of the checklist is a finding: say what was found.'
    )

    checks[1].comment = 'Receipt missing for the line'
    const reported = await client
      .post(`/api/v1/monitoring-visits/${visit.id}/report`)
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({
        visitedOn: today(),
        findings: 'One receipt missing.',
        checks,
        actionPoints: [
          { title: 'Provide the missing receipt', dueOn: nextWeek(), checkPosition: 1 },
        ],
      })
    reported.assertStatus(200)
    assert.equal(reported.body().data.status, 'reported')
    const [pointId] = reported.body().data.actionPoints
    const point = await ActionPoint.findOrFail(pointId)
    assert.equal(point.ownerOrganisationId, m.ngo.id)
    assert.equal(point.organisationId, m.ngo.id)
    assert.isNotNull(point.checkId)

    // Reported once.
    const twice = await client
      .post(`/api/v1/monitoring-visits/${visit.id}/report`)
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ visitedOn: today(), checks, actionPoints: [] })
    twice.assertStatus(409)

    // The NGO sees its visit and action point, and answers with a note only.
    const list = await client
      .get('/api/v1/action-points?status=open')
      .withGuard('api')
      .loginAs(m.applicant)
    assert.deepEqual(
      list.body().data.map((p: { id: number }) => p.id),
      [pointId]
    )
    const sneaky = await client
      .patch(`/api/v1/action-points/${pointId}`)
      .withGuard('api')
      .loginAs(m.applicant)
      .json({ note: 'Done', dueOn: '2027-12-31' })
    sneaky.assertStatus(422)
    assert.equal(
      sneaky.body().errors[0].message,
      'The owner answers an action point with a note, and changes nothing else.'
    )
    const answered = await client
      .patch(`/api/v1/action-points/${pointId}`)
      .withGuard('api')
      .loginAs(m.applicant)
      .json({ note: 'Receipt uploaded to the report.' })
    answered.assertStatus(200)
    assert.equal(answered.body().data.status, 'answered')
    assert.equal(answered.body().data.notes[0].body, 'Receipt uploaded to the report.')

    // The monitor sends the answer back with a later due date; the NGO answers again.
    const reopened = await client
      .patch(`/api/v1/action-points/${pointId}`)
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ reopen: true, dueOn: '2027-06-30', note: 'The scan is unreadable.' })
    reopened.assertStatus(200)
    assert.equal(reopened.body().data.status, 'open')
    assert.equal(reopened.body().data.dueOn, '2027-06-30')
    assert.lengthOf(reopened.body().data.notes, 2)
    const answeredAgain = await client
      .patch(`/api/v1/action-points/${pointId}`)
      .withGuard('api')
      .loginAs(m.applicant)
      .json({ note: 'A readable scan is attached.' })
    answeredAgain.assertStatus(200)

    // The NGO cannot close; closing needs a comment.
    const ngoClose = await client
      .post(`/api/v1/action-points/${pointId}/close`)
      .withGuard('api')
      .loginAs(m.applicant)
      .json({ comment: 'closing it myself' })
    ngoClose.assertStatus(403)
    const empty = await client
      .post(`/api/v1/action-points/${pointId}/close`)
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ comment: '' })
    empty.assertStatus(422)
    const closed = await client
      .post(`/api/v1/action-points/${pointId}/close`)
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ comment: 'Receipt R-17 checked against the bank statement.' })
    closed.assertStatus(200)
    assert.equal(closed.body().data.status, 'closed')
    assert.isNotNull(closed.body().data.closedAt)

    const events = await AuditEvent.query()
      .whereIn('subject_type', ['monitoring_visit', 'action_point'])
      .orderBy('id')
    const actions = events.map((e) => e.action)
    assert.deepEqual(actions, [
      'monitoring_visit.planned',
      'monitoring_visit.planned',
      'action_point.created',
      'monitoring_visit.reported',
      'action_point.answered',
      'action_point.updated',
      'action_point.answered',
      'action_point.closed',
    ])
    const closing = await AuditEvent.query().where('action', 'action_point.closed').firstOrFail()
    assert.include(closing.beforeJson!, '"status":"answered"')
    assert.include(closing.afterJson!, '"status":"closed"')
  })

  test('an MLSW inspection checks MS-01 to MS-10; grant managers cannot plan one, MLSW cannot plan a spot check', async ({
    client,
    assert,
  }) => {
    const m = await monitoredGrant()
    const byManager = await client
      .post('/api/v1/monitoring-visits')
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ grantId: m.grant.id, kind: 'inspection', plannedOn: nextWeek() })
    byManager.assertStatus(403)
    const spotByMlsw = await client
      .post('/api/v1/monitoring-visits')
      .withGuard('api')
      .loginAs(m.mlsw)
      .json({ grantId: m.grant.id, kind: 'spot_check', plannedOn: nextWeek() })
    spotByMlsw.assertStatus(403)

    const planned = await client
      .post('/api/v1/monitoring-visits')
      .withGuard('api')
      .loginAs(m.mlsw)
      .json({ grantId: m.grant.id, kind: 'inspection', plannedOn: nextWeek() })
    planned.assertStatus(201)
    const visit = planned.body().data
    assert.deepEqual(
      visit.checks.map((c: { standardCode: string }) => c.standardCode),
      ['MS-01', 'MS-02', 'MS-03', 'MS-04', 'MS-05', 'MS-06', 'MS-07', 'MS-08', 'MS-09', 'MS-10']
    )
    // Never visited, no licence: the risk reasons say so.
    assert.includeMembers(
      visit.riskReasons.map((r: { code: string }) => r.code),
      ['licence_missing', 'never_visited']
    )

    // Every standard needs a result of its kind.
    const partial = await client
      .post(`/api/v1/monitoring-visits/${visit.id}/report`)
      .withGuard('api')
      .loginAs(m.mlsw)
      .header('accept-language', 'sq')
      .json({ visitedOn: today(), checks: [{ position: 0, result: 'met' }] })
    partial.assertStatus(409)
    // In the reader's language, with the results it accepts in words.
    assert.equal(
      partial.body().errors[0].message,
      'Elementi 2 i listës së kontrollit kërkon një rezultat (Plotësuar, Pjesërisht plotësuar, Pa plotësuar).'
    )
    const wrongKind = await client
      .post(`/api/v1/monitoring-visits/${visit.id}/report`)
      .withGuard('api')
      .loginAs(m.mlsw)
      .json({
        visitedOn: today(),
        checks: visit.checks.map((c: { position: number }) => ({
          position: c.position,
          result: 'ok',
        })),
      })
    wrongKind.assertStatus(409)

    const reported = await client
      .post(`/api/v1/monitoring-visits/${visit.id}/report`)
      .withGuard('api')
      .loginAs(m.mlsw)
      .json({
        visitedOn: today(),
        checks: visit.checks.map((c: { position: number }) => ({
          position: c.position,
          result: c.position === 8 ? 'not_met' : 'met',
          comment: c.position === 8 ? 'No night cover on two nights a week' : undefined,
        })),
        actionPoints: [
          {
            title: 'Staff the night shift',
            dueOn: nextWeek(),
            ownerUserId: m.applicant.id,
            checkPosition: 8,
          },
        ],
      })
    reported.assertStatus(200)
    const results = await MonitoringCheck.query().where('visit_id', visit.id).orderBy('position')
    assert.equal(results[8].result, 'not_met')

    const shown = await client
      .get(`/api/v1/monitoring-visits/${visit.id}`)
      .withGuard('api')
      .loginAs(m.applicant)
    shown.assertStatus(200)
    assert.equal(shown.body().data.checks[8].comment, 'No night cover on two nights a week')
  })

  test('an NGO of another organisation and an assessor see nothing; neither plans nor answers', async ({
    client,
    assert,
  }) => {
    const m = await monitoredGrant()
    const planned = await client
      .post('/api/v1/monitoring-visits')
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ grantId: m.grant.id, kind: 'spot_check', plannedOn: nextWeek(), seed: 7 })
    const visit = planned.body().data
    const reported = await client
      .post(`/api/v1/monitoring-visits/${visit.id}/report`)
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({
        visitedOn: today(),
        checks: visit.checks.map((c: { position: number }) => ({
          position: c.position,
          result: 'ok',
        })),
        actionPoints: [{ title: 'Keep receipts in one file', dueOn: nextWeek() }],
      })
    const [pointId] = reported.body().data.actionPoints

    const api = (user: typeof m.applicant) => ({
      get: (url: string) => client.get(url).withGuard('api').loginAs(user),
      patch: (url: string, body: object) =>
        client.patch(url).withGuard('api').loginAs(user).json(body),
      post: (url: string, body: object) =>
        client.post(url).withGuard('api').loginAs(user).json(body),
    })
    const plan = { grantId: m.grant.id, kind: 'spot_check', plannedOn: nextWeek() }
    for (const outsider of [m.otherNgo, m.assessor]) {
      const as = api(outsider)
      const list = await as.get('/api/v1/monitoring-visits')
      assert.deepEqual(list.body().data, [])
      const points = await as.get('/api/v1/action-points')
      assert.deepEqual(points.body().data, [])
      const visitShown = await as.get(`/api/v1/monitoring-visits/${visit.id}`)
      visitShown.assertStatus(404)
      const pointShown = await as.get(`/api/v1/action-points/${pointId}`)
      pointShown.assertStatus(404)
      const answered = await as.patch(`/api/v1/action-points/${pointId}`, { note: 'Done' })
      answered.assertStatus(404)
      // The grant is not theirs to see: not found.
      const refused = await as.post('/api/v1/monitoring-visits', plan)
      refused.assertStatus(404)
    }
    // The NGO visited cannot plan its own visits either.
    const byNgo = await api(m.applicant).post('/api/v1/monitoring-visits', plan)
    byNgo.assertStatus(403)
    // The EU Office funds the lead grant, not this sub-grant: it does not plan its spot checks.
    const euManager = await makeMember(m.euOffice, 'grant_manager')
    const byEu = await api(euManager).post('/api/v1/monitoring-visits', plan)
    byEu.assertStatus(403)
  })

  test('lists filter and export as CSV; proposals rank running grants by risk', async ({
    client,
    assert,
  }) => {
    const m = await monitoredGrant()
    const proposals = await client
      .get('/api/v1/monitoring-visits/proposals')
      .withGuard('api')
      .loginAs(m.leadManager)
    proposals.assertStatus(200)
    const mine = proposals.body().data.find((p: { grantId: number }) => p.grantId === m.grant.id)
    assert.isAtLeast(mine.riskScore, 3)

    await client
      .post('/api/v1/monitoring-visits')
      .withGuard('api')
      .loginAs(m.leadManager)
      .json({ grantId: m.grant.id, kind: 'spot_check', plannedOn: nextWeek() })
    const after = await client
      .get('/api/v1/monitoring-visits/proposals')
      .withGuard('api')
      .loginAs(m.leadManager)
    assert.notInclude(
      after.body().data.map((p: { grantId: number }) => p.grantId),
      m.grant.id
    )

    const filtered = await client
      .get(`/api/v1/monitoring-visits?grantId=${m.grant.id}&kind=inspection`)
      .withGuard('api')
      .loginAs(m.leadManager)
    assert.deepEqual(filtered.body().data, [])
    const csv = await client
      .get(`/api/v1/monitoring-visits.csv?grantId=${m.grant.id}`)
      .withGuard('api')
      .loginAs(m.leadManager)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(csv.text(), /^ID,Grant,Organisation,Kind/)
    assert.include(csv.text(), 'Financial spot check')
    const points = await client
      .get('/api/v1/action-points.csv')
      .withGuard('api')
      .loginAs(m.leadManager)
    points.assertStatus(200)
    assert.match(points.text(), /^ID,Grant,Action point,Owner/)
  })
})
