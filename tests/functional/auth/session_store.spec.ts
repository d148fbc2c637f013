import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { configProvider } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { stores } from '@adonisjs/session'
import type {
  ResolvedSessionConfig,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'

/** The database store of config/session.ts, on the sessions table. */
async function databaseStore(age = '30 mins') {
  const factory = await configProvider.resolve<
    (ctx: null, config: Pick<ResolvedSessionConfig, 'age'>) => SessionStoreWithTaggingContract
  >(app, stores.database({ tableName: 'sessions', gcProbability: 0 }))
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
})
