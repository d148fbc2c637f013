// `npm run bench:import`: a 50 000-line CSV expense import through the API of
// the production build while autocannon measures GET /login, next to a bare
// node:http server measured in the same run.
//
//   npm run bench:import -- [--db=sqlite|pg|both] [--lines=50000] [--connections=10]
//                           [--rebuild] [--write]
//
// Builds the app like scripts/bench.js (`node ace build`, reused unless
// --rebuild), migrates and seeds the demo into tmp/import-load.sqlite3 or the
// PostgreSQL database IMPORT_LOAD_DB_DATABASE (default sg_import_load, dropped
// and created again), starts `node bin/server.js` with NODE_ENV=production,
// and reports:
//   - bare node:http hello and GET /login with nothing else running (idle);
//   - GET /login while the import runs (from the upload until the import is done);
//   - the import's duration, end to end: upload → 202 → job `done` (API polled);
//   - the progress the API job resource showed meanwhile.
// --write puts the figures in the section "Import under load" of docs/benchmarks.md.
// Goals: p99 of GET /login < 200 ms during the import, the import ≤ 10 s.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  createToken,
  databasesOf,
  ensureBuild,
  machine,
  parseArgs,
  pgSettingsFor,
  runSync,
  startHello,
  startProductionServer,
  step,
  waitFor,
} from './bench_lib.js'
import { ensureDependencies, ensureEnvironment, pinnedNode, root } from './lib.js'

const args = parseArgs()
const dbs = databasesOf(args)
const lineCount = Number(args.lines ?? 50_000)
const connections = Number(args.connections ?? 10)
const idleSeconds = 5
const port = Number(process.env.IMPORT_LOAD_PORT ?? 3394)
const helloPort = port + 1
const password = process.env.DEMO_PASSWORD || 'Demo-2026!'
const goals = { loginP99Ms: 200, importMs: 10_000 }
const pgSettings = pgSettingsFor(process.env.IMPORT_LOAD_DB_DATABASE ?? 'sg_import_load')

function dbEnv(db, fromBuild) {
  if (db === 'pg') return { DB_CONNECTION: 'pg', ...pgSettings }
  return {
    DB_CONNECTION: 'sqlite',
    DB_SQLITE_FILE: fromBuild ? '../../tmp/import-load.sqlite3' : 'import-load.sqlite3',
  }
}

async function prepareDatabase(db) {
  step(`Preparing the ${db} database: migrations and the demo`)
  if (db === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(join(root, 'tmp', `import-load.sqlite3${suffix}`), { force: true })
    }
  } else {
    if (!/^[a-z0-9_]+$/.test(pgSettings.DB_DATABASE)) {
      throw new Error('Invalid IMPORT_LOAD_DB_DATABASE')
    }
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ ...pgClientSettings(), database: 'postgres' })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${pgSettings.DB_DATABASE}`)
    await admin.query(`CREATE DATABASE ${pgSettings.DB_DATABASE}`)
    await admin.end()
  }
  const env = { NODE_ENV: 'development', LOG_LEVEL: 'warn', ...dbEnv(db, false) }
  runSync(pinnedNode, ['ace', 'migration:run', '--force'], env)
  runSync(pinnedNode, ['ace', 'demo:seed'], env)
}

function pgClientSettings() {
  return {
    host: pgSettings.DB_HOST,
    port: Number(pgSettings.DB_PORT),
    user: pgSettings.DB_USER,
    password: pgSettings.DB_PASSWORD,
    database: pgSettings.DB_DATABASE,
  }
}

/* An expense report the grantee may still edit, and one of the grantee's applicants. */
async function pickReport(db) {
  const sql = `SELECT r.id AS report, u.email AS email FROM expense_reports r
    JOIN grants g ON g.id = r.grant_id
    JOIN memberships m ON m.organisation_id = g.grantee_organisation_id AND m.role = 'applicant'
    JOIN users u ON u.id = m.user_id
    WHERE r.status IN ('draft', 'returned') ORDER BY r.id, u.id LIMIT 1`
  let row
  if (db === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    const conn = new Database(join(root, 'tmp', 'import-load.sqlite3'), { readonly: true })
    row = conn.prepare(sql).get()
    conn.close()
  } else {
    const { default: pg } = await import('pg')
    const client = new pg.Client(pgClientSettings())
    await client.connect()
    row = (await client.query(sql)).rows[0]
    await client.end()
  }
  if (!row) throw new Error('The demo has no editable expense report')
  return { reportId: Number(row.report), email: row.email }
}

function startApp(build, db) {
  return startProductionServer(build, port, dbEnv(db, true))
}

function csvOf(count) {
  const rows = ['date,supplier,description,budget_line,standard,amount,receipt_number']
  for (let index = 0; index < count; index++) {
    const cents = 100 + ((index * 7919) % 99_900)
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
    rows.push(`2026-03-01,Market ${index % 97},Food ${index + 1},1,MS-02,${amount},R-${index}`)
  }
  return Buffer.from(rows.join('\n'))
}

/* autocannon started now, stopped by the caller; resolves with its result. */
async function cannon(url, duration) {
  const { default: autocannon } = await import('autocannon')
  const instance = autocannon({ url, connections, duration, timeout: 30 })
  const done = new Promise((resolve) => instance.on('done', resolve))
  return { stop: () => instance.stop(), done }
}

function figures(result) {
  return {
    rps: Math.round(result.requests.total / result.duration),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    failed: result.non2xx + result.errors + result.timeouts,
  }
}

/* Uploads the file and polls the job resource until it is done; returns the timings. */
async function runImport(base, token, reportId, bytes) {
  const started = performance.now()
  const body = new FormData()
  body.append('file', new Blob([bytes], { type: 'text/csv' }), 'load.csv')
  const response = await fetch(`${base}/api/v1/expense-reports/${reportId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    body,
  })
  const accepted = await response.json()
  if (response.status !== 202) {
    throw new Error(`The import answered ${response.status}: ${JSON.stringify(accepted)}`)
  }
  const acceptedMs = performance.now() - started
  const progress = []
  for (;;) {
    await sleep(200)
    const poll = await fetch(`${base}/api/v1/expense-imports/${accepted.data.id}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    })
    const job = (await poll.json()).data
    progress.push(`${job.processedRows}/${job.totalRows}`)
    if (job.status === 'done') {
      return {
        ms: performance.now() - started,
        acceptedMs,
        lines: job.importedLines,
        progress: [...new Set(progress)],
      }
    }
    if (job.status !== 'running' && job.status !== 'queued') {
      throw new Error(`The import ended ${job.status}: ${JSON.stringify(job.errors)}`)
    }
  }
}

async function measureDatabase(build, db) {
  await prepareDatabase(db)
  const { reportId, email } = await pickReport(db)
  const base = `http://127.0.0.1:${port}`
  const hello = startHello(helloPort)
  const app = startApp(build, db)
  try {
    await waitFor(`http://127.0.0.1:${helloPort}/`, hello)
    await waitFor(`${base}/login`, app)
    const token = await createToken(base, email, password)
    const bytes = csvOf(lineCount)
    step(`Measuring on ${db}: ${connections} connections, import of ${lineCount} lines`)
    const bareRun = await cannon(`http://127.0.0.1:${helloPort}/`, idleSeconds)
    const bare = figures(await bareRun.done)
    const idleRun = await cannon(`${base}/login`, idleSeconds)
    const idle = figures(await idleRun.done)
    const loadRun = await cannon(`${base}/login`, 120)
    await sleep(250)
    const imported = await runImport(base, token, reportId, bytes).finally(() => loadRun.stop())
    const during = figures(await loadRun.done)
    console.error(
      `  import ${Math.round(imported.ms)} ms; /login p99 ${during.p99} ms during it (idle ${idle.p99} ms)`
    )
    return { db, bare, idle, during, imported, email, reportId }
  } finally {
    app.kill('SIGKILL')
    hello.kill('SIGKILL')
    await sleep(500)
  }
}

function ms(value) {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`
}

function table(runs) {
  const lines = [
    '| DB | Measured | req/s | p50 | p99 | max | failed |',
    '|---|---|---:|---:|---:|---:|---:|',
  ]
  for (const run of runs) {
    const row = (name, f) =>
      `| ${run.db} | ${name} | ${f.rps} | ${ms(f.p50)} | ${ms(f.p99)} | ${ms(f.max)} | ${f.failed} |`
    lines.push(row('bare node:http hello (idle)', run.bare))
    lines.push(row('GET /login (idle)', run.idle))
    lines.push(row(`GET /login during the import`, run.during))
  }
  lines.push(
    '',
    '| DB | Lines | 202 after | Done after (end to end) | Goal ≤ 10 s | /login p99 < 200 ms |'
  )
  lines.push('|---|---:|---:|---:|---|---|')
  for (const run of runs) {
    lines.push(
      `| ${run.db} | ${run.imported.lines} | ${ms(run.imported.acceptedMs)} | ${ms(run.imported.ms)} | ${run.imported.ms <= goals.importMs ? 'met' : 'missed'} | ${run.during.p99 < goals.loginP99Ms ? 'met' : 'missed'} |`
    )
  }
  lines.push('')
  for (const run of runs) {
    lines.push(
      `Progress seen on the API job resource (${run.db}, processedRows/totalRows): ${run.imported.progress.join(', ')}`
    )
  }
  return lines.join('\n')
}

function writeSection(runs, output) {
  const file = join(root, 'docs', 'benchmarks.md')
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const section = `## Import under load

Measured by \`npm run bench:import -- --db=${dbs.length > 1 ? 'both' : dbs[0]} --lines=${lineCount} --connections=${connections} --write\` on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${machine()}.
- Production build (NODE_ENV=production, SESSION_DRIVER=${process.env.SESSION_DRIVER ?? 'database'}), the demo data. A CSV of
  ${lineCount} lines is posted to \`POST /api/v1/expense-reports/:id/imports\` with a bearer token and
  \`GET /api/v1/expense-imports/:id\` is polled every 200 ms until \`done\`; meanwhile autocannon
  (${connections} connections) loads \`GET /login\`. Idle figures: ${idleSeconds} s each, before the import.
- autocannon keeps ${connections} requests in flight (a closed loop): a pause of the server delays at most
  ${connections} requests, so the p99 hides pauses shorter than about 1 % of the run; "max" shows the longest.
- Goals: the import done within 10 s, p99 of GET /login under 200 ms while it runs.

${output}
`
  const start = current.indexOf('## Import under load')
  let next
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`
  else {
    const after = current.indexOf('\n## ', start + 1)
    next = current.slice(0, start) + section + (after === -1 ? '' : current.slice(after + 1))
  }
  writeFileSync(file, next)
  console.error('\nWrote the section "Import under load" of docs/benchmarks.md')
}

ensureDependencies()
ensureEnvironment()
const build = ensureBuild(args.rebuild)
const runs = []
for (const db of dbs) runs.push(await measureDatabase(build, db))
const output = table(runs)
console.log(`\n${output}`)
if (args.write) writeSection(runs, output)
const missed = runs.some(
  (run) => run.imported.ms > goals.importMs || run.during.p99 >= goals.loginP99Ms
)
process.exit(missed ? 1 : 0)
