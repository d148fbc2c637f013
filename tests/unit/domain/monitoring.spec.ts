import { test } from '@japa/runner'
import { drawSample } from '#domain/monitoring/sample'
import { riskScore } from '#domain/monitoring/risk'

test.group('Monitoring: sample and risk score', () => {
  const lines = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, admittedCents: (i + 1) * 100 }))

  test('the sample takes the largest lines, then seeded random ones, the same each time', ({
    assert,
  }) => {
    const first = drawSample(lines, 2024, { largest: 3, random: 4 })
    assert.deepEqual(
      first.slice(0, 3).map((s) => s.id),
      [20, 19, 18]
    )
    assert.lengthOf(first, 7)
    assert.lengthOf(new Set(first.map((s) => s.id)), 7)
    assert.deepEqual(drawSample([...lines].reverse(), 2024, { largest: 3, random: 4 }), first)
    assert.notDeepEqual(drawSample(lines, 2025, { largest: 3, random: 4 }), first)
  })

  test('lines with nothing admitted are never sampled; a small grant gives what it has', ({
    assert,
  }) => {
    const sample = drawSample(
      [
        { id: 1, admittedCents: 0 },
        { id: 2, admittedCents: 10 },
      ],
      1,
      { largest: 3, random: 2 }
    )
    assert.deepEqual(sample, [{ id: 2, selection: 'largest' }])
  })

  test('the risk score adds documented points', ({ assert }) => {
    const score = riskScore(
      {
        funderCents: 60_000_000,
        licence: { validUntil: '2027-01-15', stopped: false },
        licenceExpected: true,
        lastVisitOn: '2025-10-01',
        pastFindings: 5,
        overdueActionPoints: 1,
      },
      '2026-12-03'
    )
    assert.deepEqual(
      score.reasons.map((r) => [r.code, r.points]),
      [
        ['licence_expiring', 2],
        ['past_findings', 3],
        ['overdue_action_points', 2],
        ['not_visited_recently', 2],
        ['high_value', 2],
      ]
    )
    assert.equal(score.score, 11)
    const calm = riskScore(
      {
        funderCents: 100,
        licence: { validUntil: '2029-01-01', stopped: false },
        licenceExpected: true,
        lastVisitOn: '2026-10-01',
        pastFindings: 0,
        overdueActionPoints: 0,
      },
      '2026-12-03'
    )
    assert.equal(calm.score, 0)
  })
})
