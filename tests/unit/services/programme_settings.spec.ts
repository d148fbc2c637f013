import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { defaultProgrammeSettings } from '#domain/settings/programme_settings'
import { ProgrammeSettingsLookup } from '#services/programme_settings'

const schedule = (effectiveFrom: string, flexibilityBp: number, today = '2026-12-03') =>
  new ScheduleProgrammeSettings().handle(
    { ...defaultProgrammeSettings, effectiveFrom, flexibilityBp },
    null,
    null,
    today
  )

const flexibility = (lookup: ProgrammeSettingsLookup, date: string) =>
  lookup.at(date).then((settings) => settings.flexibilityBp)

test.group('Programme settings: the lookup by date', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('answers the version in force on each date, the defaults before any', async ({ assert }) => {
    const lookup = new ProgrammeSettingsLookup()
    assert.equal(await flexibility(lookup, '2026-12-03'), 2500)
    assert.isTrue(await new ScheduleProgrammeSettings().ensureDefaults(null))
    assert.isFalse(await new ScheduleProgrammeSettings().ensureDefaults(null))
    assert.isTrue(await schedule('2027-01-01', 2000).then((result) => result.ok))
    assert.isTrue(await schedule('2028-01-01', 1000).then((result) => result.ok))

    const fresh = new ProgrammeSettingsLookup()
    assert.equal(await flexibility(fresh, '1999-12-31'), 2500)
    assert.equal(await flexibility(fresh, '2026-12-31'), 2500)
    assert.equal(await flexibility(fresh, '2027-01-01'), 2000)
    assert.equal(await flexibility(fresh, '2027-12-31'), 2000)
    assert.equal(await flexibility(fresh, '2028-01-01'), 1000)
  })

  test('reads once per lookup; forget() sees a new version', async ({ assert }) => {
    const lookup = new ProgrammeSettingsLookup()
    assert.equal(await flexibility(lookup, '2030-01-01'), 2500)
    await schedule('2029-01-01', 1500)
    assert.equal(await flexibility(lookup, '2030-01-01'), 2500, 'cached for the request')
    lookup.forget()
    assert.equal(await flexibility(lookup, '2030-01-01'), 1500)
  })

  test('a version cannot take effect before today, nor replace one already in force', async ({
    assert,
  }) => {
    assert.deepEqual(await schedule('2026-12-02', 2000), {
      ok: false,
      errors: { effectiveFrom: 'effective_in_past' },
    })
    assert.isTrue(await schedule('2026-12-03', 2000).then((result) => result.ok))
    assert.deepEqual(await schedule('2026-12-03', 1000), {
      ok: false,
      errors: { effectiveFrom: 'effective_taken' },
    })
    // Tomorrow's version may still be replaced today.
    assert.isTrue(await schedule('2026-12-04', 1000).then((result) => result.ok))
    const replaced = await schedule('2026-12-04', 1200)
    assert.isTrue(replaced.ok && replaced.replaced)
  })
})
