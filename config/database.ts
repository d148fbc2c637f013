import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'

/*
| SQLite (a file under tmp/) is the embedded default; PostgreSQL is used when
| DB_CONNECTION=pg. The same migrations run on both.
*/
const migrations = { naturalSort: true, paths: ['database/migrations'] }
/* Models declare their columns; no generated schema file. */
const schemaGeneration = { enabled: false }

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: true,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: app.tmpPath(env.get('DB_SQLITE_FILE', 'db.sqlite3')),
      },
      useNullAsDefault: true,
      /*
       * Write-ahead logging lets readers go on while one request writes, and
       * NORMAL sync is durable at each checkpoint in that mode; a writer
       * waits for the lock instead of failing at once.
       */
      pool: {
        afterCreate: (connection: { exec: (sql: string) => void }, done: () => void) => {
          connection.exec(
            'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000'
          )
          done()
        },
      },
      migrations,
      schemaGeneration,
      debug: false,
    },
    pg: {
      client: 'pg',
      connection: {
        host: env.get('DB_HOST', '127.0.0.1'),
        port: env.get('DB_PORT', 5432),
        user: env.get('DB_USER', 'postgres'),
        password: env.get('DB_PASSWORD', ''),
        database: env.get('DB_DATABASE', 'shelter_grants'),
      },
      pool: { min: 0, max: 10 },
      migrations,
      schemaGeneration,
      debug: false,
    },
  },
})

export default dbConfig
