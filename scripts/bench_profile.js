// `node scripts/bench_profile.js`: where the time of one route goes. Starts the
// production build with --cpu-prof on the bench database that `npm run bench`
// left behind (run it once first, e.g. with --scale=0.01), loads one path with
// autocannon, stops the server so that it writes its profile, and prints the
// self time per function and per package.
//
//   node scripts/bench_profile.js --path=/api/v1/me [--as=api|page|none]
//        [--db=sqlite|pg] [--duration=8] [--connections=50] [--top=30]
//
// The profile is left in tmp/profiles/ (open it in Chrome's DevTools).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pinnedNode, root } from './lib.js'

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=')
    return [key, value ?? true]
  })
)
const path = args.path ?? '/api/v1/me'
const as = args.as ?? (path.startsWith('/api/') ? 'api' : 'page')
const db = args.db ?? 'sqlite'
const duration = Number(args.duration ?? 8)
const connections = Number(args.connections ?? 50)
const top = Number(args.top ?? 30)
const port = Number(process.env.BENCH_PORT ?? 3390)
const base = `http://127.0.0.1:${port}`
const user = process.env.BENCH_USER || 'manager@demo.test'
const password = process.env.DEMO_PASSWORD || 'Demo-2026!'
const build = join(root, 'build')
const profiles = join(root, 'tmp', 'profiles')

const dbEnv =
  db === 'pg'
    ? {
        DB_CONNECTION: 'pg',
        DB_HOST: process.env.DB_HOST ?? '127.0.0.1',
        DB_PORT: process.env.DB_PORT ?? '5432',
        DB_USER: process.env.DB_USER ?? 'postgres',
        DB_PASSWORD: process.env.DB_PASSWORD ?? '',
        DB_DATABASE: process.env.BENCH_DB_DATABASE ?? 'sg_bench',
      }
    : { DB_CONNECTION: 'sqlite', DB_SQLITE_FILE: '../../tmp/bench.sqlite3' }

if (!args.profile) {
  mkdirSync(profiles, { recursive: true })
  for (const file of readdirSync(profiles)) rmSync(join(profiles, file))

  const server = spawn(pinnedNode, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, 'bin/server.js'], {
    cwd: build,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...dbEnv,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_KEY: randomBytes(32).toString('base64url'),
      APP_URL: base,
      LOG_LEVEL: 'warn',
      SESSION_DRIVER: process.env.SESSION_DRIVER ?? 'database',
      REQUIRE_2FA: 'false',
      LIMITER_STORE: 'memory',
      TZ: 'UTC',
    },
  })

  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/login`, { redirect: 'manual' })
      break
    } catch {
      if (i > 300) throw new Error('The server did not answer')
      await sleep(200)
    }
  }

  const headers = {}
  if (as === 'api') {
    const response = await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify({ email: user, password }),
    })
    headers.authorization = `Bearer ${(await response.json()).token}`
    headers.accept = 'application/json'
  } else if (as === 'page') {
    const jar = new Map()
    const take = (response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const index = pair.indexOf('=')
        jar.set(pair.slice(0, index), pair.slice(index + 1))
      }
    }
    const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    const form = await fetch(`${base}/login`, { redirect: 'manual' })
    take(form)
    const csrf = /name=["']_csrf["']\s+value=["']([^"']+)["']/.exec(await form.text())?.[1]
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookie() },
      body: new URLSearchParams({ _csrf: csrf, email: user, password }).toString(),
    })
    take(response)
    headers.cookie = cookie()
  }

  const check = await fetch(`${base}${path}`, { headers, redirect: 'manual' })
  await check.arrayBuffer()
  if (check.status !== 200) throw new Error(`${path} answered ${check.status}`)

  const { default: autocannon } = await import('autocannon')
  const result = await autocannon({ url: `${base}${path}`, headers, connections, duration })
  console.log(
    `${path}: ${Math.round(result.requests.total / result.duration)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`
  )

  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
}

/* The main thread's profile is the largest (workers write their own). */
const file =
  args.profile ??
  readdirSync(profiles)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(profiles, name))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0]
if (!file) throw new Error('No profile was written')
const profile = JSON.parse(readFileSync(file, 'utf8'))

/* Self time per node from the samples. */
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const selfUs = new Map()
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0)
const byFunction = new Map()
const byPackage = new Map()
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id)
  const url = callFrame.url.replace(/^file:\/\//, '')
  const where = url.includes('node_modules/')
    ? url
        .split('node_modules/')
        .pop()
        .match(/^(@[^/]+\/[^/]+|[^/]+)/)[1]
    : url.startsWith(build)
      ? `app:${url.slice(build.length + 1).split('/')[0]}`
      : url
        ? url.startsWith('node:')
          ? 'node:internal'
          : url
        : `(${callFrame.functionName || 'program'})`
  const key = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`
  byFunction.set(key, (byFunction.get(key) ?? 0) + us)
  byPackage.set(where, (byPackage.get(where) ?? 0) + us)
}
const show = (title, map) => {
  console.log(`\n${title}`)
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`)
  }
}
/* Inclusive time: every function on the stack of a sample gets its time once. */
const parent = new Map()
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id)
const keyOf = (node) => {
  const url = node.callFrame.url.replace(/^file:\/\//, '')
  const short = url.includes('node_modules/')
    ? url.split('node_modules/').pop()
    : url.startsWith(build)
      ? url.slice(build.length + 1)
      : url
  return `${node.callFrame.functionName || '(anonymous)'}  ${short}:${node.callFrame.lineNumber + 1}`
}
const inclusive = new Map()
for (const [id, us] of selfUs) {
  const seen = new Set()
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at)
    if (!node.callFrame.url) continue
    const key = keyOf(node)
    if (seen.has(key)) continue
    seen.add(key)
    inclusive.set(key, (inclusive.get(key) ?? 0) + us)
  }
}
const pattern = args.match ? new RegExp(args.match) : /^(?!.*node:)/
show(
  'Inclusive time per function (--match to filter)',
  new Map([...inclusive].filter(([key]) => pattern.test(key)))
)
show('Self time per package', byPackage)
show('Self time per function', byFunction)
console.log(`\nProfile: ${file}`)
