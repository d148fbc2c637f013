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
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  benchDatabaseEnv,
  headersAs,
  parseArgs,
  startProductionServer,
  stopServer,
  waitFor,
} from './bench_lib.js'
import { root } from './lib.js'

const args = parseArgs()
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

if (!args.profile) {
  mkdirSync(profiles, { recursive: true })
  for (const file of readdirSync(profiles)) rmSync(join(profiles, file))

  const server = startProductionServer(build, port, benchDatabaseEnv(db, build), [
    '--cpu-prof',
    `--cpu-prof-dir=${profiles}`,
  ])
  await waitFor(`${base}/login`, server)
  const headers = await headersAs(as, base, user, password)

  const check = await fetch(`${base}${path}`, { headers, redirect: 'manual' })
  await check.arrayBuffer()
  if (check.status !== 200) throw new Error(`${path} answered ${check.status}`)

  const { default: autocannon } = await import('autocannon')
  const result = await autocannon({ url: `${base}${path}`, headers, connections, duration })
  console.log(
    `${path}: ${Math.round(result.requests.total / result.duration)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`
  )

  await stopServer(server)
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
