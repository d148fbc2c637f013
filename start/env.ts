/*
| Environment variables, validated and cast at boot.
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),
  TZ: Env.schema.string.optional(),

  /* Reverse proxies whose X-Forwarded-For is believed (comma-separated; unset: none) */
  TRUSTED_PROXIES: Env.schema.string.optional(),

  /* Database: SQLite file under tmp/ by default, PostgreSQL with DB_CONNECTION=pg */
  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  DB_SQLITE_FILE: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),

  /* Sessions and rate limits: database on one instance, redis for several */
  SESSION_DRIVER: Env.schema.enum(['database', 'cookie', 'memory', 'redis'] as const),
  /* Session timeouts: idle (default 30 mins) and absolute since sign-in (default 12 hours) */
  SESSION_IDLE_TIMEOUT: Env.schema.string.optional(),
  SESSION_MAX_AGE: Env.schema.string.optional(),
  /* Two-factor sign-in required for staff roles (default: on in production only) */
  REQUIRE_2FA: Env.schema.boolean.optional(),
  /* Seconds a verified token and the signed-in user's rows stay cached (ADR 0018); 0: off */
  AUTH_CACHE_SECONDS: Env.schema.number.optional(),
  /* Seconds a programme-wide figure (the handover plan) is kept at one data version (ADR 0034); 0: off */
  FIGURE_CACHE_SECONDS: Env.schema.number.optional(),
  LIMITER_STORE: Env.schema.enum.optional(['memory', 'redis'] as const),
  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),

  /* Files (receipts, documents) */
  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),

  /* Mail: "log" writes messages to the log and tmp/mail.log */
  MAIL_MAILER: Env.schema.enum.optional(['log', 'smtp'] as const),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),

  /* Audit trail: HMAC key of the hash chain (else derived from APP_KEY) and the checkpoint folder */
  AUDIT_HMAC_KEY: Env.schema.secret.optional(),
  AUDIT_CHECKPOINT_DIR: Env.schema.string.optional(),

  /* Demo data */
  DEMO_PASSWORD: Env.schema.string.optional(),
})
