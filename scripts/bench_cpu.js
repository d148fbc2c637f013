// `node scripts/bench_cpu.js`: server CPU time per request, a measure that a
// shared machine disturbs much less than req/s (other processes take wall
// time, not this process's CPU time). For each build (this one, and those
// named by BENCH_BUILDS=dir1,dir2 to compare, e.g. main's) and each target:
// a warm-up, then a fixed number of requests through autocannon, and the
// server's user+system CPU time (/proc/<pid>/stat) divided by the requests.
// The bare node:http hello server is measured the same way (first, on the
// same port); "vs bare" is its
// CPU per request divided by the target's (the ratio the throughput would
// have on an otherwise idle CPU, leaving out the load generator).
//
//   node scripts/bench_cpu.js [--db=sqlite|pg] [--requests=400] [--connections=10]
//        [--only=REGEX]
//
// Uses the bench database that `npm run bench` left (run it once first).
import { join, relative } from 'node:path'
import {
  benchDatabaseEnv,
  cpuMs,
  headersAs,
  parseArgs,
  rssMb,
  startHello,
  startProductionServer,
  stopServer,
  waitFor,
} from './bench_lib.js'
import { root } from './lib.js'

const args = parseArgs()
const db = args.db ?? 'sqlite'
const requests = Number(args.requests ?? 400)
const connections = Number(args.connections ?? 10)
const only = args.only ? new RegExp(args.only) : null
const port = Number(process.env.BENCH_PORT ?? 3390)
const base = `http://127.0.0.1:${port}`
const user = process.env.BENCH_USER || 'manager@demo.test'
const password = process.env.DEMO_PASSWORD || 'Demo-2026!'
const builds = [
  join(root, 'build'),
  ...(process.env.BENCH_BUILDS?.split(',').filter(Boolean) ?? []),
]

const targets = [
  ['GET /api/v1/me', '/api/v1/me', 'api'],
  ['GET /api/v1/grants', '/api/v1/grants', 'api'],
  ['GET /api/v1/grants/1', '/api/v1/grants/1', 'api'],
  ['GET /api/v1/handover/national', '/api/v1/handover/national', 'api'],
  ['GET /dashboard', '/dashboard', 'page'],
  ['GET /grants', '/grants', 'page'],
  ['GET /handover', '/handover', 'page'],
].filter(([name]) => !only || only.test(name))

async function cpuPerRequest(pid, url, headers, amount = requests) {
  const { default: autocannon } = await import('autocannon')
  const check = await fetch(url, { headers, redirect: 'manual' })
  await check.arrayBuffer()
  if (check.status !== 200) throw new Error(`${url} answered ${check.status}`)
  await autocannon({ url, headers, connections, amount: Math.max(20, requests / 10), timeout: 60 })
  const before = cpuMs(pid)
  const result = await autocannon({ url, headers, connections, amount, timeout: 60 })
  const spent = cpuMs(pid) - before
  const answered = result.requests.total - result.non2xx - result.errors - result.timeouts
  return {
    ms: spent / Math.max(1, answered),
    failed: result.non2xx + result.errors + result.timeouts,
  }
}

/* The bare server first, on the same port, then the builds one after the other. */
const hello = startHello(port)
let bare
try {
  await waitFor(`${base}/`, hello)
  bare = await cpuPerRequest(hello.pid, `${base}/`, {}, requests * 50)
} finally {
  await stopServer(hello)
}
console.log(`bare node:http hello: ${bare.ms.toFixed(3)} ms CPU per request`)
const rows = []
for (const build of builds) {
  const server = startProductionServer(build, port, benchDatabaseEnv(db, build))
  try {
    await waitFor(`${base}/login`, server)
    console.log(`${relative(root, build) || build} | RSS after start: ${rssMb(server.pid)} MB`)
    const page = await headersAs('page', base, user, password)
    const api = await headersAs('api', base, user, password)
    for (const [name, path, kind] of targets) {
      const result = await cpuPerRequest(server.pid, `${base}${path}`, kind === 'api' ? api : page)
      const ratio = bare.ms / result.ms
      rows.push({ build, name, ...result, ratio })
      console.log(
        `${relative(root, build) || build} | ${name} | ${result.ms.toFixed(2)} ms CPU | ${(ratio * 100).toFixed(2)} % of bare | failed ${result.failed}`
      )
    }
    console.log(
      `${relative(root, build) || build} | RSS after the targets: ${rssMb(server.pid)} MB`
    )
  } finally {
    await stopServer(server)
  }
}
