import { test } from '@japa/runner'
import {
  type Logframe,
  logframeDifferences,
  logframeProblems,
  logframeSubmissionGaps,
} from '#domain/narrative/logframe'

const own = {
  programmeIndicatorId: null,
  title: 'Plans',
  unit: 'plans',
  baseline: '0',
  target: '40',
  source: 'Case files',
  disaggregated: false,
}

function complete(): Logframe {
  return {
    items: [
      { ref: 'OO', level: 'overall_objective', parent: null, text: 'Protection' },
      { ref: 'SO1', level: 'specific_objective', parent: 'OO', text: 'Standards' },
      { ref: 'R1', level: 'result', parent: 'SO1', text: 'Plans' },
      { ref: 'A1', level: 'activity', parent: 'R1', text: 'Sessions' },
    ],
    indicators: [
      { ref: 'I1', measures: 'R1', ...own },
      {
        ...own,
        ref: 'I2',
        measures: 'SO1',
        programmeIndicatorId: 7,
        title: null,
        unit: null,
        baseline: null,
        target: null,
        source: null,
      },
    ],
  }
}

test.group('Logframe structure', () => {
  test('a complete logframe has no problems', ({ assert }) => {
    assert.deepEqual(logframeProblems(complete(), [7]), [])
  })

  test('levels must nest: overall › specific › result › activity', ({ assert }) => {
    const logframe = complete()
    logframe.items[3] = { ...logframe.items[3], parent: 'SO1' }
    logframe.items.push({ ref: 'OO2', level: 'overall_objective', parent: null, text: 'Second' })
    const codes = logframeProblems(logframe, [7]).map((p) => `${p.field}:${p.code}`)
    assert.includeMembers(codes, [
      'items.3.parent:wrong_parent_level',
      'logframe:overall_objective_count',
    ])
  })

  test('indicators measure objectives or results; own ones are complete; programme ones exist; refs unique', ({
    assert,
  }) => {
    const logframe = complete()
    logframe.indicators[0] = { ...logframe.indicators[0], measures: 'A1', source: null }
    logframe.indicators[1] = { ...logframe.indicators[1], ref: 'R1', programmeIndicatorId: 99 }
    const codes = logframeProblems(logframe, [7]).map((p) => `${p.field}:${p.code}`)
    assert.includeMembers(codes, [
      'indicators.0.measures:wrong_measured_level',
      'indicators.0.source:own_indicator_incomplete',
      'indicators.1.programmeIndicatorId:unknown_programme_indicator',
      'indicators.1.ref:duplicate_ref',
    ])
  })

  test('differences name what was added, removed and changed', ({ assert }) => {
    const before = complete()
    const after = complete()
    after.items[3] = { ...after.items[3], text: 'Group sessions' }
    after.items.push({ ref: 'A2', level: 'activity', parent: 'R1', text: 'Visits' })
    after.indicators.pop()
    assert.deepEqual(
      logframeDifferences(before, after).map((d) => `${d.ref}:${d.kind}`),
      ['A1:changed', 'I2:removed', 'A2:added']
    )
  })
})

test.group('Logframe: what a full application needs to be submitted', () => {
  test('a complete logframe has no gaps; none at all lacks an objective and a measured result', ({
    assert,
  }) => {
    assert.deepEqual(logframeSubmissionGaps(complete()), [])
    assert.deepEqual(logframeSubmissionGaps(null), [
      { code: 'objective' },
      { code: 'result_indicator' },
    ])
    assert.deepEqual(logframeSubmissionGaps({ items: [], indicators: [] }), [
      { code: 'objective' },
      { code: 'result_indicator' },
    ])
  })

  test('every result needs an activity, named by its ref', ({ assert }) => {
    const logframe = complete()
    logframe.items.push(
      { ref: 'R2', level: 'result', parent: 'SO1', text: 'Staff trained' },
      { ref: 'R3', level: 'result', parent: 'SO1', text: 'Referrals' },
      { ref: 'A3', level: 'activity', parent: 'R3', text: 'Outreach' }
    )
    assert.deepEqual(logframeSubmissionGaps(logframe), [{ code: 'activity', ref: 'R2' }])
  })

  test('a result needs an indicator with a baseline and a target; one on an objective does not count', ({
    assert,
  }) => {
    const logframe = complete()
    // I2 (programme, on SO1) stays; I1 on R1 loses its target.
    logframe.indicators[0] = { ...logframe.indicators[0], target: ' ' }
    assert.deepEqual(logframeSubmissionGaps(logframe), [{ code: 'result_indicator' }])
    // A programme indicator on the result with the action's baseline and target is enough.
    logframe.indicators[1] = {
      ...logframe.indicators[1],
      measures: 'R1',
      baseline: '4',
      target: '6',
    }
    assert.deepEqual(logframeSubmissionGaps(logframe), [])
  })

  test('a specific objective alone is an objective', ({ assert }) => {
    const logframe = complete()
    logframe.items = logframe.items.filter((item) => item.level !== 'overall_objective')
    assert.deepEqual(logframeSubmissionGaps(logframe), [])
  })
})
