// `npm test`: installs what is missing, then runs every Japa suite.
// Extra arguments go to `node ace test` (for example a suite name).
import { ace, ensureDependencies, ensureEnvironment } from './lib.js'

ensureDependencies()
ensureEnvironment()
ace(['test', ...process.argv.slice(2)])
