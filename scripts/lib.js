// Helpers shared by the npm entry scripts. Plain JavaScript that runs on any
// Node.js >= 18, because a fresh clone starts on whatever Node the machine has.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const root = new URL('..', import.meta.url).pathname

/** The Node.js 24 binary that the `node` package brings into node_modules. */
export const pinnedNode = join(root, 'node_modules', '.bin', 'node')

/** Installs the dependencies when node_modules is missing (a fresh clone). */
export function ensureDependencies() {
  if (existsSync(pinnedNode) && existsSync(join(root, 'node_modules', '@adonisjs', 'core'))) return
  step('Installing dependencies with npm ci (a minute or two on a fresh clone)…')
  // npm itself still runs on the machine's Node.js here, so every package that
  // asks for Node 24 would print an EBADENGINE warning: only errors are shown.
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--engine-strict=false'], {
    npm_config_update_notifier: 'false',
  })
  step('Dependencies installed.')
}

/** A progress line of the entry scripts. */
export function step(message) {
  console.log(`› ${message}`)
}

/** Creates tmp/ and, when missing, .env with a fresh APP_KEY. */
export function ensureEnvironment() {
  mkdirSync(join(root, 'tmp'), { recursive: true })
  const envFile = join(root, '.env')
  if (existsSync(envFile)) return
  const example = readFileSync(join(root, '.env.example'), 'utf8')
  const key = randomBytes(32).toString('base64url')
  writeFileSync(envFile, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`))
  console.log('Created .env with a fresh APP_KEY.')
}

/** Runs a command in the project root, inheriting stdio; exits on failure. */
export function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
      ...env,
    },
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** Runs an ace command on the pinned Node.js. */
export function ace(args, env = {}) {
  run(pinnedNode, ['ace', ...args], env)
}
