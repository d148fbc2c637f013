// `node scripts/measure_import.js`: how long an import of 50 000 expense
// lines takes on SQLite, read (worker thread) and saved (one transaction).
// It runs the functional test that imports 50 000 lines against its own
// SQLite file, with the app's log at info level, and reads the timings the
// import logs ("expense import done"); the test itself is not timed.
// Run it on a quiet machine: it is a measurement, not part of `npm test`.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { ensureDependencies, ensureEnvironment, pinnedNode, root } from './lib.js'

const budgetMs = 10_000

ensureDependencies()
ensureEnvironment()
const database = 'measure-import.sqlite3'
const run = spawnSync(
  pinnedNode,
  [
    'ace',
    'test',
    'functional',
    '--files',
    'tests/functional/reports/expense_imports.spec.ts',
    '--tests',
    '50 000 lines are accepted (202) and all saved, with progress to the end',
  ],
  {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      DB_SQLITE_FILE: database,
      PORT: process.env.PORT ?? '3399',
    },
  }
)
rmSync(join(root, 'tmp', database), { force: true })

const done = `${run.stdout}\n${run.stderr}`
  .split('\n')
  .filter((line) => line.includes('expense import done'))
  .map((line) => JSON.parse(line.slice(line.indexOf('{'))))
if (run.status !== 0 || done.length === 0) {
  console.error(run.stdout.slice(-4000), run.stderr.slice(-4000))
  console.error('The import test failed or logged no timing.')
  process.exit(1)
}
for (const { lines, readMs, saveMs } of done) {
  const total = readMs + saveMs
  console.log(
    `${lines} lines: read and validated in ${readMs} ms, saved in ${saveMs} ms, ${total} ms in all ` +
      `(${total <= budgetMs ? 'within' : 'OVER'} the ${budgetMs / 1000} s budget)`
  )
  if (total > budgetMs) process.exitCode = 1
}
