import type { Logframe } from '#domain/narrative/logframe'

/**
 * The logframe of the lead grantee's full application to the EU call (and,
 * copied at contract, of the lead grant): built as the applicant would in
 * the logframe builder, complete for submission (an objective, results
 * measured by indicators with baselines and targets, an activity under every
 * result). Its indicators are the action's own: the programme's indicators
 * are entered after the calls in the demo, so none can be linked here.
 */
export const leadLogframe: Logframe = {
  items: [
    {
      ref: 'OO',
      level: 'overall_objective',
      parent: null,
      text: 'Victims of trafficking in Kosovo are protected and reintegrated through sustainable, state-funded shelter services',
    },
    {
      ref: 'SO1',
      level: 'specific_objective',
      parent: 'OO',
      text: 'Licensed shelters provide care to the minimum standards, funded through sub-grants',
    },
    {
      ref: 'SO2',
      level: 'specific_objective',
      parent: 'OO',
      text: 'The MLSW funds every licensed shelter from its own budget by the end of the action',
    },
    {
      ref: 'R1',
      level: 'result',
      parent: 'SO1',
      text: 'Sub-grants keep the licensed shelters open and applying the minimum standards',
    },
    {
      ref: 'A1.1',
      level: 'activity',
      parent: 'R1',
      text: 'Run the sub-granting calls and contract the licensed shelters',
    },
    {
      ref: 'A1.2',
      level: 'activity',
      parent: 'R1',
      text: 'Monitor the shelters against the minimum standards MS-01 to MS-10',
    },
    {
      ref: 'R2',
      level: 'result',
      parent: 'SO1',
      text: 'Victims are reintegrated in their communities and followed up at 6 and 12 months',
    },
    {
      ref: 'A2.1',
      level: 'activity',
      parent: 'R2',
      text: 'Individual assistance plans, case management and reintegration follow-up',
    },
    {
      ref: 'R3',
      level: 'result',
      parent: 'SO2',
      text: 'A costed handover plan is agreed with the MLSW and state transfers start',
    },
    {
      ref: 'A3.1',
      level: 'activity',
      parent: 'R3',
      text: 'Cost each shelter’s need and agree the yearly target state share with the MLSW',
    },
  ],
  indicators: [
    {
      ref: 'I1',
      measures: 'R1',
      programmeIndicatorId: null,
      title: 'Licensed shelters funded by a sub-grant and applying the minimum standards',
      unit: 'shelters',
      baseline: '3',
      target: '6',
      source: 'MLSW licence register; monitoring visits',
      disaggregated: false,
    },
    {
      ref: 'I2',
      measures: 'R2',
      programmeIndicatorId: null,
      title: 'Victims reintegrated in their communities in the year',
      unit: 'people',
      baseline: '10',
      target: '13',
      source: 'Shelters’ approved service statistics (exits: reintegrated)',
      disaggregated: true,
    },
    {
      ref: 'I3',
      measures: 'R3',
      programmeIndicatorId: null,
      title: 'Shelters funded from the MLSW’s annual budget',
      unit: 'shelters',
      baseline: '0',
      target: '6',
      source: 'Budget law; MLSW transfers (handover plan)',
      disaggregated: false,
    },
  ],
}
