import { test } from '@japa/runner'
import { cofinancingProblems, durationMonths, durationProblem } from '#domain/calls/cofinancing'

test.group('Co-financing sources (DOMAIN-RULES §3)', () => {
  test('sources that add up exactly to TEC − F pass', ({ assert }) => {
    // TEC 1 052 631.58, F 1 000 000.00 → co-financing 52 631.58.
    const sources = [
      { kind: 'own_funds' as const, amountCents: 2_631_558 },
      { kind: 'other_donor' as const, amountCents: 2_631_600 },
    ]
    assert.deepEqual(cofinancingProblems(sources, 5_263_158, false), [])
  })

  test('one cent short or over is refused, naming the difference', ({ assert }) => {
    assert.deepEqual(
      cofinancingProblems([{ kind: 'own_funds', amountCents: 5_263_157 }], 5_263_158, false),
      [
        {
          code: 'SOURCES_DO_NOT_ADD_UP',
          sourcesCents: 5_263_157,
          requiredCents: 5_263_158,
          differenceCents: -1,
        },
      ]
    )
    assert.deepEqual(
      cofinancingProblems([{ kind: 'own_funds', amountCents: 5_263_159 }], 5_263_158, false)[0],
      {
        code: 'SOURCES_DO_NOT_ADD_UP',
        sourcesCents: 5_263_159,
        requiredCents: 5_263_158,
        differenceCents: 1,
      }
    )
    assert.deepEqual(
      cofinancingProblems([], 5_263_158, false).map((p) => p.code),
      ['SOURCES_DO_NOT_ADD_UP']
    )
  })

  test('in kind only where the call accepts it', ({ assert }) => {
    const sources = [{ kind: 'in_kind' as const, amountCents: 100 }]
    assert.deepEqual(cofinancingProblems(sources, 100, false), [{ code: 'IN_KIND_NOT_ALLOWED' }])
    assert.deepEqual(cofinancingProblems(sources, 100, true), [])
  })
})

test.group('Implementation period in months', () => {
  test('a started month counts as a whole one', ({ assert }) => {
    assert.equal(durationMonths('2027-01-01', '2028-12-31'), 24)
    assert.equal(durationMonths('2027-01-01', '2029-01-01'), 25)
    assert.equal(durationMonths('2027-01-15', '2027-02-14'), 1)
    assert.equal(durationMonths('2027-01-15', '2027-02-15'), 2)
    assert.equal(durationMonths('2027-01-31', '2027-02-27'), 1)
    assert.equal(durationMonths('2027-03-01', '2027-03-01'), 1)
    assert.throws(() => durationMonths('2027-03-02', '2027-03-01'), /ends before/)
  })

  test('outside the call’s minimum and maximum is refused', ({ assert }) => {
    const rules = { minDurationMonths: 12, maxDurationMonths: 24 }
    assert.isNull(durationProblem('2027-01-01', '2028-12-31', rules))
    assert.isNull(durationProblem('2027-01-01', '2027-12-31', rules))
    assert.deepEqual(durationProblem('2027-01-01', '2029-01-01', rules), {
      code: 'DURATION_ABOVE_MAX',
      months: 25,
      maxMonths: 24,
    })
    assert.deepEqual(durationProblem('2027-01-01', '2027-11-30', rules), {
      code: 'DURATION_BELOW_MIN',
      months: 11,
      minMonths: 12,
    })
  })
})
