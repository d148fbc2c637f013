import Indicator from '#models/indicator'
import Logframe from '#models/logframe'

/** A programme indicator (only the columns the indicators table has today). */
export async function programmeIndicator(code = `T-${Math.random().toString(36).slice(2, 7)}`) {
  return Indicator.create({
    code,
    titleEn: 'Victims reintegrated',
    titleSq: 'Viktima të riintegruara',
    titleSr: 'Reintegrisane žrtve',
    measure: 'exits_reintegrated',
    baselineYear: 2025,
    baselineValue: 10,
    targets: { '2026': 11 },
  })
}

/** A complete logframe as the API takes it: OO → SO1 → R1 → A1.1, one programme and one own indicator. */
export function logframeBody(
  programmeIndicatorId: number,
  overrides: Record<string, unknown> = {}
) {
  return {
    items: [
      {
        ref: 'OO',
        level: 'overall_objective',
        text: 'Victims of trafficking are protected and reintegrated',
      },
      {
        ref: 'SO1',
        level: 'specific_objective',
        parent: 'OO',
        text: 'Shelters meet the minimum standards',
      },
      {
        ref: 'R1',
        level: 'result',
        parent: 'SO1',
        text: 'Residents have individual assistance plans',
      },
      { ref: 'A1.1', level: 'activity', parent: 'R1', text: 'Case management sessions' },
    ],
    indicators: [
      { ref: 'I1', measures: 'SO1', programmeIndicatorId, disaggregated: true },
      {
        ref: 'I2',
        measures: 'R1',
        title: 'Plans completed',
        unit: 'plans',
        baseline: '0',
        target: '40',
        source: 'Case files (aggregate)',
        disaggregated: false,
      },
    ],
    ...overrides,
  }
}

/** Report content answering every line of `logframeBody`, with people counts `n` (by sex, age band, origin). */
export function narrativeBody(n = 12, overrides: Record<string, unknown> = {}) {
  return {
    summary: 'The period went to plan.',
    progress: [
      { ref: 'R1', status: 'ongoing', text: 'Plans drafted for all residents.' },
      { ref: 'A1.1', status: 'completed', text: 'Weekly sessions held.' },
    ],
    indicators: [
      {
        ref: 'I1',
        value: String(n),
        female: n - 2,
        male: 2,
        under_18: 3,
        adult: n - 3,
        domestic: n - 1,
        foreign: 1,
      },
      { ref: 'I2', value: '18' },
    ],
    deviations: [{ text: 'Training moved to Q3', reason: 'Trainer unavailable' }],
    risks: 'Staff turnover.',
    lessons: 'Earlier planning.',
    visibility: 'EU emblem on the shelter leaflet.',
    ...overrides,
  }
}

/**
 * Stores `logframeBody` as a grant's logframe (version 1), as a contract
 * copies it: its specific objective measured by the programme indicator.
 */
export async function giveGrantLogframe(grantId: number, programmeIndicatorId: number) {
  const body = logframeBody(programmeIndicatorId)
  return Logframe.create({
    grantId,
    applicationId: null,
    version: 1,
    content: {
      items: body.items.map((i) => ({ parent: null, ...i })) as never,
      indicators: body.indicators.map((i) => ({
        programmeIndicatorId: null,
        title: null,
        unit: null,
        baseline: null,
        target: null,
        source: null,
        ...i,
      })) as never,
    },
    updatedById: null,
  })
}
