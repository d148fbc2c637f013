// `npm run bench`: the production build against a national-scale dataset,
// measured with autocannon next to a bare node:http hello server.
//
//   npm run bench -- [--db=sqlite|pg|both] [--scale=0.01] [--duration=8]
//                    [--connections=50] [--rounds=1] [--only=REGEX] [--reuse]
//                    [--rebuild] [--write]
//
// SQLite: tmp/bench.sqlite3. PostgreSQL: the database BENCH_DB_DATABASE
// (default sg_bench) on DB_HOST/DB_PORT/DB_USER/DB_PASSWORD, dropped and
// created again (--reuse keeps a database grown at the same scale). Each
// target is measured right after the bare node:http server, in every round;
// the table gives medians. --write puts it in tmp/benchmarks-latest.md, to
// copy into docs/benchmarks.md (which has other sections). BENCH_BUILD
// measures another build (e.g. main's) on the same data.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  createToken as tokenFor,
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
const scale = Number(args.scale ?? 0.01)
const duration = Number(args.duration ?? 8)
const connections = Number(args.connections ?? 50)
const rounds = Number(args.rounds ?? 1)
const only = args.only ? new RegExp(args.only) : null
const port = Number(process.env.BENCH_PORT ?? 3390)
/* BENCH_HELLO_PORT when the next port is taken (several people on one machine). */
const helloPort = Number(process.env.BENCH_HELLO_PORT ?? port + 1)
const password = process.env.DEMO_PASSWORD || 'Demo-2026!'
const user = process.env.BENCH_USER || 'manager@demo.test'
/* The audit trail is read by admins and auditors only. */
const adminUser = process.env.BENCH_ADMIN_USER || 'admin@demo.test'
const pgSettings = pgSettingsFor(process.env.BENCH_DB_DATABASE ?? 'sg_bench')

if (!(scale > 0)) throw new Error('--scale must be a positive number')

function dbEnv(db, build) {
  if (db === 'pg') return { DB_CONNECTION: 'pg', ...pgSettings }
  /* DB_SQLITE_FILE is relative to the app's tmp/ (build/tmp for the build). */
  return {
    DB_CONNECTION: 'sqlite',
    DB_SQLITE_FILE: build
      ? relative(join(build, 'tmp'), join(root, 'tmp', 'bench.sqlite3'))
      : 'bench.sqlite3',
  }
}

/* 2. A fresh bench database: migrated, the demo seeded, grown by SQL. */
async function prepareDatabase(db) {
  step(`Preparing the ${db} bench database at scale ${scale}`)
  if (db === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(join(root, 'tmp', `bench.sqlite3${suffix}`), { force: true })
    }
  } else {
    const { default: pg } = await import('pg')
    const admin = new pg.Client({
      host: pgSettings.DB_HOST,
      port: Number(pgSettings.DB_PORT),
      user: pgSettings.DB_USER,
      password: pgSettings.DB_PASSWORD,
      database: 'postgres',
    })
    await admin.connect()
    if (!/^[a-z0-9_]+$/.test(pgSettings.DB_DATABASE)) throw new Error('Invalid BENCH_DB_DATABASE')
    await admin.query(`DROP DATABASE IF EXISTS ${pgSettings.DB_DATABASE}`)
    await admin.query(`CREATE DATABASE ${pgSettings.DB_DATABASE}`)
    await admin.end()
  }
  const env = { NODE_ENV: 'development', LOG_LEVEL: 'warn', ...dbEnv(db, null) }
  const timed = (label, command, quiet) => {
    const started = performance.now()
    runSync(pinnedNode, command, env, quiet)
    console.error(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  timed('migrations', ['ace', 'migration:run', '--force'], true)
  timed('demo data', ['ace', 'demo:seed'])
  timed(`grown to scale ${scale}`, ['ace', 'bench:grow', `--scale=${scale}`])
}

/*
 * The ids the targets use: the longest expense report and its grant, and the
 * last grown report (about 100 lines at every scale: the same page size on a
 * table ten times larger).
 */
const typicalSql =
  'SELECT r.id AS report, count(l.id) AS c FROM expense_reports r JOIN expense_lines l ON l.expense_report_id = r.id WHERE r.id = (SELECT max(id) FROM expense_reports) GROUP BY r.id'

function idsOf(row, typical) {
  return {
    reportId: row.report,
    grantId: row.grant,
    lines: Number(row.c),
    typicalReportId: typical?.report ?? row.report,
    typicalLines: Number(typical?.c ?? row.c),
  }
}

async function pickIds(db) {
  const sql =
    'SELECT l.expense_report_id AS report, r.grant_id AS grant, count(*) AS c FROM expense_lines l JOIN expense_reports r ON r.id = l.expense_report_id GROUP BY l.expense_report_id, r.grant_id ORDER BY c DESC, l.expense_report_id LIMIT 1'
  if (db === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    const conn = new Database(join(root, 'tmp', 'bench.sqlite3'), { readonly: true })
    const row = conn.prepare(sql).get()
    const typical = conn.prepare(typicalSql).get()
    conn.close()
    return idsOf(row, typical)
  }
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    host: pgSettings.DB_HOST,
    port: Number(pgSettings.DB_PORT),
    user: pgSettings.DB_USER,
    password: pgSettings.DB_PASSWORD,
    database: pgSettings.DB_DATABASE,
  })
  await client.connect()
  const { rows } = await client.query(sql)
  const typical = await client.query(typicalSql)
  await client.end()
  return idsOf(rows[0], typical.rows[0])
}

/* 3. The servers: the app (NODE_ENV=production) and a bare node:http hello. */
function startApp(build, db) {
  return startProductionServer(build, port, dbEnv(db, build))
}

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 1024)
  } catch {
    return null
  }
}

/* Sign-in the way a browser does: the login form's CSRF token and cookies. */
function cookieJar() {
  const jar = new Map()
  return {
    take(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const index = pair.indexOf('=')
        jar.set(pair.slice(0, index), pair.slice(index + 1))
      }
    },
    header() {
      return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    },
  }
}

async function signIn(base, email = user) {
  const jar = cookieJar()
  const form = await fetch(`${base}/login`, { redirect: 'manual' })
  jar.take(form)
  const html = await form.text()
  const csrf = /name=["']_csrf["']\s+value=["']([^"']+)["']/.exec(html)?.[1]
  if (!csrf) throw new Error('No CSRF field on the login form')
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': jar.header() },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  jar.take(response)
  if (response.status !== 302 || !/dashboard/.test(response.headers.get('location') ?? '')) {
    throw new Error(`Sign-in failed (${response.status} → ${response.headers.get('location')})`)
  }
  return jar.header()
}

function createToken(base) {
  return tokenFor(base, user, password)
}

/*
 * CPU time (user + system, 10 ms ticks) of the app and, on PostgreSQL, of the
 * database backends serving it: per answered request it is a measure the
 * shared machine disturbs much less than latency (others take wall time, not
 * these processes' CPU time), and it shows what grows with the data.
 */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

async function backendPids(monitor) {
  if (!monitor) return []
  const { rows } = await monitor.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'
  )
  return rows.map((row) => row.pid)
}

async function cpuSnapshot(probe) {
  const snapshot = new Map()
  if (!probe) return snapshot
  snapshot.set(probe.app, cpuMs(probe.app))
  for (const pid of await backendPids(probe.monitor)) snapshot.set(pid, cpuMs(pid))
  return snapshot
}

/** CPU spent between two snapshots: app, and database backends (a new backend counts from 0). */
function cpuSpent(before, after, probe) {
  let app = 0
  let database = 0
  for (const [pid, value] of after) {
    if (value === null) continue
    const spent = value - (before.get(pid) ?? 0)
    if (pid === probe.app) app += spent
    else database += spent
  }
  return { app, database }
}

/* 4. One autocannon run. */
async function measure(url, headers, probe = null) {
  const { default: autocannon } = await import('autocannon')
  const check = await fetch(url, { headers, redirect: 'manual' })
  await check.arrayBuffer()
  if (check.status !== 200) throw new Error(`${url} answered ${check.status}`)
  const before = await cpuSnapshot(probe)
  const result = await autocannon({ url, headers, connections, duration, timeout: 60 })
  const failed = result.non2xx + result.errors + result.timeouts
  const done = result.requests.total > 0
  let cpu = null
  if (probe) {
    /* The requests still queued when the window closed are answered first. */
    await drain(probe.base)
    const spent = cpuSpent(before, await cpuSnapshot(probe), probe)
    /* Each connection leaves one request in flight at the close: the server still answers it. */
    const answered = result.requests.total + connections
    cpu = { app: spent.app / answered, database: spent.database / answered }
  }
  return {
    rps: result.requests.total / result.duration,
    p50: done ? result.latency.p50 : null,
    p95: done ? percentile95(result) : null,
    p99: done ? result.latency.p99 : null,
    failed,
    cpu,
  }
}

/* Medians over the rounds; failures are summed. */
function median(values) {
  const known = values
    .filter((value) => value !== null && value !== undefined)
    .sort((a, b) => a - b)
  if (known.length === 0) return null
  const middle = Math.floor(known.length / 2)
  return known.length % 2 ? known[middle] : (known[middle - 1] + known[middle]) / 2
}

function summarise(list) {
  return {
    rps: median(list.map((sample) => sample.rps)),
    p50: median(list.map((sample) => sample.p50)),
    p95: median(list.map((sample) => sample.p95)),
    p99: median(list.map((sample) => sample.p99)),
    failed: list.reduce((sum, sample) => sum + sample.failed, 0),
    bareRps: median(list.map((sample) => sample.bareRps ?? sample.rps)),
    ratio: median(list.map((sample) => sample.ratio)),
    ratios: list.map((sample) => sample.ratio),
    cpuApp: median(list.map((sample) => sample.cpu?.app)),
    cpuDb: median(list.map((sample) => sample.cpu?.database)),
  }
}

/* Waits until the requests still queued after a window are answered. */
async function drain(base) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const response = await fetch(`${base}/login`, { redirect: 'manual' })
      await response.arrayBuffer()
      return
    } catch {
      await sleep(500)
    }
  }
}

/* One request at a time, three times: the time a person waits for an export. */
async function singleRequest(url, cookie) {
  const times = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' })
    await response.arrayBuffer()
    times.push(performance.now() - started)
  }
  return Math.round(median(times))
}

/* autocannon reports p90 and p97.5; p95 is read between them linearly. */
function percentile95(result) {
  const { p90, p97_5: p975 } = result.latency
  return Math.round((p90 + ((p975 - p90) * 5) / 7.5) * 10) / 10
}

function targetsFor(ids) {
  return [
    { name: 'GET /api/v1/me', path: '/api/v1/me', kind: 'api' },
    { name: 'GET /api/v1/grants', path: '/api/v1/grants', kind: 'api' },
    {
      name: `GET /api/v1/grants/${ids.grantId}`,
      path: `/api/v1/grants/${ids.grantId}`,
      kind: 'api',
    },
    { name: 'GET /api/v1/handover/national', path: '/api/v1/handover/national', kind: 'api' },
    { name: 'GET /dashboard', path: '/dashboard', kind: 'page' },
    { name: 'GET /grants', path: '/grants', kind: 'page' },
    { name: 'GET /handover', path: '/handover', kind: 'page' },
    {
      name: `GET /expense-reports/${ids.reportId} (${ids.lines} lines)`,
      path: `/expense-reports/${ids.reportId}`,
      kind: 'page',
    },
    {
      name: `GET /expense-reports/${ids.typicalReportId} (${ids.typicalLines} lines)`,
      path: `/expense-reports/${ids.typicalReportId}`,
      kind: 'page',
    },
    { name: 'GET /admin/audit-events', path: '/admin/audit-events', kind: 'admin' },
    {
      name: `GET /grants/${ids.grantId}/budget-vs-actual`,
      path: `/grants/${ids.grantId}/budget-vs-actual`,
      kind: 'page',
    },
    {
      name: `GET …/${ids.reportId}/financial-report.pdf`,
      path: `/expense-reports/${ids.reportId}/financial-report.pdf`,
      kind: 'export',
    },
    {
      name: `GET …/${ids.reportId}/lines.csv`,
      path: `/expense-reports/${ids.reportId}/lines.csv`,
      kind: 'export',
    },
  ]
}

/* --reuse: keep the bench database when it was grown at the same scale. */
function dataMarker(db) {
  return join(root, 'tmp', `bench-${db}-${db === 'pg' ? pgSettings.DB_DATABASE : 'sqlite'}.scale`)
}

async function benchDatabase(build, db) {
  const marker = dataMarker(db)
  const reusable =
    args.reuse && existsSync(marker) && readFileSync(marker, 'utf8') === String(scale)
  if (reusable) {
    step(`Reusing the ${db} bench database grown at scale ${scale}`)
  } else {
    rmSync(marker, { force: true })
    await prepareDatabase(db)
    writeFileSync(marker, String(scale))
  }
  const ids = await pickIds(db)
  const base = `http://127.0.0.1:${port}`
  const hello = startHello(helloPort)
  const app = startApp(build, db)
  const rows = []
  let monitor = null
  try {
    await waitFor(`http://127.0.0.1:${helloPort}/`, hello)
    await waitFor(`${base}/login`, app)
    const token = await createToken(base)
    const cookie = await signIn(base)
    if (db === 'pg') {
      const { default: pg } = await import('pg')
      monitor = new pg.Client({
        host: pgSettings.DB_HOST,
        port: Number(pgSettings.DB_PORT),
        user: pgSettings.DB_USER,
        password: pgSettings.DB_PASSWORD,
        database: pgSettings.DB_DATABASE,
      })
      await monitor.connect()
    }
    const probe = { app: app.pid, monitor, base }
    const adminCookie = targetsFor(ids).some(
      (target) => target.kind === 'admin' && (!only || only.test(target.name))
    )
      ? await signIn(base, adminUser)
      : null
    step(
      `Measuring on ${db}: ${connections} connections, ${duration} s per target, ${rounds} round(s), bare node:http next to each target`
    )
    const targets = targetsFor(ids).filter((target) => !only || only.test(target.name))
    const samples = new Map(targets.map((target) => [target.name, []]))
    const bareSamples = []
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        const headers =
          target.kind === 'api'
            ? { authorization: `Bearer ${token}`, accept: 'application/json' }
            : { cookie: target.kind === 'admin' ? adminCookie : cookie }
        /* The bare server right before the target, so that both meet the same load. */
        const bare = await measure(`http://127.0.0.1:${helloPort}/`, {})
        const result = await measure(`${base}${target.path}`, headers, probe)
        bareSamples.push(bare)
        samples
          .get(target.name)
          .push({ ...result, bareRps: bare.rps, ratio: result.rps / bare.rps })
        console.error(
          `  [${round}/${rounds}] ${target.name}: ${Math.round(result.rps)} req/s, bare ${Math.round(bare.rps)} req/s → ${((result.rps / bare.rps) * 100).toFixed(2)} %`
        )
      }
    }
    const bare = summarise(bareSamples.map((sample) => ({ ...sample, ratio: 1 })))
    rows.push({ db, name: 'bare node:http hello', kind: 'bare', ...bare })
    for (const target of targets) {
      const row = {
        db,
        name: target.name,
        kind: target.kind,
        ...summarise(samples.get(target.name)),
      }
      if (target.kind === 'export')
        row.single = await singleRequest(`${base}${target.path}`, cookie)
      rows.push(row)
    }
    const rss = rssMb(app.pid)
    return { db, rows, rss, bareRps: bare.rps, ids }
  } finally {
    await monitor?.end()
    /* Requests still queued when a window closes would keep the server busy: no grace. */
    app.kill('SIGKILL')
    hello.kill('SIGKILL')
    await sleep(500)
  }
}

function formatMs(value) {
  if (value === null || value === undefined) return '–'
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value * 10) / 10} ms`
}

function cpuCell(row) {
  if (row.cpuApp === null || row.cpuApp === undefined) return ''
  const ms = (value) => (value >= 10 ? Math.round(value) : value.toFixed(1))
  return row.cpuDb ? `${ms(row.cpuApp)} + ${ms(row.cpuDb)} ms` : `${ms(row.cpuApp)} ms`
}

function table(runs) {
  const lines = [
    '| DB | Target | req/s | p50 | p95 | p99 | bare req/s | vs bare (median) | vs bare (rounds) | CPU/req app + db | failed |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|',
  ]
  const percent = (ratio) => `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)} %`
  for (const run of runs) {
    for (const row of run.rows) {
      const rps = row.rps < 10 ? row.rps.toFixed(1) : Math.round(row.rps)
      const spread = row.kind === 'bare' ? '' : row.ratios.map(percent).join(', ')
      lines.push(
        `| ${run.db} | ${row.name} | ${rps} | ${formatMs(row.p50)} | ${formatMs(row.p95)} | ${formatMs(row.p99)} | ${Math.round(row.bareRps)} | ${percent(row.ratio)} | ${spread} | ${cpuCell(row)} | ${row.failed} |`
      )
    }
  }
  lines.push('')
  for (const run of runs) {
    for (const row of run.rows.filter((r) => r.single !== undefined)) {
      lines.push(
        `One request at a time (${run.db}), ${row.name}: ${formatMs(row.single)} (median of 3)`
      )
    }
  }
  for (const run of runs) lines.push(`Server RSS at the end (${run.db}): ${run.rss ?? '?'} MB`)
  return lines.join('\n')
}

export async function bench() {
  ensureDependencies()
  ensureEnvironment()
  const build = ensureBuild(args.rebuild)
  const runs = []
  for (const db of dbs) runs.push(await benchDatabase(build, db))
  return runs
}

export function ratios(runs) {
  return runs.flatMap((run) => run.rows)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = await bench()
  const output = table(runs)
  console.log(`\n${output}`)
  if (args.write) {
    const text = `# Benchmarks

Measured by \`npm run bench -- --db=${dbs.length > 1 ? 'both' : dbs[0]} --scale=${scale} --duration=${duration} --rounds=${rounds} --write\` on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${machine()}.
- Production build (\`node ace build\`, \`node bin/server.js\`, NODE_ENV=production), autocannon
  with ${connections} connections for ${duration} s per target, ${rounds} round(s); a bare \`node:http\` hello
  server measured right before each target, medians of the rounds. Signed-in pages as ${user}, API reads with a bearer token.
- Data: the demo grown by SQL (\`node ace bench:grow --scale=${scale}\`): scale 1 is 10 000 grants and
  sub-grants, 1 000 000 expense lines, 200 shelters and 5 000 000 audit events; one expense report
  carries the long list of lines (at least 2 000).
- p95 is read between autocannon's p90 and p97.5. "failed" counts non-2xx answers, errors and timeouts.
  req/s counts the answers completed inside the window; "–" means no answer completed in it.

${output}
`
    writeFileSync(join(root, 'tmp', 'benchmarks-latest.md'), text)
    console.error('\nWrote tmp/benchmarks-latest.md')
  }
  process.exit(0)
}
