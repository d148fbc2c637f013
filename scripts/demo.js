// `npm run demo`: installs what is missing, prepares .env, migrates and seeds the
// SQLite database on first run, prints the URL and the demo logins, then serves.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ace, ensureDependencies, ensureEnvironment, root, step } from './lib.js'

ensureDependencies()
ensureEnvironment()
const firstRun = !existsSync(join(root, 'tmp', 'db.sqlite3'))
step(firstRun ? 'Creating the SQLite database…' : 'Bringing the database up to date…')
ace(['migration:run', '--force'])
if (firstRun) {
  step('Loading the demo organisations, people, calls and grants…')
  ace(['demo:seed'], { LOG_LEVEL: 'warn' })
}
step('Starting the server…')

const password = process.env.DEMO_PASSWORD || 'Demo-2026!'
const logins = [
  ['admin@demo.test', 'administrator'],
  ['manager@demo.test', 'grant manager, EU Office in Kosovo'],
  ['lead@demo.test', 'grant manager, lead grantee'],
  ['finance@demo.test', 'finance officer, lead grantee'],
  ['eu-finance@demo.test', 'finance officer, EU Office in Kosovo'],
  ['assessor1@demo.test', 'assessor'],
  ['assessor2@demo.test', 'assessor'],
  ['mlsw@demo.test', 'MLSW official'],
  ...[1, 2, 3, 4, 5, 6].map((n) => [
    `ngo${n}@demo.test`,
    `applicant, shelter NGO ${n}${n === 1 ? ' (manages its people)' : ''}`,
  ]),
]
console.log('\nShelter Grants runs at http://localhost:3333')
console.log(`Demo logins (password ${password}):`)
for (const [email, role] of logins) console.log(`  ${email.padEnd(22)} ${role}`)
console.log('')
ace(['serve'])
