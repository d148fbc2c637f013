import { DecideLogframeChange } from '#actions/narrative/decide_logframe_change'
import { DecideNarrativeReport } from '#actions/narrative/decide_narrative_report'
import { OpenNarrativeReport } from '#actions/narrative/open_narrative_report'
import { RequestLogframeChange } from '#actions/narrative/request_logframe_change'
import { SaveNarrativeReport } from '#actions/narrative/save_narrative_report'
import { SubmitNarrativeReport } from '#actions/narrative/submit_narrative_report'
import type { LogframeInput } from '#actions/narrative/logframe_support'
import type { NarrativeInput } from '#actions/narrative/narrative_support'
import Grant from '#models/grant'
import Indicator from '#models/indicator'
import NarrativeReport from '#models/narrative_report'
import User from '#models/user'

const demoIp = '127.0.0.1'

/** A shelter's logframe: its own result and activities, measured by two programme indicators and one of its own. */
function shelterLogframe(indictmentsId: number, reintegratedId: number): LogframeInput {
  return {
    items: [
      {
        ref: 'OO',
        level: 'overall_objective',
        text: 'Victims of trafficking are protected and reintegrated in their communities',
      },
      {
        ref: 'SO1',
        level: 'specific_objective',
        parent: 'OO',
        text: 'The shelter’s residents receive the services of the minimum standards',
      },
      {
        ref: 'R1',
        level: 'result',
        parent: 'SO1',
        text: 'Every resident has an individual assistance plan and legal support',
      },
      {
        ref: 'A1.1',
        level: 'activity',
        parent: 'R1',
        text: 'Case management and legal counselling',
      },
      {
        ref: 'A1.2',
        level: 'activity',
        parent: 'R1',
        text: 'Reintegration follow-up at 6 and 12 months',
      },
    ],
    indicators: [
      { ref: 'I1', measures: 'SO1', programmeIndicatorId: indictmentsId, disaggregated: true },
      { ref: 'I2', measures: 'SO1', programmeIndicatorId: reintegratedId, disaggregated: true },
      {
        ref: 'I3',
        measures: 'R1',
        title: 'Individual assistance plans completed',
        unit: 'plans',
        baseline: '0',
        target: '30',
        source: 'Case files (aggregate counts only)',
        disaggregated: false,
      },
    ],
  }
}

/** People counts by sex, age band and origin (each breakdown adds up to the value). */
interface Count {
  value: number
  female: number
  under_18: number
  domestic: number
}

function peopleRow(ref: string, count: Count) {
  return {
    ref,
    value: String(count.value),
    female: count.female,
    male: count.value - count.female,
    under_18: count.under_18,
    adult: count.value - count.under_18,
    domestic: count.domestic,
    foreign: count.value - count.domestic,
  }
}

function reportText(indictments: Count, reintegrated: Count, plans: number): NarrativeInput {
  return {
    summary:
      'The shelter ran at three quarters of its capacity; every resident had an assistance plan within two weeks.',
    progress: [
      {
        ref: 'R1',
        status: 'ongoing',
        text: 'Plans and legal support for every resident admitted.',
      },
      {
        ref: 'A1.1',
        status: 'ongoing',
        text: 'Weekly case conferences; a lawyer on site twice a week.',
      },
      {
        ref: 'A1.2',
        status: 'not_started',
        text: 'The first 6-month follow-ups fall in the next period.',
      },
    ],
    indicators: [
      peopleRow('I1', indictments),
      peopleRow('I2', reintegrated),
      { ref: 'I3', value: String(plans) },
    ],
    deviations: [
      {
        text: 'The vocational training started one month late.',
        reason: 'The trainer was recruited only in the second month.',
      },
    ],
    risks: 'Night-time staffing depends on one part-time post.',
    lessons: 'Legal counselling on site makes statements to the police more likely.',
    visibility: 'EU emblem on the shelter leaflet and on the training certificates.',
  }
}

/**
 * The shelters' narrative reports of their first period, through the
 * actions the grantees and the lead grantee use (ADR 0030): each shelter's
 * logframe set by an approved change request (the sub-grants were
 * contracted without one), then SG-01's interim report submitted,
 * verified and approved, and SG-02's submitted and waiting for
 * verification. The counts have no value from 1 to 4, so outsiders see them.
 */
export class DemoNarrative {
  async load() {
    if ((await NarrativeReport.query().first()) !== null) return
    const indictments = await Indicator.findBy('code', 'R6.2')
    const reintegrated = await Indicator.findBy('code', 'R7.1')
    if (!indictments || !reintegrated) return
    const lead = await User.findByOrFail('email', 'lead@demo.test')
    const leadFinance = await User.findByOrFail('email', 'finance@demo.test')
    const subGrants = await Grant.query().whereNotNull('parent_grant_id').orderBy('reference')
    const plans = [
      {
        grant: subGrants[0],
        by: 'ngo1@demo.test',
        stage: 'approved' as const,
        text: reportText(
          { value: 6, female: 6, under_18: 0, domestic: 6 },
          { value: 5, female: 5, under_18: 0, domestic: 5 },
          14
        ),
      },
      {
        grant: subGrants[1],
        by: 'ngo4@demo.test',
        stage: 'submitted' as const,
        text: reportText(
          { value: 5, female: 5, under_18: 0, domestic: 5 },
          { value: 0, female: 0, under_18: 0, domestic: 0 },
          9
        ),
      },
    ]
    for (const plan of plans) {
      const grantee = await User.findByOrFail('email', plan.by)
      const change = await new RequestLogframeChange().handle(
        plan.grant.id,
        {
          ...shelterLogframe(indictments.id, reintegrated.id),
          reason: 'The logframe of the sub-grant as agreed at contract.',
        },
        grantee,
        demoIp
      )
      await new DecideLogframeChange().handle(change.id, 'approved', null, lead, demoIp)
      const report = await new OpenNarrativeReport().handle(plan.grant.id, 1, grantee, demoIp)
      await new SaveNarrativeReport().handle(report.id, plan.text, grantee, demoIp)
      await new SubmitNarrativeReport().handle(report.id, grantee, demoIp)
      if (plan.stage === 'approved') {
        const decide = new DecideNarrativeReport()
        await decide.handle(report.id, 'verified', null, leadFinance, demoIp)
        await decide.handle(report.id, 'approved', null, lead, demoIp)
      }
    }
  }
}
