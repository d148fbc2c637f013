// Creates tmp/ and .env (with a fresh APP_KEY) when they are missing.
import { ensureEnvironment } from './lib.js'

ensureEnvironment()
