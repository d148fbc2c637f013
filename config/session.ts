import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { throttledDatabaseStore } from '#services/session_store'

/**
 * Sessions live on the server (the `sessions` table by default, Redis for
 * several instances): signing out or changing the password deletes them,
 * so a copied cookie stops working. The cookie only carries the id.
 *
 * `age` is the idle timeout: requests push the expiry forward (the database
 * store at most once a minute for an unchanged session).
 * The absolute timeout since sign-in (SESSION_MAX_AGE) is enforced by the
 * silent auth middleware, whatever the store.
 */
export const sessionTimeouts = {
  idle: env.get('SESSION_IDLE_TIMEOUT', '30 mins'),
  absolute: env.get('SESSION_MAX_AGE', '12 hours'),
}

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'sg-session',
  clearWithBrowser: false,
  age: sessionTimeouts.idle,
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    /* The stock database store, writing an unchanged session's expiry at most once a minute. */
    database: throttledDatabaseStore({ tableName: 'sessions', gcProbability: 2 }),
    /* Only for throwaway setups: a cookie store cannot be ended on the server. */
    cookie: stores.cookie(),
    /* Several instances share sessions through Redis. */
    redis: stores.redis({ connection: 'main' }),
  },
})

export default sessionConfig
