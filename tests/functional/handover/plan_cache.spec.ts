import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { defaultProgrammeSettings } from '#domain/settings/programme_settings'
import HandoverNeed from '#models/handover_need'
import Licence from '#models/licence'
import ProgrammeSettingsVersion from '#models/programme_settings_version'
import { HandoverPlan } from '#queries/handover_plan'
import { DataVersion } from '#services/figure_cache'
import { makeLicence, makeMember, makeOrganisation, makeShelter } from '#tests/helpers'

const today = '2026-07-15'

/** A shelter NGO with one open shelter of 12 beds, and an MLSW official who records for it. */
async function world() {
  const ministry = await makeOrganisation('ministry', 'Ministry of Labour and Social Welfare')
  const official = await makeMember(ministry, 'mlsw_official')
  const ngo = await makeOrganisation('ngo', 'Shelter NGO')
  const shelter = await makeShelter(ngo, 'Cached Shelter')
  return { official, ngo, shelter }
}

function yearIn(plan: HandoverPlan, shelterId: number, year = 2026) {
  const shelter = plan.shelters.find((s) => s.shelter.id === shelterId)!
  return shelter.years.find((y) => y.year === year)!
}

async function yearOf(shelterId: number, year = 2026) {
  return yearIn(await HandoverPlan.load({ today }), shelterId, year)
}

async function needOf(shelterId: number) {
  const year = await yearOf(shelterId)
  return year.need.amountCents
}

async function fundingOf(shelterId: number, source: 'municipality' | 'own_income') {
  const year = await yearOf(shelterId)
  return year.position.funding[source]
}

test.group('Handover plan: kept by data version, read again after every write', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the same plan while nothing is written; a model write shows at once', async ({
    assert,
  }) => {
    const { official, shelter } = await world()
    const first = await HandoverPlan.load({ today })
    assert.strictEqual(await HandoverPlan.load({ today }), first, 'kept while nothing changed')
    assert.isNull(await needOf(shelter.id))

    await HandoverNeed.create({
      shelterId: shelter.id,
      year: 2026,
      method: 'entered',
      occupancyBp: 7500,
      currency: 'EUR',
      amountCents: 9_000_000,
      justification: 'MLSW norm for 2026',
      setById: official.id,
    })
    assert.notStrictEqual(await HandoverPlan.load({ today }), first)
    assert.equal(await needOf(shelter.id), 9_000_000)

    /* A raw update, past the models. */
    await db.rawQuery('UPDATE handover_needs SET amount_cents = ? WHERE shelter_id = ?', [
      8_000_000,
      shelter.id,
    ])
    assert.equal(await needOf(shelter.id), 8_000_000)
  })

  test('query-builder writes of funding and a new settings version show at once', async ({
    assert,
  }) => {
    const { official, shelter } = await world()
    assert.equal(await fundingOf(shelter.id, 'municipality'), 0)

    await db.table('handover_other_funding').insert({
      shelter_id: shelter.id,
      year: 2026,
      source: 'municipality',
      funder_name: 'Municipality of Prishtina',
      currency: 'EUR',
      amount_cents: 250_000,
      recorded_by_id: official.id,
      created_at: new Date(),
    })
    assert.equal(await fundingOf(shelter.id, 'municipality'), 250_000)

    await db.from('handover_other_funding').where('shelter_id', shelter.id).delete()
    assert.equal(await fundingOf(shelter.id, 'municipality'), 0)

    /* A bed-year norm in force from 2026: the need of a shelter without an entry follows it. */
    await ProgrammeSettingsVersion.create({
      effectiveFrom: DateTime.fromISO('2026-01-01'),
      values: { ...defaultProgrammeSettings, bedYearNormCents: 500_000 },
      createdById: official.id,
    })
    assert.equal(await needOf(shelter.id), 500_000 * 12)
  })

  test('a licence recorded or revoked changes the flags at once', async ({ assert }) => {
    const { official, ngo, shelter } = await world()
    const flagged = async () => {
      const year = await yearOf(shelter.id)
      return year.position.flags.some((f) => f.code === 'unlicensed')
    }
    await HandoverNeed.create({
      shelterId: shelter.id,
      year: 2026,
      method: 'entered',
      occupancyBp: 7500,
      currency: 'EUR',
      amountCents: 9_000_000,
      justification: 'MLSW norm for 2026',
      setById: official.id,
    })
    const before = await flagged()
    const licence = await makeLicence(ngo, official, {
      issuedOn: '2025-01-01',
      validUntil: '2027-12-31',
    })
    const licensed = await flagged()
    await Licence.query().where('id', licence.id).delete()
    assert.equal(await flagged(), before, 'back to the figure without the licence')
    assert.notEqual(licensed, before, 'the licence changes the flag')
  })

  test('a transaction rolled back leaves no figure of its own behind', async ({ assert }) => {
    const { official, shelter } = await world()
    const { default: HandoverOtherFunding } = await import('#models/handover_other_funding')
    const undone = await db
      .transaction(async (trx) => {
        await HandoverOtherFunding.create(
          {
            shelterId: shelter.id,
            year: 2026,
            source: 'own_income',
            funderName: 'Shop',
            currency: 'EUR',
            amountCents: 120_000,
            recordedById: official.id,
          },
          { client: trx }
        )
        /* Read during the transaction: with it, and by the default connection. */
        const within = await HandoverPlan.load({ today, client: trx })
        assert.equal(yearIn(within, shelter.id).position.funding.own_income, 120_000)
        const shared = await HandoverPlan.load({ today })
        assert.equal(yearIn(shared, shelter.id).position.funding.own_income, 120_000)
        throw new Error('undo')
      })
      .catch((error: Error) => error)
    assert.equal((undone as Error).message, 'undo')
    assert.equal(await fundingOf(shelter.id, 'own_income'), 0)
  })
})

test.group('Data version: which statements move it', () => {
  test('writes move it, reads and bookkeeping do not; a transaction that wrote moves it at its end', ({
    assert,
  }) => {
    const at = () => DataVersion.current
    let before = at()
    DataVersion.observe({ sql: 'select * from "grants" where "id" = ?' })
    DataVersion.observe({ sql: 'update "sessions" set "expires_at" = ?' })
    DataVersion.observe({ sql: 'UPDATE auth_access_tokens SET last_used_at = ?' })
    DataVersion.observe({ sql: 'BEGIN;', __knexUid: 'c1', __knexTxId: 'trx1' })
    DataVersion.observe({ sql: 'COMMIT;', __knexUid: 'c1', __knexTxId: 'trx1' })
    assert.equal(at(), before, 'reads, bookkeeping and a transaction without writes')

    DataVersion.observe({ sql: 'insert into "handover_needs" ("year") values (?)' })
    assert.equal(at(), before + 1)
    before = at()
    const inTransaction = { __knexUid: 'c2', __knexTxId: 'trx2' }
    DataVersion.observe({ sql: 'delete from `licences` where `id` = ?', ...inTransaction })
    assert.equal(at(), before + 1, 'at the write')
    /* A nested transaction ends; knex leaves its id on the connection for the outer COMMIT. */
    DataVersion.observe({ sql: 'RELEASE SAVEPOINT trx3;', __knexUid: 'c2', __knexTxId: 'trx3' })
    assert.equal(at(), before + 2, 'when a savepoint ends')
    DataVersion.observe({ sql: 'COMMIT;', __knexUid: 'c2', __knexTxId: 'trx3' })
    assert.equal(at(), before + 3, 'and when the transaction ends')
    DataVersion.observe({ sql: 'ROLLBACK', ...inTransaction })
    assert.equal(at(), before + 3, 'once')
  })
})
