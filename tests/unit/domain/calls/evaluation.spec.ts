import { test } from '@japa/runner'
import { canMoveCall, checkPublication, isBeforeDeadline } from '#domain/calls/call_lifecycle'
import { checkAssignment, canSignOffWaiver } from '#domain/calls/conflicts'
import {
  averageHundredths,
  defaultConceptGrid,
  defaultFullGrid,
  eliminatedSections,
  gridMaximum,
  gridProblems,
  hasLargeSpread,
  invalidScores,
  logframeCriteria,
  logframeScore,
  sheetTotal,
} from '#domain/calls/grid'
import { provisionalSelection, rank, shortlist } from '#domain/calls/ranking'

test.group('Calls: lifecycle and deadlines', () => {
  test('a call moves forward one stage at a time', ({ assert }) => {
    assert.isTrue(canMoveCall('draft', 'published'))
    assert.isFalse(canMoveCall('draft', 'shortlisted'))
    assert.isFalse(canMoveCall('published', 'draft'))
  })

  test('submissions close exactly at the deadline', ({ assert }) => {
    assert.isTrue(isBeforeDeadline('2027-03-01T11:00:00Z', '2027-03-01T10:59:59.999Z'))
    assert.isFalse(isBeforeDeadline('2027-03-01T11:00:00Z', '2027-03-01T11:00:00Z'))
  })

  test('publication needs 45 days to the concept deadline and 30 more to the full one', ({
    assert,
  }) => {
    assert.deepEqual(
      checkPublication(
        '2027-01-01T00:00:00Z',
        '2027-02-15T00:00:00Z',
        '2027-03-17T00:00:00Z',
        45,
        30
      ),
      {
        ok: true,
      }
    )
    assert.include(
      checkPublication(
        '2027-01-01T00:00:00Z',
        '2027-02-14T23:59:00Z',
        '2027-04-01T00:00:00Z',
        45,
        30
      ),
      { ok: false, reason: 'concept_deadline_too_soon' }
    )
    assert.include(
      checkPublication(
        '2027-01-01T00:00:00Z',
        '2027-02-15T00:00:00Z',
        '2027-03-16T23:00:00Z',
        45,
        30
      ),
      { ok: false, reason: 'full_deadline_too_soon' }
    )
  })
})

test.group('Calls: grids and scores', () => {
  test('the default grids total 50 and 100 points and are valid', ({ assert }) => {
    assert.equal(gridMaximum(defaultConceptGrid), 50)
    assert.equal(gridMaximum(defaultFullGrid), 100)
    assert.deepEqual(gridProblems(defaultConceptGrid), [])
    assert.deepEqual(gridProblems(defaultFullGrid), [])
  })

  test('the full grid scores the logframe in its design section; the concept-note grid does not', ({
    assert,
  }) => {
    assert.deepEqual(
      logframeCriteria(defaultFullGrid).map((c) => [c.key, c.maxScore]),
      [['3.2', 5]]
    )
    assert.lengthOf(logframeCriteria(defaultConceptGrid), 0)
    assert.isNull(logframeScore(defaultConceptGrid, []))
    const design = defaultFullGrid.sections.find((s) => s.key === '3')!
    assert.equal(
      design.criteria.reduce((sum, c) => sum + c.maxScore, 0),
      15
    )
  })

  test('the logframe score is its criteria’s weighted points averaged over the sheets, and counts in the total', ({
    assert,
  }) => {
    const grid = {
      threshold: 10,
      sections: [
        {
          key: '1',
          title: 'Design',
          criteria: [
            { key: '1.1', title: 'Coherence', maxScore: 10 },
            { key: '1.2', title: 'Logframe', maxScore: 5, weight: 2, logframe: true },
          ],
        },
      ],
    }
    const sheets = [
      { '1.1': 8, '1.2': 4 },
      { '1.1': 6, '1.2': 3 },
    ]
    assert.deepEqual(logframeScore(grid, sheets), {
      keys: ['1.2'],
      averageHundredths: 700,
      maximum: 10,
    })
    assert.deepEqual(logframeScore(grid, [])?.averageHundredths, null)
    assert.deepEqual(
      sheets.map((sheet) => sheetTotal(grid, sheet)),
      [16, 12]
    )
    assert.deepEqual(gridProblems(grid), [])
    const marked = { key: '1.3', title: 'x', maxScore: 5, logframe: 'yes' as never }
    const section = { ...grid.sections[0], criteria: [...grid.sections[0].criteria, marked] }
    assert.deepEqual(gridProblems({ ...grid, sections: [section] }), [
      { code: 'criterion_logframe', values: { criterion: '1.3' } },
    ])
  })

  test('a grid with duplicate keys or an impossible threshold is refused', ({ assert }) => {
    const problems = gridProblems({
      threshold: 99,
      sections: [
        {
          key: 's',
          title: 'S',
          criteria: [
            { key: 'a', title: 'A', maxScore: 5 },
            { key: 'a', title: 'B', maxScore: 0 },
          ],
        },
      ],
    })
    assert.lengthOf(problems, 3)
  })

  test('scores must lie within each criterion maximum', ({ assert }) => {
    const full = Object.fromEntries(
      defaultConceptGrid.sections.flatMap((s) => s.criteria.map((c) => [c.key, c.maxScore]))
    )
    assert.deepEqual(invalidScores(defaultConceptGrid, full), [])
    assert.equal(sheetTotal(defaultConceptGrid, full), 50)
    assert.deepEqual(invalidScores(defaultConceptGrid, { ...full, '1.3': 6 }), ['1.3'])
    const partial = Object.fromEntries(Object.entries(full).filter(([key]) => key !== '2.2'))
    assert.deepEqual(invalidScores(defaultConceptGrid, partial), ['2.2'])
  })

  test('a weighted criterion is scored on its scale and counts its weight times', ({ assert }) => {
    const grid = {
      threshold: 12,
      sections: [
        {
          key: '1',
          title: 'Relevance',
          eliminatoryMinimum: 8,
          criteria: [
            { key: '1.1', title: 'Fit', maxScore: 5, weight: 2 },
            { key: '1.2', title: 'Needs', maxScore: 5 },
          ],
        },
      ],
    }
    assert.deepEqual(gridProblems(grid), [])
    assert.equal(gridMaximum(grid), 15)
    assert.deepEqual(invalidScores(grid, { '1.1': 5, '1.2': 5 }), [])
    assert.deepEqual(invalidScores(grid, { '1.1': 10, '1.2': 5 }), ['1.1'])
    assert.equal(sheetTotal(grid, { '1.1': 4, '1.2': 3 }), 11)
    assert.deepEqual(eliminatedSections(grid, [{ '1.1': 2, '1.2': 3 }]), ['1'])
    assert.deepEqual(eliminatedSections(grid, [{ '1.1': 3, '1.2': 2 }]), [])
    const bad = {
      ...grid,
      sections: [
        { ...grid.sections[0], criteria: [{ key: '1.1', title: 'Fit', maxScore: 5, weight: 0 }] },
      ],
    }
    assert.deepInclude(gridProblems(bad), {
      code: 'criterion_weight',
      values: { criterion: '1.1' },
    })
  })

  test('the average is kept in hundredths and the spread is flagged above 20 % of the maximum', ({
    assert,
  }) => {
    assert.equal(averageHundredths([30, 35]), 3250)
    assert.equal(averageHundredths([30, 31, 31]), 3067)
    assert.isFalse(hasLargeSpread([30, 40], 50, 2000))
    assert.isTrue(hasLargeSpread([30, 41], 50, 2000))
  })

  test('a capacity section below 12 eliminates the full application', ({ assert }) => {
    const sheet = (capacity: number[]) => ({
      '1.1': capacity[0],
      '1.2': capacity[1],
      '1.3': capacity[2],
      '1.4': capacity[3],
    })
    assert.deepEqual(
      eliminatedSections(defaultFullGrid, [sheet([3, 3, 3, 3]), sheet([3, 3, 3, 2])]),
      ['1']
    )
    assert.deepEqual(
      eliminatedSections(defaultFullGrid, [sheet([3, 3, 3, 3]), sheet([3, 3, 3, 3])]),
      []
    )
  })
})

test.group('Calls: ranking and selection', () => {
  const items = [
    { id: 1, scoreHundredths: 4000, requestedCents: 5000000 },
    { id: 2, scoreHundredths: 4500, requestedCents: 6000000 },
    { id: 3, scoreHundredths: 2900, requestedCents: 2000000 },
    { id: 4, scoreHundredths: 4000, requestedCents: 3000000 },
    { id: 5, scoreHundredths: 3500, requestedCents: 6000000 },
  ]

  test('ranks by score, then by the smaller request', ({ assert }) => {
    assert.deepEqual(
      rank(items).map((i) => i.id),
      [2, 4, 1, 5, 3]
    )
  })

  test('shortlists above the threshold while the requests stay within twice the budget', ({
    assert,
  }) => {
    const atLimit = shortlist(items, 3000, 10000000, 20000)
    assert.deepEqual(
      atLimit.shortlisted.map((i) => i.id),
      [2, 4, 1, 5]
    )
    assert.deepEqual(
      atLimit.notShortlisted.map((i) => i.id),
      [3]
    )
    const oneCentLess = shortlist(items, 3000, 9999999, 20000)
    assert.deepEqual(
      oneCentLess.shortlisted.map((i) => i.id),
      [2, 4, 1]
    )
  })

  test('selects within the envelope and puts the next passing ones on the reserve list', ({
    assert,
  }) => {
    const { selected, reserve, rejected } = provisionalSelection(items, 3000, 10000000)
    assert.deepEqual(
      selected.map((i) => i.id),
      [2, 4]
    )
    assert.deepEqual(
      reserve.map((i) => i.id),
      [1, 5]
    )
    assert.deepEqual(
      rejected.map((i) => i.id),
      [3]
    )
  })
})

test.group('Calls: conflicts of interest', () => {
  test('a declared tie with the applicant refuses the assignment', ({ assert }) => {
    assert.deepEqual(checkAssignment([{ kind: 'board_member', organisationId: 7 }], [1], 7), {
      ok: false,
      reason: 'declared_affiliation',
      kind: 'board_member',
      waivable: false,
    })
    assert.deepEqual(checkAssignment([], [7], 7), { ok: false, reason: 'assessor_is_applicant' })
    assert.deepEqual(checkAssignment([{ kind: 'employer', organisationId: 8 }], [1], 7), {
      ok: true,
      waived: false,
    })
  })

  test('a financial interest can be waived, with a second manager signing off', ({ assert }) => {
    const ties = [{ kind: 'financial_interest' as const, organisationId: 7 }]
    assert.include(checkAssignment(ties, [1], 7), { ok: false, waivable: true })
    assert.deepEqual(checkAssignment(ties, [1], 7, true), { ok: true, waived: true })
    assert.isFalse(canSignOffWaiver(3, 3))
    assert.isTrue(canSignOffWaiver(3, 4))
  })
})
