import { hkdfSync } from 'node:crypto'
import env from '#start/env'

/**
 * The HKDF `info` label that turns APP_KEY into the audit key when
 * AUDIT_HMAC_KEY is not set. Part of the format: changing it makes every
 * keyed event fail verification.
 */
export const AUDIT_KEY_LABEL = 'shelter-grants/audit-trail/hmac-sha256/v1'

/** An explicit AUDIT_HMAC_KEY shorter than this is refused. */
export const MIN_AUDIT_KEY_LENGTH = 32

let cached: Buffer | null = null

/**
 * The secret of the keyed audit chain and of the checkpoint signatures. It
 * lives outside the database: AUDIT_HMAC_KEY when set (used as given, at
 * least 32 characters), otherwise HKDF-SHA256 of APP_KEY with an empty salt
 * and the info label above, 32 bytes (ADR 0012).
 */
export function auditKey(): Buffer {
  if (cached) return cached
  const explicit = env.get('AUDIT_HMAC_KEY')?.release()
  if (explicit) {
    if (explicit.length < MIN_AUDIT_KEY_LENGTH) {
      throw new Error(`AUDIT_HMAC_KEY must be at least ${MIN_AUDIT_KEY_LENGTH} characters`)
    }
    cached = Buffer.from(explicit, 'utf8')
  } else {
    const appKey = env.get('APP_KEY').release()
    cached = Buffer.from(hkdfSync('sha256', appKey, Buffer.alloc(0), AUDIT_KEY_LABEL, 32))
  }
  return cached
}
