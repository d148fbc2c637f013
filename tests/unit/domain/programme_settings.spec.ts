import { test } from '@japa/runner'
import { resolveNeed } from '#domain/handover/need'
import {
  changedSettings,
  defaultProgrammeSettings,
  settingsInForce,
  settingsProblems,
  versionInForce,
} from '#domain/settings/programme_settings'

const v = (effectiveFrom: string, flexibilityBp: number) => ({
  effectiveFrom,
  values: { ...defaultProgrammeSettings, flexibilityBp },
})

test.group('Programme settings: the version in force at a date', () => {
  test('the newest version that took effect on or before the date', ({ assert }) => {
    const versions = [v('2027-01-01', 1000), v('2000-01-01', 2500), v('2026-06-15', 2000)]
    assert.isNull(versionInForce(versions, '1999-12-31'))
    assert.equal(versionInForce(versions, '2000-01-01')!.values.flexibilityBp, 2500)
    assert.equal(versionInForce(versions, '2026-06-14')!.values.flexibilityBp, 2500)
    assert.equal(versionInForce(versions, '2026-06-15')!.values.flexibilityBp, 2000)
    assert.equal(versionInForce(versions, '2026-12-31')!.values.flexibilityBp, 2000)
    assert.equal(versionInForce(versions, '2027-01-01')!.values.flexibilityBp, 1000)
    assert.equal(versionInForce(versions, '2099-01-01')!.values.flexibilityBp, 1000)
  })

  test('the DOMAIN-RULES defaults before any version, and for values a version lacks', ({
    assert,
  }) => {
    assert.deepEqual(settingsInForce([], '2026-12-03'), defaultProgrammeSettings)
    const old = { effectiveFrom: '2026-01-01', values: { flexibilityBp: 1500 } as never }
    const inForce = settingsInForce([old], '2026-12-03')
    assert.equal(inForce.flexibilityBp, 1500)
    assert.equal(inForce.maxFunderShareBp, 9500)
    assert.equal(inForce.maxPerThirdPartyCents, 6_000_000)
    assert.equal(inForce.prefinancingCapBp, 9000)
    assert.equal(inForce.publicationMinimum, 5)
    assert.deepEqual(inForce.licenceReminderDays, [90, 60, 30, 0])
  })

  test('a date that is not YYYY-MM-DD is refused', ({ assert }) => {
    assert.throws(() => versionInForce([], '2026-1-3'), /ISO date/)
  })

  test('cross-field rules: the action ends after it starts; F share + co-financing = 100 %', ({
    assert,
  }) => {
    assert.deepEqual(settingsProblems(defaultProgrammeSettings), [])
    assert.deepEqual(
      settingsProblems({
        ...defaultProgrammeSettings,
        actionEndsOn: defaultProgrammeSettings.actionStartsOn,
        maxFunderShareBp: 9000,
      }),
      [
        { field: 'actionEndsOn', rule: 'ends_before_start' },
        { field: 'cofinancingMinBp', rule: 'share_sum' },
      ]
    )
  })

  test('lists what changed between two versions', ({ assert }) => {
    assert.deepEqual(
      changedSettings(defaultProgrammeSettings, {
        ...defaultProgrammeSettings,
        flexibilityBp: 2000,
        licenceReminderDays: [60, 30],
      }),
      ['flexibilityBp', 'licenceReminderDays']
    )
  })
})

test.group('Programme settings: the handover need with the settings of the plan year', () => {
  const noReports = { operatingCostCents: 0, bedDays: 0, reports: 0 }

  test('without a verified cost or an entered norm, the bed-year norm × beds', ({ assert }) => {
    const need = resolveNeed(null, noReports, 12, { occupancyBp: 7500, bedYearNormCents: 650000 })
    assert.equal(need.amountCents, 7_800_000)
    assert.equal(need.method, 'entered')
    assert.isTrue(need.withoutVerifiedCost)
    assert.isNull(resolveNeed(null, noReports, 12).amountCents)
  })

  test('the occupancy in force is used when the MLSW set none', ({ assert }) => {
    const basis = { operatingCostCents: 5940000, bedDays: 3650, reports: 1 }
    assert.equal(
      resolveNeed(null, basis, 10, { occupancyBp: 10_000, bedYearNormCents: null }).amountCents,
      5940000
    )
    assert.equal(resolveNeed(null, basis, 10).amountCents, 4455000)
  })
})
