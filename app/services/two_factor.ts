import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import * as OTPAuth from 'otpauth'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import type { Role } from '#domain/roles'
import type User from '#models/user'
import { instant } from '#services/sql'
import { AuthCache } from '#services/auth_cache'

/** Roles that must sign in with a second factor when it is required. */
export const twoFactorRoles: readonly Role[] = [
  'grant_manager',
  'finance_officer',
  'mlsw_official',
  'admin',
]

const ISSUER = 'Shelter Grants'
const PERIOD = 30
const RECOVERY_CODES = 10

function digest(value: string) {
  return createHash('sha256').update(value).digest('hex')
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
function normaliseRecoveryCode(value: string) {
  return value.replace(/[\s-]/g, '').toLowerCase()
}

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with the otpauth package, and
 * single-use recovery codes. The secret is stored encrypted with APP_KEY.
 */
export class TwoFactor {
  /** REQUIRE_2FA; unset: on in production, off in development, tests and the demo. */
  static required: boolean = env.get('REQUIRE_2FA', app.inProduction)

  /** Whether `user` (memberships loaded) must sign in with a second factor. */
  static isMandatoryFor(user: User) {
    return TwoFactor.required && user.hasAnyRole(twoFactorRoles)
  }

  /** Whether `user` (memberships loaded) must enrol before doing anything else. */
  static mustEnrol(user: User) {
    return TwoFactor.isMandatoryFor(user) && !user.hasTwoFactor
  }

  static newSecret() {
    return new OTPAuth.Secret({ size: 20 }).base32
  }

  static totp(user: User, base32: string) {
    return new OTPAuth.TOTP({
      issuer: ISSUER,
      label: user.email,
      algorithm: 'SHA1',
      digits: 6,
      period: PERIOD,
      secret: OTPAuth.Secret.fromBase32(base32),
    })
  }

  /** The otpauth:// URI and a QR code of it (PNG data URL) for an authenticator app. */
  static async enrolment(user: User, base32: string) {
    const uri = TwoFactor.totp(user, base32).toString()
    /* The QR encoder loads on the first enrolment, not with the app (ADR 0034). */
    const { default: QRCode } = await import('qrcode')
    return { uri, qrCode: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) }
  }

  /**
   * The time step of a valid code for `base32` (one step of clock drift
   * either way), or null. A step at or before `lastStep` is refused, so a
   * code seen by someone else cannot be used again.
   */
  static matchingStep(user: User, base32: string, code: string, lastStep: number | null) {
    const token = code.replace(/\s/g, '')
    if (!/^\d{6}$/.test(token)) return null
    const now = Date.now()
    const delta = TwoFactor.totp(user, base32).validate({ token, timestamp: now, window: 1 })
    if (delta === null) return null
    const step = Math.floor(now / 1000 / PERIOD) + delta
    if (lastStep !== null && step <= lastStep) return null
    return step
  }

  static secretOf(user: User) {
    return user.twoFactorSecret ? encryption.decrypt<string>(user.twoFactorSecret) : null
  }

  /** Switches two-factor on with a confirmed secret; returns fresh recovery codes. */
  static async enable(user: User, base32: string, step: number, trx: TransactionClientContract) {
    user.useTransaction(trx)
    user.twoFactorSecret = encryption.encrypt(base32)
    user.twoFactorEnabledAt = DateTime.now()
    user.twoFactorLastStep = step
    await user.save()
    return TwoFactor.replaceRecoveryCodes(user, trx)
  }

  /** Replaces every recovery code of `user` with ten new ones, returned in clear once. */
  static async replaceRecoveryCodes(user: User, trx: TransactionClientContract) {
    await trx.from('two_factor_recovery_codes').where('user_id', user.id).delete()
    const codes: string[] = []
    const now = instant(DateTime.now(), trx.connectionName)
    for (let index = 0; index < RECOVERY_CODES; index++) {
      const raw = randomBytes(10).toString('hex')
      codes.push(raw.match(/.{5}/g)!.join('-'))
      await trx
        .insertQuery()
        .table('two_factor_recovery_codes')
        .insert({ user_id: user.id, code_hash: digest(raw), created_at: now })
    }
    return codes
  }

  /**
   * Checks a second factor at sign-in: a current TOTP code, or an unused
   * recovery code (then spent). Returns how it passed, or null.
   */
  static async verify(user: User, code: string): Promise<'totp' | 'recovery_code' | null> {
    const base32 = TwoFactor.secretOf(user)
    if (!base32) return null
    return db.transaction(async (trx) => {
      const locked = await trx
        .from('users')
        .where('id', user.id)
        .if(trx.dialect.name === 'postgres', (query) => query.forUpdate())
        .select('two_factor_last_step')
        .firstOrFail()
      const lastStep =
        locked.two_factor_last_step === null ? null : Number(locked.two_factor_last_step)
      const step = TwoFactor.matchingStep(user, base32, code, lastStep)
      if (step !== null) {
        await trx.from('users').where('id', user.id).update({ two_factor_last_step: step })
        AuthCache.forgetUser(user.id, trx)
        user.twoFactorLastStep = step
        return 'totp' as const
      }
      const spent = await trx
        .from('two_factor_recovery_codes')
        .where('user_id', user.id)
        .where('code_hash', digest(normaliseRecoveryCode(code)))
        .whereNull('used_at')
        .update({ used_at: instant(DateTime.now(), trx.connectionName) })
      const count = Number(Array.isArray(spent) ? spent[0] : spent)
      return count > 0 ? ('recovery_code' as const) : null
    })
  }

  static async unusedRecoveryCodes(user: User) {
    const row = await db
      .from('two_factor_recovery_codes')
      .where('user_id', user.id)
      .whereNull('used_at')
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }
}
