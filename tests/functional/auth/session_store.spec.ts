import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { configProvider } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { throttledDatabaseStore, TOUCH_RESOLUTION_MS } from '#services/session_store'
import type {
  ResolvedSessionConfig,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'

/** The database store of config/session.ts, on the sessions table. */
async function databaseStore(age = '30 mins') {
  const factory = await configProvider.resolve<
    (ctx: null, config: Pick<ResolvedSessionConfig, 'age'>) => SessionStoreWithTaggingContract
  >(app, throttledDatabaseStore({ tableName: 'sessions', gcProbability: 0 }))
  return factory!(null, { age })
}

test.group('The sessions table behind the database store', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('stores, tags, lists and deletes sessions', async ({ assert }) => {
    const store = await databaseStore()
    await store.tag('session-a', '41')
    await store.write('session-a', { auth_web: 41 })
    await store.write('session-b', { auth_web: 41 })
    await store.tag('session-b', '41')
    await store.write('session-c', { auth_web: 42 })
    await store.tag('session-c', '42')

    assert.deepEqual(await store.read('session-a'), { auth_web: 41 })
    const tagged = await store.tagged('41')
    assert.sameMembers(
      tagged.map((session) => session.id),
      ['session-a', 'session-b']
    )

    await store.destroy('session-a')
    assert.isNull(await store.read('session-a'))
    assert.deepEqual(await store.read('session-c'), { auth_web: 42 })
  })

  test('an idle session past its expiry is gone', async ({ assert }) => {
    const store = await databaseStore('1 sec')
    await store.write('session-old', { auth_web: 7 })
    await store.tag('session-old', '7')
    await db
      .from('sessions')
      .where('id', 'session-old')
      .update({ expires_at: new Date(Date.now() - 1000) })

    assert.isNull(await store.read('session-old'))
    assert.deepEqual(await store.tagged('7'), [])
  })

  test('an unchanged session renews its expiry at most once a minute', async ({ assert }) => {
    const expiresAt = async () => {
      const row = await db.from('sessions').where('id', 'session-t').first()
      return new Date(row.expires_at).getTime()
    }
    const writer = await databaseStore()
    await writer.write('session-t', { auth_web: 9 })
    const written = await expiresAt()

    /* Read, then touched by the same request: renewed moments ago, no write. */
    const fresh = await databaseStore()
    assert.deepEqual(await fresh.read('session-t'), { auth_web: 9 })
    await db
      .from('sessions')
      .where('id', 'session-t')
      .update({ expires_at: new Date(written - 5000) })
    await fresh.touch('session-t')
    assert.equal(await expiresAt(), written - 5000)

    /* Renewed longer ago than the resolution: the touch writes the new expiry. */
    await db
      .from('sessions')
      .where('id', 'session-t')
      .update({ expires_at: new Date(written - TOUCH_RESOLUTION_MS - 1000) })
    const later = await databaseStore()
    assert.deepEqual(await later.read('session-t'), { auth_web: 9 })
    await later.touch('session-t')
    assert.isAtLeast(await expiresAt(), written)
  })
})
