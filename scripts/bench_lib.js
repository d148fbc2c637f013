// What `npm run bench` (scripts/bench.js), `npm run bench:import`
// (scripts/import_load.js), scripts/bench_cpu.js and scripts/bench_profile.js
// share: arguments, the production build, the servers they start and stop,
// signing in, the server's CPU time and the description of the machine.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import { join, relative } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pinnedNode, root } from './lib.js'

/** `--key=value` and `--flag` arguments as an object. */
export function parseArgs(argv = process.argv.slice(2)) {
  return Object.fromEntries(
    argv.map((arg) => {
      const [key, value] = arg.replace(/^--/, '').split('=')
      return [key, value ?? true]
    })
  )
}

/** The databases named by `--db=sqlite|pg|both`. */
export function databasesOf(args) {
  const dbs = args.db === 'both' ? ['sqlite', 'pg'] : [args.db ?? 'sqlite']
  for (const db of dbs) {
    if (!['sqlite', 'pg'].includes(db))
      throw new Error(`--db must be sqlite, pg or both, not ${db}`)
  }
  return dbs
}

/** The PostgreSQL connection, with the script's own database. */
export function pgSettingsFor(database) {
  return {
    DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
    DB_PORT: process.env.DB_PORT ?? '5432',
    DB_USER: process.env.DB_USER ?? 'postgres',
    DB_PASSWORD: process.env.DB_PASSWORD ?? '',
    DB_DATABASE: database,
  }
}

/** A progress line, on stderr so that the table on stdout stays clean. */
export function step(message) {
  console.error(`\n» ${message}`)
}

/** Runs a command in the project root; throws on failure. */
export function runSync(command, commandArgs, env = {}, quiet = false) {
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    env: {
      ...process.env,
      PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
      ...env,
    },
  })
  if (result.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status})`)
  }
}

/**
 * The production build, reused unless `rebuild`, with node_modules linked
 * in. BENCH_BUILD names another build to measure on the same data (e.g.
 * main's, for a before/after).
 */
export function ensureBuild(rebuild) {
  if (process.env.BENCH_BUILD) return process.env.BENCH_BUILD
  const build = join(root, 'build')
  if (rebuild || !existsSync(join(build, 'bin', 'server.js'))) {
    step('Building the production build (node ace build)')
    runSync(pinnedNode, ['ace', 'build'])
  }
  if (!existsSync(join(build, 'node_modules'))) {
    symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'), 'dir')
  }
  return build
}

/**
 * `node bin/server.js` of the build as production runs it: NODE_ENV=production,
 * sessions in the database, a fresh APP_KEY. The demo's people have no second
 * factor, so it is not required (signing in with one would measure the same pages).
 */
export function startProductionServer(build, port, databaseEnv, nodeArgs = []) {
  return spawn(pinnedNode, [...nodeArgs, 'bin/server.js'], {
    cwd: build,
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...databaseEnv,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_KEY: randomBytes(32).toString('base64url'),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      SESSION_DRIVER: process.env.SESSION_DRIVER ?? 'database',
      REQUIRE_2FA: 'false',
      LIMITER_STORE: 'memory',
      TZ: 'UTC',
    },
  })
}

/** Stops a server started above and waits until it has exited (and written any profile). */
export async function stopServer(child) {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/**
 * The database settings of the bench database `npm run bench` left: SQLite's
 * tmp/bench.sqlite3 (DB_SQLITE_FILE is relative to the build's tmp/), or the
 * PostgreSQL database BENCH_DB_DATABASE (default sg_bench).
 */
export function benchDatabaseEnv(db, build) {
  if (db === 'pg')
    return { DB_CONNECTION: 'pg', ...pgSettingsFor(process.env.BENCH_DB_DATABASE ?? 'sg_bench') }
  return {
    DB_CONNECTION: 'sqlite',
    DB_SQLITE_FILE: relative(join(build, 'tmp'), join(root, 'tmp', 'bench.sqlite3')),
  }
}

/** User + system CPU time of a process in ms (clock ticks of 10 ms). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Resident memory of a process in MB (/proc/<pid>/status). */
export function rssMb(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Math.round(Number(kb) / 1024)
}

/** Signs the person in through the login form; the session's cookie header. */
export async function signIn(base, email, password) {
  const jar = new Map()
  const take = (response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const index = pair.indexOf('=')
      jar.set(pair.slice(0, index), pair.slice(index + 1))
    }
  }
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const form = await fetch(`${base}/login`, { redirect: 'manual' })
  take(form)
  const csrf = /name=["']_csrf["']\s+value=["']([^"']+)["']/.exec(await form.text())?.[1]
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': header() },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  take(response)
  if (response.status !== 302) throw new Error(`Sign-in failed (${response.status})`)
  return header()
}

/** The headers of a request as `as` (api: a bearer token; page: a signed-in session; none). */
export async function headersAs(as, base, email, password) {
  if (as === 'api') {
    return {
      authorization: `Bearer ${await createToken(base, email, password)}`,
      accept: 'application/json',
    }
  }
  if (as === 'page') return { cookie: await signIn(base, email, password) }
  return {}
}

/** The bare node:http hello server every ratio is measured against. */
export function startHello(port) {
  const code = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"hello":"world"}') }).listen(${port}, '127.0.0.1')`
  return spawn(pinnedNode, ['-e', code], { stdio: 'ignore' })
}

/** Waits until the URL answers (or the server process has exited). */
export async function waitFor(url, child) {
  for (let i = 0; i < 300; i++) {
    if (child && child.exitCode !== null) throw new Error(`The server exited (${child.exitCode})`)
    try {
      await fetch(url, { redirect: 'manual' })
      return
    } catch {
      await sleep(200)
    }
  }
  throw new Error(`${url} did not answer`)
}

/** An API token for the person, through `POST /api/v1/tokens`. */
export async function createToken(base, email, password) {
  const response = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 201) throw new Error(`Token creation failed (${response.status})`)
  return (await response.json()).token
}

/** Cores, CPU, memory, system, Node.js and the load average: what a ratio was measured on. */
export function machine() {
  const cpus = os.cpus()
  const nodeVersion = spawnSync(pinnedNode, ['--version'], { encoding: 'utf8' }).stdout.trim()
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
  return `${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node.js ${nodeVersion}; load average at the end ${load} (1 / 5 / 15 min)`
}
