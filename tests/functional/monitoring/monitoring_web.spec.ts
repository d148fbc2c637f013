import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import mail from '@adonisjs/mail/services/main'
import ace from '@adonisjs/core/services/ace'
import ActionPointsRemind from '#commands/action_points_remind'
import { SendActionPointReminders } from '#actions/monitoring/send_action_point_reminders'
import { addDays } from '#domain/licences/licence'
import ActionPoint from '#models/action_point'
import AuditEvent from '#models/audit_event'
import MonitoringVisit from '#models/monitoring_visit'
import Notification from '#models/notification'
import { makeMember, sentMails } from '#tests/helpers'
import { monitoredGrant } from './monitoring_fixtures.js'

const today = () => new Date().toISOString().slice(0, 10)

/** The kinds and subjects on the inbox page, as `kind subject:id`. */
function inboxRows(html: string) {
  return [...html.matchAll(/data-task="([a-z_]+)" data-subject="([a-z_]+:\d+)"/g)].map(
    (m) => `${m[1]} ${m[2]}`
  )
}

test.group('Monitoring visits and action points (web, inbox, reminders)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a grant manager plans and records a visit on the web; the NGO answers from its inbox; the lead closes', async ({
    client,
    assert,
  }) => {
    const m = await monitoredGrant()

    const grantPage = await client.get(`/grants/${m.grant.id}`).loginAs(m.leadManager)
    grantPage.assertStatus(200)
    assert.include(grantPage.text(), 'data-monitoring-link')
    const tab = await client.get(`/grants/${m.grant.id}/monitoring`).loginAs(m.leadManager)
    tab.assertStatus(200)
    assert.include(tab.text(), 'data-plan-visit')

    const planned = await client
      .post('/monitoring-visits')
      .form({
        grantId: String(m.grant.id),
        kind: 'spot_check',
        plannedOn: addDays(today(), 3),
        seed: '11',
      })
      .loginAs(m.leadManager)
      .withCsrfToken()
      .redirects(0)
    planned.assertStatus(302)
    const visit = await MonitoringVisit.query().where('grant_id', m.grant.id).firstOrFail()
    assert.equal(planned.header('location'), `/monitoring-visits/${visit.id}`)

    const leadInbox = await client.get('/tasks').loginAs(m.leadManager)
    assert.include(inboxRows(leadInbox.text()), `visit_report monitoring_visit:${visit.id}`)
    leadInbox.assertTextIncludes('Report the visit of')

    const page = await client.get(`/monitoring-visits/${visit.id}`).loginAs(m.leadManager)
    page.assertStatus(200)
    assert.include(page.text(), 'data-record-visit')

    const fields: Record<string, string> = {
      'visitedOn': today(),
      'findings': 'Two receipts were copies.',
      'actionPoints[0][title]': 'Bring the original receipts',
      'actionPoints[0][owner]': String(m.ngo.id),
      'actionPoints[0][dueOn]': addDays(today(), 10),
      'actionPoints[0][checkPosition]': '0',
      'actionPoints[1][title]': '',
    }
    for (let i = 0; i < 5; i++) {
      fields[`checks[${i}][position]`] = String(i)
      fields[`checks[${i}][result]`] = i === 0 ? 'finding' : 'ok'
      fields[`checks[${i}][comment]`] = i === 0 ? 'Copy, not the original' : ''
    }
    const recorded = await client
      .post(`/monitoring-visits/${visit.id}/report`)
      .form(fields)
      .loginAs(m.leadManager)
      .withCsrfToken()
      .redirects(0)
    recorded.assertStatus(302)
    const point = await ActionPoint.query().where('visit_id', visit.id).firstOrFail()
    assert.equal(point.title, 'Bring the original receipts')

    // The NGO sees it on its inbox and on the grant's monitoring tab, and answers.
    const ngoInbox = await client.get('/tasks').loginAs(m.applicant)
    assert.include(inboxRows(ngoInbox.text()), `action_point_answer action_point:${point.id}`)
    const ngoTab = await client.get(`/grants/${m.grant.id}/monitoring`).loginAs(m.applicant)
    ngoTab.assertStatus(200)
    assert.include(ngoTab.text(), 'Bring the original receipts')
    assert.notInclude(ngoTab.text(), 'data-plan-visit')
    const pointPage = await client.get(`/action-points/${point.id}`).loginAs(m.applicant)
    assert.include(pointPage.text(), 'data-answer-action-point')
    assert.notInclude(pointPage.text(), 'data-close-action-point')
    const answered = await client
      .post(`/action-points/${point.id}/answer`)
      .form({ note: 'Originals filed, scans attached.' })
      .loginAs(m.applicant)
      .withCsrfToken()
      .redirects(0)
    answered.assertStatus(302)

    const reviewInbox = await client.get('/tasks').loginAs(m.leadManager)
    assert.include(inboxRows(reviewInbox.text()), `action_point_review action_point:${point.id}`)

    const managerView = await client.get(`/action-points/${point.id}`).loginAs(m.leadManager)
    assert.include(managerView.text(), 'data-close-action-point')
    assert.include(managerView.text(), 'Originals filed, scans attached.')
    const followed = await client
      .post(`/action-points/${point.id}/update`)
      .form({ note: 'Bring them to the office too.', dueOn: addDays(today(), 20) })
      .loginAs(m.leadManager)
      .withCsrfToken()
      .redirects(0)
    followed.assertStatus(302)
    await point.refresh()
    assert.equal(point.dueOn.toISODate(), addDays(today(), 20))

    const closed = await client
      .post(`/action-points/${point.id}/close`)
      .form({ comment: 'Originals seen at the office on the follow-up call.' })
      .loginAs(m.leadManager)
      .withCsrfToken()
      .redirects(0)
    closed.assertStatus(302)
    await point.refresh()
    assert.equal(point.status, 'closed')
    assert.isNotNull(point.closedAt)

    // The grant's history tells the steps to those who see its monitoring, and to nobody else.
    for (const reader of [m.leadManager, m.applicant]) {
      const history = await client.get(`/grants/${m.grant.id}/history`).loginAs(reader)
      history.assertStatus(200)
      history.assertTextIncludes('planned a monitoring visit')
      history.assertTextIncludes('recorded the monitoring visit')
      history.assertTextIncludes('answered an action point')
      history.assertTextIncludes('closed an action point')
    }
    const financeOfficer = await makeMember(m.lead, 'finance_officer')
    const otherHistory = await client.get(`/grants/${m.grant.id}/history`).loginAs(financeOfficer)
    otherHistory.assertStatus(200)
    assert.notInclude(otherHistory.text(), 'monitoring visit')
    assert.notInclude(otherHistory.text(), 'action point')

    const csv = await client.get('/action-points.csv').loginAs(m.applicant)
    csv.assertStatus(200)
    assert.include(csv.text(), 'Bring the original receipts')
    const list = await client.get('/monitoring-visits').loginAs(m.leadManager)
    list.assertStatus(200)
    assert.include(list.text(), 'data-visit-proposals')
  })

  test('outsiders get no monitoring page; the NGO cannot close nor change', async ({
    client,
    assert,
  }) => {
    const m = await monitoredGrant()
    const visit = await (async () => {
      const { PlanMonitoringVisit } = await import('#actions/monitoring/plan_monitoring_visit')
      return new PlanMonitoringVisit().handle(
        m.grant.id,
        { kind: 'inspection', plannedOn: today() },
        m.mlsw,
        '127.0.0.1'
      )
    })()
    const inspection = await client.get(`/monitoring-visits/${visit.id}`).loginAs(m.mlsw)
    inspection.assertStatus(200)
    assert.include(inspection.text(), 'data-record-visit')
    assert.include(inspection.text(), 'MS-10')
    for (const outsider of [m.otherNgo, m.assessor]) {
      const tab = await client.get(`/grants/${m.grant.id}/monitoring`).loginAs(outsider)
      tab.assertStatus(404)
      const page = await client.get(`/monitoring-visits/${visit.id}`).loginAs(outsider)
      page.assertStatus(404)
    }
    const byNgo = await client
      .post(`/monitoring-visits/${visit.id}/report`)
      .form({ visitedOn: today() })
      .loginAs(m.applicant)
      .withCsrfToken()
      .redirects(0)
    byNgo.assertFlashMessage('error', 'Access denied')
    const reportedEvents = await AuditEvent.query().where('action', 'monitoring_visit.reported')
    assert.lengthOf(reportedEvents, 0)
  })

  test('reminders reach the owner before and on the due date, and the lead once overdue, each once', async ({
    assert,
    cleanup,
  }) => {
    const { messages } = mail.fake()
    cleanup(() => mail.restore())
    const m = await monitoredGrant()
    const { PlanMonitoringVisit } = await import('#actions/monitoring/plan_monitoring_visit')
    const { RecordMonitoringVisit } = await import('#actions/monitoring/record_monitoring_visit')
    const visit = await new PlanMonitoringVisit().handle(
      m.grant.id,
      { kind: 'spot_check', plannedOn: today(), seed: 3, largest: 1, random: 0 },
      m.leadManager,
      '127.0.0.1'
    )
    const dueOn = '2027-03-01'
    await new RecordMonitoringVisit().handle(
      visit.id,
      {
        visitedOn: today(),
        checks: [{ position: 0, result: 'ok' }],
        actionPoints: [{ title: 'File the board minutes', dueOn, ownerUserId: m.applicant.id }],
      },
      m.leadManager,
      '127.0.0.1'
    )
    const reminders = new SendActionPointReminders()
    assert.equal(await reminders.handle('2027-02-10'), 0)
    assert.equal(await reminders.handle('2027-02-22'), 1)
    assert.equal(await reminders.handle('2027-02-22'), 0)
    const [first] = sentMails(messages)
    assert.equal(first.to, m.applicant.email)
    assert.include(first.subject, 'File the board minutes')
    assert.equal(await reminders.handle('2027-03-02'), 2)
    const overdue = sentMails(messages).slice(1)
    assert.sameMembers(
      overdue.map((sent) => sent.to),
      [m.applicant.email, m.leadManager.email]
    )
    assert.include(overdue[0].subject, 'overdue')
    const notes = await Notification.query().where('subject_type', 'action_point')
    assert.lengthOf(notes, 3)
    const reminderEvents = await AuditEvent.query().where('action', 'action_point.reminder_sent')
    assert.lengthOf(reminderEvents, 2)

    // An answered point waits for the monitor: no reminder.
    const point = await ActionPoint.query().where('visit_id', visit.id).firstOrFail()
    point.status = 'answered'
    await point.save()
    assert.equal(await reminders.handle('2027-03-20'), 0)

    const command = await ace.create(ActionPointsRemind, ['--today=2027-03-20'])
    await command.exec()
    command.assertSucceeded()
  })
})
