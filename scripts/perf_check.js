// `npm run perf:check`: the benchmark at a tiny scale, failing when a ratio to
// bare node:http falls under half its target (ratios, not absolute times, so
// that it holds on any machine). Targets: API reads ≥ 50 % of bare node:http,
// signed-in pages ≥ 13 %; the check fails under 25 % and 6.5 %.
//
//   npm run perf:check -- [--db=sqlite|pg|both] [--scale=0.001] [--duration=3]
//
// The options are passed on to scripts/bench.js (it reads process.argv).
const defaults = { '--scale': '0.001', '--duration': '3', '--connections': '50' }
for (const [flag, value] of Object.entries(defaults)) {
  if (!process.argv.some((arg) => arg.startsWith(`${flag}=`))) process.argv.push(`${flag}=${value}`)
}

const { bench, ratios } = await import('./bench.js')

/** Target share of bare node:http per kind of target; exports are reported, not checked. */
const targets = { api: 0.5, page: 0.13 }
const reads = new Set(['GET /api/v1/me', 'GET /api/v1/grants'])

const runs = await bench()
const failures = []
console.log('\n| DB | Target | vs bare | floor | |')
console.log('|---|---|---:|---:|---|')
for (const row of ratios(runs)) {
  const target = targets[row.kind]
  if (target === undefined) continue
  /* API reads: /me, the list and one grant; the handover plan is a report, checked as a page. */
  const isRead = reads.has(row.name) || /^GET \/api\/v1\/grants\/\d+$/.test(row.name)
  const floor = (row.kind === 'api' && !isRead ? targets.page : target) / 2
  const ok = row.ratio >= floor && row.failed === 0
  if (!ok) failures.push(row)
  console.log(
    `| ${row.db} | ${row.name} | ${(row.ratio * 100).toFixed(1)} % | ${(floor * 100).toFixed(1)} % | ${ok ? 'ok' : `FAIL${row.failed ? ` (${row.failed} failed)` : ''}`} |`
  )
}
if (failures.length) {
  console.error(`\nperf:check: ${failures.length} target(s) under half their target ratio.`)
  process.exit(1)
}
console.log('\nperf:check: every ratio is at least half its target.')
