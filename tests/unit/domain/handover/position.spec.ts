import { test } from '@japa/runner'
import type { LicenceFacts } from '#domain/licences/licence'
import type { Position, ShelterYearFacts } from '#domain/handover/position'
import {
  byRisk,
  flagsFor,
  gapShareBp,
  nationalPosition,
  positionFor,
} from '#domain/handover/position'

const licence: LicenceFacts = {
  id: 1,
  number: 'MLSW-1',
  services: ['residential_vot'],
  issuedOn: '2025-01-01',
  validUntil: '2027-12-31',
  decisions: [],
  hasPendingRenewal: false,
}

/** A shelter in 2026: need 60 000.00, target 50 %, sub-grants to 2027, licensed. */
function facts(overrides: Partial<ShelterYearFacts> = {}): ShelterYearFacts {
  return {
    year: 2026,
    needCents: 6000000,
    targetStateShareBp: 5000,
    targetMunicipalShareBp: null,
    fullTargetBp: 10000,
    donorCents: 2500000,
    donorEndsOn: '2027-12-31',
    commitments: [
      {
        id: 1,
        committedOn: '2025-12-20',
        amountCents: 3000000,
        transfers: [{ transferredOn: '2026-01-20', amountCents: 3000000 }],
      },
    ],
    other: { municipality: 200000, other_donor: 100000, own_income: 50000 },
    licences: [licence],
    ...overrides,
  }
}

const codes = (f: ShelterYearFacts, today: string) => flagsFor(f, today).map((flag) => flag.code)

test.group('Handover plan: position', () => {
  test('funding by source, realised state share and gap', ({ assert }) => {
    const position = positionFor(facts(), '2026-11-28')
    assert.deepEqual(position.funding, {
      state: 3000000,
      donor: 2500000,
      municipality: 200000,
      other_donor: 100000,
      own_income: 50000,
      total: 5850000,
    })
    assert.equal(position.stateShareBp, 5000)
    assert.equal(position.targetStateCents, 3000000)
    assert.equal(position.gapCents, 150000)
    assert.deepEqual(position.flags, [])
  })

  test('the realised share counts transfers only, floored; commitments are shown apart', ({
    assert,
  }) => {
    const position = positionFor(
      facts({
        needCents: 3000000,
        commitments: [
          {
            id: 1,
            committedOn: '2026-01-10',
            amountCents: 2000000,
            transfers: [{ transferredOn: '2026-01-15', amountCents: 999999 }],
          },
        ],
      }),
      '2026-11-28'
    )
    assert.equal(position.stateShareBp, 3333)
    assert.equal(position.committedShareBp, 6666)
    assert.equal(position.committedCents, 2000000)
    assert.equal(position.transferredCents, 999999)
  })

  test('a gap is negative when funding exceeds the need, and null without a need', ({ assert }) => {
    assert.equal(positionFor(facts({ needCents: 5000000 }), '2026-11-28').gapCents, -850000)
    const unknown = positionFor(facts({ needCents: null }), '2026-11-28')
    assert.isNull(unknown.gapCents)
    assert.isNull(unknown.stateShareBp)
    assert.isNull(unknown.targetStateCents)
  })
})

test.group('Handover plan: flags', () => {
  test('from 30 June, less than half of the year commitment transferred', ({ assert }) => {
    const commitment = (transfers: { transferredOn: string; amountCents: number }[]) =>
      facts({
        commitments: [{ id: 1, committedOn: '2025-12-20', amountCents: 3000000, transfers }],
      })
    // Any transfer above 0 is not enough: 1 499 999.99 of 3 000 000.00 is less than half.
    const short = commitment([{ transferredOn: '2026-01-20', amountCents: 1499999 }])
    assert.notInclude(codes(short, '2026-06-29'), 'half_not_transferred')
    assert.include(codes(short, '2026-06-30'), 'half_not_transferred')
    const flag = flagsFor(short, '2026-06-30').find((f) => f.code === 'half_not_transferred')!
    assert.deepEqual(flag.detail, {
      by: '2026-06-30',
      committedCents: 3000000,
      transferredCents: 1499999,
    })
    // Exactly half is enough.
    const half = commitment([{ transferredOn: '2026-01-20', amountCents: 1500000 }])
    assert.notInclude(codes(half, '2026-06-30'), 'half_not_transferred')
    // Odd commitments compare exactly: half of 0.03 is 0.015, so 0.01 is short and 0.02 is not.
    const odd = (cents: number) =>
      facts({
        commitments: [
          {
            id: 1,
            committedOn: '2025-12-20',
            amountCents: 3,
            transfers: [{ transferredOn: '2026-01-20', amountCents: cents }],
          },
        ],
      })
    assert.include(codes(odd(1), '2026-07-01'), 'half_not_transferred')
    assert.notInclude(codes(odd(2), '2026-07-01'), 'half_not_transferred')
    // A transfer dated after today has not happened yet.
    const future = commitment([{ transferredOn: '2026-07-10', amountCents: 3000000 }])
    assert.include(codes(future, '2026-07-01'), 'half_not_transferred')
    assert.notInclude(codes(future, '2026-07-10'), 'half_not_transferred')
    // Several commitments count together for the year.
    const two = facts({
      commitments: [
        {
          id: 1,
          committedOn: '2025-12-20',
          amountCents: 1000000,
          transfers: [{ transferredOn: '2026-01-20', amountCents: 1000000 }],
        },
        { id: 2, committedOn: '2026-03-01', amountCents: 2000001, transfers: [] },
      ],
    })
    assert.include(codes(two, '2026-06-30'), 'half_not_transferred')
  })

  test('after 31 December, any commitment not fully transferred', ({ assert }) => {
    const almost = facts({
      commitments: [
        {
          id: 1,
          committedOn: '2025-12-20',
          amountCents: 3000000,
          transfers: [
            { transferredOn: '2026-01-20', amountCents: 2000000 },
            { transferredOn: '2026-12-31', amountCents: 999999 },
          ],
        },
      ],
    })
    assert.notInclude(codes(almost, '2026-12-31'), 'not_fully_transferred')
    assert.include(codes(almost, '2027-01-01'), 'not_fully_transferred')
    const flag = flagsFor(almost, '2027-01-01').find((f) => f.code === 'not_fully_transferred')!
    assert.deepEqual(flag.detail, {
      by: '2026-12-31',
      committedCents: 3000000,
      transferredCents: 2999999,
      missingCents: 1,
    })
    // Transferred in full: no flag, even years later.
    assert.notInclude(codes(facts(), '2028-03-01'), 'not_fully_transferred')
    // No commitment, nothing to transfer.
    assert.notInclude(
      codes(facts({ commitments: [], targetStateShareBp: null }), '2027-01-01'),
      'not_fully_transferred'
    )
  })

  test('first transfer later than 30 days into the year', ({ assert }) => {
    const onTime = facts()
    assert.notInclude(codes(onTime, '2026-11-28'), 'late_first_transfer')
    const onTheThirtiethDay = facts({
      commitments: [
        {
          id: 1,
          committedOn: '2025-12-01',
          amountCents: 3000000,
          transfers: [{ transferredOn: '2026-01-31', amountCents: 3000000 }],
        },
      ],
    })
    assert.notInclude(codes(onTheThirtiethDay, '2026-11-28'), 'late_first_transfer')
    const late = facts({
      commitments: [
        {
          id: 1,
          committedOn: '2025-12-01',
          amountCents: 3000000,
          transfers: [
            { transferredOn: '2026-03-02', amountCents: 1000000 },
            { transferredOn: '2026-02-01', amountCents: 2000000 },
          ],
        },
      ],
    })
    const flag = flagsFor(late, '2026-11-28').find((f) => f.code === 'late_first_transfer')!
    assert.deepEqual(flag.detail, {
      deadline: '2026-01-31',
      firstTransferOn: '2026-02-01',
      daysLate: 1,
    })
    // 1 January + 30 days is 31 January: a first transfer that day is in time, 1 February is late.
    // Nothing transferred yet: late from 1 February, not before.
    const waiting = facts({
      commitments: [{ id: 1, committedOn: '2025-12-01', amountCents: 3000000, transfers: [] }],
    })
    assert.notInclude(codes(waiting, '2026-01-31'), 'late_first_transfer')
    assert.include(codes(waiting, '2026-02-01'), 'late_first_transfer')
    // No commitment, no expectation of a transfer.
    assert.notInclude(
      codes(facts({ commitments: [], targetStateShareBp: null }), '2026-11-28'),
      'late_first_transfer'
    )
  })

  test('donor funding ends before state funding reaches the target', ({ assert }) => {
    // Sub-grants end in February 2027; the state commits 70 % of 2027's need, the handover ends at 100 %.
    const year2027 = facts({
      year: 2027,
      targetStateShareBp: 7000,
      donorEndsOn: '2027-02-28',
      commitments: [{ id: 1, committedOn: '2026-12-15', amountCents: 4200000, transfers: [] }],
    })
    const flag = flagsFor(year2027, '2026-11-28').find(
      (f) => f.code === 'donor_ends_before_target'
    )!
    assert.deepEqual(flag.detail, {
      donorEndsOn: '2027-02-28',
      targetBp: 10000,
      stateShareBp: 7000,
    })
    // Committed in full: no flag.
    const covered = facts({
      ...year2027,
      commitments: [{ id: 1, committedOn: '2026-12-15', amountCents: 6000000, transfers: [] }],
    })
    assert.notInclude(codes(covered, '2026-11-28'), 'donor_ends_before_target')
    // The year before donors leave is not flagged.
    assert.notInclude(
      codes(facts({ donorEndsOn: '2027-02-28' }), '2026-11-28'),
      'donor_ends_before_target'
    )
    // Ending the day before the last day of the year is before: flagged.
    assert.include(
      codes({ ...year2027, donorEndsOn: '2027-12-30' }, '2026-11-28'),
      'donor_ends_before_target'
    )
    // Sub-grants running to the last day of the year still cover it.
    assert.notInclude(
      codes({ ...year2027, donorEndsOn: '2027-12-31' }, '2026-11-28'),
      'donor_ends_before_target'
    )
    // Without sub-grants there is no donor funding to end.
    assert.notInclude(
      codes({ ...year2027, donorEndsOn: null }, '2026-11-28'),
      'donor_ends_before_target'
    )
  })

  test('under-committed: state funding committed or transferred below the year target', ({
    assert,
  }) => {
    const short = facts({
      commitments: [
        {
          id: 1,
          committedOn: '2025-12-20',
          amountCents: 2999999,
          transfers: [{ transferredOn: '2026-01-20', amountCents: 2999999 }],
        },
      ],
    })
    const flag = flagsFor(short, '2026-11-28').find((f) => f.code === 'under_committed')!
    assert.deepEqual(flag.detail, { targetBp: 5000, committedShareBp: 4999, missingCents: 1 })
    assert.notInclude(codes(facts(), '2026-11-28'), 'under_committed')
    assert.notInclude(
      codes(facts({ ...short, targetStateShareBp: null }), '2026-11-28'),
      'under_committed'
    )
  })

  test('shelter without an active licence', ({ assert }) => {
    const suspended: LicenceFacts = {
      ...licence,
      decisions: [{ kind: 'suspended', effectiveOn: '2026-10-01' }],
    }
    // This year and later: no active licence today.
    assert.include(codes(facts({ licences: [suspended] }), '2026-11-28'), 'unlicensed')
    assert.notInclude(codes(facts({ licences: [suspended] }), '2026-09-30'), 'unlicensed')
    assert.include(codes(facts({ year: 2027, licences: [] }), '2026-11-28'), 'unlicensed')
    // An earlier year: a transfer was made on a day without a licence.
    const lateLicence: LicenceFacts = { ...licence, issuedOn: '2025-03-01' }
    const year2025 = facts({
      year: 2025,
      licences: [lateLicence],
      commitments: [
        {
          id: 1,
          committedOn: '2024-12-01',
          amountCents: 1000000,
          transfers: [
            { transferredOn: '2025-01-20', amountCents: 500000 },
            { transferredOn: '2025-04-20', amountCents: 500000 },
          ],
        },
      ],
    })
    const flag = flagsFor(year2025, '2026-11-28').find((f) => f.code === 'unlicensed')!
    assert.deepEqual(flag.detail, { on: '2025-01-20' })
    assert.notInclude(codes({ ...year2025, licences: [licence] }, '2026-11-28'), 'unlicensed')
  })
})

test.group('Handover plan: risk and the national view', () => {
  const row = (name: string, position: Position) => ({ name, position })

  test('shelters sort by the weight of their flags, then the unfunded share, then name', ({
    assert,
  }) => {
    const today = '2026-11-28'
    const ok = positionFor(facts(), today)
    const wideGap = positionFor(facts({ donorCents: 0 }), today)
    const unlicensed = positionFor(facts({ licences: [] }), today)
    const late = positionFor(
      facts({
        commitments: [
          {
            id: 1,
            committedOn: '2025-12-01',
            amountCents: 3000000,
            transfers: [{ transferredOn: '2026-03-01', amountCents: 3000000 }],
          },
        ],
      }),
      today
    )
    const unknown = positionFor(facts({ needCents: null }), today)
    assert.equal(gapShareBp(wideGap), 4416)
    assert.deepEqual(
      byRisk([
        row('B ok', ok),
        row('A ok', ok),
        row('Unknown need', unknown),
        row('Gap', wideGap),
        row('Late', late),
        row('Unlicensed', unlicensed),
      ]).map((r) => r.name),
      ['Unlicensed', 'Late', 'Gap', 'A ok', 'B ok', 'Unknown need']
    )
  })

  test('the national gap is the sum of the shortfalls; a surplus never offsets one', ({
    assert,
  }) => {
    const today = '2026-11-28'
    // Funding of facts(): 58 500.00 (state 30 000, donor 25 000, others 3 500).
    const surplus = positionFor(facts({ needCents: 4000000 }), today) // 18 500.00 over
    const shortA = positionFor(facts({ needCents: 6000000 }), today) // 1 500.00 short
    const shortB = positionFor(facts({ needCents: 10000001, donorCents: 0 }), today) // 66 500.01
    assert.equal(surplus.gapCents, -1850000)
    assert.equal(surplus.shortfallCents, 0)
    assert.equal(surplus.surplusCents, 1850000)
    assert.equal(shortA.shortfallCents, 150000)
    assert.equal(shortA.surplusCents, 0)
    assert.equal(shortB.shortfallCents, 6650001)
    const national = nationalPosition(2026, [surplus, shortA, shortB])
    assert.equal(national.gapCents, 150000 + 6650001)
    assert.equal(national.surplusCents, 1850000)
    assert.equal(national.sheltersShort, 2)
    assert.equal(national.sheltersInSurplus, 1)
    // Netting would have shown 49 800.01; the gap stays 68 000.01.
    assert.notEqual(national.gapCents, surplus.gapCents! + shortA.gapCents! + shortB.gapCents!)
    // A shelter without a known need adds to neither.
    const withUnknown = nationalPosition(2026, [
      surplus,
      shortA,
      shortB,
      positionFor(facts({ needCents: null }), today),
    ])
    assert.equal(withUnknown.gapCents, 6800001)
    assert.equal(withUnknown.surplusCents, 1850000)
  })

  test('national totals are the sums of the shelters', ({ assert }) => {
    const today = '2026-11-28'
    const positions = [
      positionFor(facts(), today),
      positionFor(facts({ needCents: 4000001, donorCents: 1, licences: [] }), today),
      positionFor(facts({ needCents: null }), today),
    ]
    const national = nationalPosition(2026, positions)
    assert.equal(national.shelters, 3)
    assert.equal(national.sheltersWithoutNeed, 1)
    assert.equal(national.needCents, 10000001)
    assert.equal(national.funding.donor, 2500000 + 1 + 2500000)
    assert.equal(
      national.funding.total,
      positions.reduce((total, p) => total + p.funding.total, 0)
    )
    assert.equal(national.transferredCents, 9000000)
    assert.equal(national.gapCents, positions[0].gapCents! + positions[1].gapCents!)
    // Σ transfers of the shelters with a need / Σ need: 6 000 000 / 10 000 001.
    assert.equal(national.stateShareBp, 5999)
    assert.equal(national.flagged.unlicensed, 1)
  })
})
