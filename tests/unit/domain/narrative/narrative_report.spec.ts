import { test } from '@japa/runner'
import type { Logframe } from '#domain/narrative/logframe'
import {
  canMove,
  emptyNarrative,
  type NarrativeContent,
  narrativeChanges,
  narrativeProblems,
  rolledUp,
  seriesIsProtected,
  shownCount,
} from '#domain/narrative/narrative_report'

const logframe: Logframe = {
  items: [
    { ref: 'OO', level: 'overall_objective', parent: null, text: 'Protection' },
    { ref: 'SO1', level: 'specific_objective', parent: 'OO', text: 'Standards' },
    { ref: 'R1', level: 'result', parent: 'SO1', text: 'Plans' },
    { ref: 'A1', level: 'activity', parent: 'R1', text: 'Sessions' },
  ],
  indicators: [
    {
      ref: 'I1',
      measures: 'SO1',
      programmeIndicatorId: 1,
      title: null,
      unit: null,
      baseline: null,
      target: null,
      source: null,
      disaggregated: true,
    },
  ],
}

function content(n: number): NarrativeContent {
  return {
    ...emptyNarrative(),
    progress: [
      { ref: 'R1', status: 'ongoing', text: 'On track' },
      { ref: 'A1', status: 'completed', text: 'Done' },
    ],
    indicators: [
      {
        ref: 'I1',
        value: String(n),
        sex: { female: n - 5, male: 5 },
        ageBand: { under_18: 0, adult: n },
        origin: { domestic: n, foreign: 0 },
      },
    ],
  }
}

test.group('Narrative report rules', () => {
  test('the lifecycle: submitted → verified → approved, returned back to submitted, approved is final', ({
    assert,
  }) => {
    assert.isTrue(canMove('draft', 'submitted'))
    assert.isTrue(canMove('submitted', 'returned'))
    assert.isTrue(canMove('verified', 'returned'))
    assert.isTrue(canMove('returned', 'submitted'))
    assert.isFalse(canMove('submitted', 'approved'))
    assert.isFalse(canMove('approved', 'returned'))
  })

  test('every result, activity and indicator is answered and breakdowns add up', ({ assert }) => {
    assert.deepEqual(narrativeProblems(content(20), logframe), [])
    const broken = content(20)
    broken.progress.pop()
    broken.indicators[0] = { ...broken.indicators[0], origin: { domestic: 3, foreign: 3 } }
    assert.deepEqual(
      narrativeProblems(broken, logframe).map((p) => `${p.field}:${p.code}`),
      ['progress.A1:progress_missing', 'indicators.0.origin:breakdown_sum']
    )
    assert.deepEqual(
      narrativeProblems({ ...emptyNarrative(), progress: content(1).progress }, logframe).map(
        (p) => p.code
      ),
      ['indicator_missing']
    )
  })

  test('a series with any people count from 1 to 4 is protected; a roll-up with a hidden part is withheld', ({
    assert,
  }) => {
    const people = new Set(['I1'])
    assert.isFalse(seriesIsProtected([content(20)], people, 5))
    const small = content(20)
    small.indicators[0].sex = { female: 17, male: 3 }
    assert.isTrue(seriesIsProtected([content(20), small], people, 5))
    assert.deepEqual(shownCount(3, true, 5), { value: '<5', hidden: true })
    assert.deepEqual(shownCount(0, true, 5), { value: '<5', hidden: true })
    assert.deepEqual(shownCount(17, true, 5), { value: 'x', hidden: true })
    assert.deepEqual(shownCount(3, false, 5), { value: '3', hidden: false })
    assert.deepEqual(rolledUp([shownCount(20, false, 5), shownCount(7, false, 5)]), {
      value: '27',
      hidden: false,
    })
    assert.deepEqual(rolledUp([shownCount(20, false, 5), shownCount(7, true, 5)]), {
      value: 'x',
      hidden: true,
    })
  })

  test('the publication minimum in force decides, not a literal 5', ({ assert }) => {
    const people = new Set(['I1'])
    // 5 men are shown under the minimum 5 but are small under a minimum of 8.
    assert.isFalse(seriesIsProtected([content(20)], people, 5))
    assert.isTrue(seriesIsProtected([content(20)], people, 8))
    assert.deepEqual(shownCount(6, true, 8), { value: '<8', hidden: true })
    assert.deepEqual(shownCount(8, true, 8), { value: 'x', hidden: true })
    // Under a minimum of 3, the 4 women of content(9) are no longer small.
    assert.isTrue(seriesIsProtected([content(9)], people, 5))
    assert.isFalse(seriesIsProtected([content(9)], people, 3))
    assert.deepEqual(shownCount(2, true, 3), { value: '<3', hidden: true })
  })

  test('the changes between two versions name each changed field', ({ assert }) => {
    const after = content(20)
    after.progress[0] = { ...after.progress[0], text: 'Delayed a month' }
    after.risks = 'Staff turnover'
    assert.deepEqual(
      narrativeChanges(content(20), after).map((c) => c.field),
      ['progress.R1', 'risks']
    )
  })
})
