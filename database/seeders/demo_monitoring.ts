import { DateTime } from 'luxon'
import { AnswerActionPoint } from '#actions/monitoring/answer_action_point'
import { CloseActionPoint } from '#actions/monitoring/close_action_point'
import { PlanMonitoringVisit } from '#actions/monitoring/plan_monitoring_visit'
import { RecordMonitoringVisit } from '#actions/monitoring/record_monitoring_visit'
import { inspectionStandards } from '#domain/monitoring/monitoring'
import Grant from '#models/grant'
import MonitoringVisit from '#models/monitoring_visit'
import User from '#models/user'
import { todayInKosovo } from '#services/clock'

const demoIp = '127.0.0.1'

/**
 * The MLSW's inspections of two shelter sub-grants, through the actions an
 * MLSW official and the shelter's people use (ADR 0031):
 *
 * - SG-01 (Safe House Prishtina), inspected four weeks ago against MS-01…MS-10:
 *   night cover partly met (MS-09) and confidential files not locked away
 *   (MS-10). Two action points: the rota, answered by the shelter and closed
 *   by the MLSW with its evidence; the locked storage, still open.
 * - SG-02 (Hope Centre Peja, licence suspended), an inspection planned in two weeks.
 */
export class DemoMonitoring {
  async load() {
    if ((await MonitoringVisit.query().first()) !== null) return
    const mlsw = await User.findByOrFail('email', 'mlsw@demo.test')
    const shelter = await User.findByOrFail('email', 'ngo1@demo.test')
    await mlsw.loadMemberships()
    await shelter.loadMemberships()
    const [sg01, sg02] = await Grant.query().whereNotNull('parent_grant_id').orderBy('reference')
    const today = DateTime.fromISO(todayInKosovo())
    const day = (days: number) => today.plus({ days }).toISODate()!

    const plan = new PlanMonitoringVisit()
    const inspected = await plan.handle(
      sg01.id,
      {
        kind: 'inspection',
        plannedOn: day(-30),
        purpose: 'Annual inspection against the minimum standards after the first six months.',
      },
      mlsw,
      demoIp
    )
    const position = (code: string) => inspectionStandards.indexOf(code as never)
    const { actionPoints } = await new RecordMonitoringVisit().handle(
      inspected.id,
      {
        visitedOn: day(-28),
        findings:
          'Care and case management meet the standards. Night cover relies on one person on two nights a week, and residents’ files are kept in an unlocked cupboard.',
        checks: inspectionStandards.map((code) => ({
          position: position(code),
          result: code === 'MS-09' ? 'partly' : code === 'MS-10' ? 'not_met' : 'met',
          comment:
            code === 'MS-09'
              ? 'Two nights a week without a second person on duty.'
              : code === 'MS-10'
                ? 'Residents’ files in an unlocked cupboard in the office.'
                : null,
        })),
        actionPoints: [
          {
            title: 'Second person on duty every night',
            description: 'A rota with two people on every night, signed by the director.',
            dueOn: day(-7),
            checkPosition: position('MS-09'),
          },
          {
            title: 'Residents’ files in locked storage',
            description: 'A lockable cabinet, keys held by the case managers only.',
            dueOn: day(30),
            checkPosition: position('MS-10'),
          },
        ],
      },
      mlsw,
      demoIp
    )
    const [rota] = actionPoints
    await new AnswerActionPoint().handle(
      rota.id,
      'A second night worker was hired; the new rota is attached to the staff file.',
      shelter,
      demoIp
    )
    await new CloseActionPoint().handle(
      rota.id,
      'Rota for the last three weeks seen on a follow-up call: two people on every night.',
      mlsw,
      demoIp
    )

    await plan.handle(
      sg02.id,
      {
        kind: 'inspection',
        plannedOn: day(14),
        purpose: 'Follow-up of the suspension of the licence (night-time staffing, MS-09).',
      },
      mlsw,
      demoIp
    )
  }
}
