import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ScheduleProgrammeSettings } from '#actions/settings/schedule_programme_settings'
import { defaultProgrammeSettings } from '#domain/settings/programme_settings'
import { defaultStateShareBp } from '#domain/handover/targets'
import HandoverTarget from '#models/handover_target'
import { todayInKosovo } from '#services/clock'
import { makeSignedGrant } from '#tests/grant_fixtures'
import { makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

/** A path of nine distinct steps, so every year of the plan shows which one it took. */
const newPath = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]

test.group('Programme settings: the default handover target path', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a shelter without its own target follows the path in force on 1 January of the year', async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    /* The action starts on 1 January 2026 (the settings' default): the path's first year is 2026. */
    await makeSignedGrant({ startsOn: '2025-03-01', endsOn: '2028-02-29' })
    const ngo = await makeOrganisation('ngo', 'Shelter NGO')
    const shelter = await makeShelter(ngo, 'Shelter P')
    const own = await makeShelter(await makeOrganisation('ngo', 'Other NGO'), 'Shelter O')

    const today = todayInKosovo()
    const thisYear = Number(today.slice(0, 4))
    const nextYear = thisYear + 1
    await HandoverTarget.create({
      shelterId: own.id,
      year: nextYear,
      stateShareBp: 4200,
      municipalShareBp: null,
      setById: official.id,
    })
    const targets = async (shelterId: number) => {
      const response = await client
        .get(`/api/v1/handover/shelters/${shelterId}`)
        .withGuard('api')
        .loginAs(official)
      response.assertStatus(200)
      const years: { year: number; target: { stateShareBp: number; source: string } }[] =
        response.body().data.years
      return new Map(years.map((y) => [y.year, y.target]))
    }

    const before = await targets(shelter.id)
    assert.equal(before.get(nextYear)?.stateShareBp, defaultStateShareBp(nextYear, 2026))
    assert.isFalse(before.has(2026 + newPath.length - 1))

    const result = await new ScheduleProgrammeSettings().handle(
      { ...defaultProgrammeSettings, effectiveFrom: today, handoverTargetPathBp: newPath },
      admin,
      '127.0.0.1'
    )
    assert.isTrue(result.ok)

    const after = await targets(shelter.id)
    /* This year began under the old path and keeps it; next year takes the new one. */
    assert.deepInclude(after.get(thisYear), {
      stateShareBp: defaultStateShareBp(thisYear, 2026),
      source: 'default',
    })
    assert.deepInclude(after.get(nextYear), {
      stateShareBp: defaultStateShareBp(nextYear, 2026, newPath),
      source: 'default',
    })
    /* The plan runs to the new path's last step. */
    assert.isTrue(after.has(2026 + newPath.length - 1))
    /* A shelter's own row still wins over the path. */
    const ownAfter = await targets(own.id)
    assert.deepInclude(ownAfter.get(nextYear), { stateShareBp: 4200, source: 'shelter' })
  })

  test("the path's first year follows the action's start in the settings, not the grants' dates", async ({
    client,
    assert,
  }) => {
    const admin = await makeMember(await makeOrganisation('contracting_authority'), 'admin')
    const official = await makeMember(await makeOrganisation('ministry'), 'mlsw_official')
    await makeSignedGrant({ startsOn: '2025-03-01', endsOn: '2028-02-29' })
    const shelter = await makeShelter(await makeOrganisation('ngo', 'Shelter NGO'), 'Shelter P')
    const targets = async () => {
      const response = await client
        .get(`/api/v1/handover/shelters/${shelter.id}`)
        .withGuard('api')
        .loginAs(official)
      response.assertStatus(200)
      const years: { year: number; target: { stateShareBp: number | null } }[] =
        response.body().data.years
      return new Map(years.map((y) => [y.year, y.target.stateShareBp]))
    }
    const before = await targets()
    assert.equal(before.get(2026), defaultStateShareBp(2026, 2026))

    /* The action is recorded as starting in March 2027: its path begins in 2028. */
    const result = await new ScheduleProgrammeSettings().handle(
      {
        ...defaultProgrammeSettings,
        effectiveFrom: todayInKosovo(),
        actionStartsOn: '2027-03-01',
        actionEndsOn: '2030-12-31',
      },
      admin,
      '127.0.0.1'
    )
    assert.isTrue(result.ok)
    const after = await targets()
    assert.isNull(after.get(2027) ?? null)
    assert.equal(after.get(2028), defaultStateShareBp(2028, 2028))
  })
})
