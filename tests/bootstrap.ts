import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { AuthCache } from '#services/auth_cache'
import { dbAssertions } from '@adonisjs/lucid/plugins/db'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { chromium } from 'playwright'

/** Debian's Chromium; the playwright package downloads no browser of its own. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  dbAssertions(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    launcher: (options) =>
      chromium.launch({
        ...options,
        headless: true,
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
]

/**
 * The schema is migrated once for the run, and rolled back at the end.
 * Each test group wraps its tests in a global transaction.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => testUtils.db().migrate()],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (suite.name === 'concurrency') {
    // Its data is committed. On SQLite it is deleted when the suite ends, so the run's
    // final rollback of the schema never meets rows that still reference a dropped
    // table (SQLite checks foreign keys on DROP TABLE; PostgreSQL drops in order).
    // The audit trail is append-only and stays.
    suite.teardown(async () => {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const connection = db.connection()
      if (connection.dialect.name !== 'postgres') {
        await connection.dialect.truncateAllTables([
          'audit_events',
          'adonis_schema',
          'adonis_schema_versions',
        ])
      }
    })
  }
  if (['browser', 'functional', 'concurrency'].includes(suite.name)) {
    /* Every test comes from 127.0.0.1: start each with fresh login counters. */
    /* Rows rolled back between tests leave their ids free: the auth cache starts empty too. */
    const fresh = () => {
      AuthCache.forgetAll()
      return limiter.clear()
    }
    suite.onGroup((group) => group.each.setup(fresh))
    suite.onTest((t) => t.setup(fresh))
    return suite.setup(() => testUtils.httpServer().start())
  }
}
