import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PasswordToken from '#models/password_token'
import { instant } from '#services/sql'
import type User from '#models/user'

export type PasswordTokenPurpose = 'reset' | 'invitation'

const lifetimes: Record<PasswordTokenPurpose, { hours: number }> = {
  reset: { hours: 1 },
  invitation: { hours: 24 * 7 },
}

function digest(raw: string) {
  return createHash('sha256').update(raw).digest('hex')
}

/**
 * Single-use links for password resets and invitations. Only the SHA-256 of
 * the token is stored; the raw token travels in the emailed link.
 */
export class PasswordTokens {
  /** A new link; the newest one voids the older unused links of that purpose. */
  static async issue(user: User, purpose: PasswordTokenPurpose, trx: TransactionClientContract) {
    const raw = randomBytes(32).toString('base64url')
    await PasswordTokens.voidUnused(user, purpose, trx)
    await PasswordToken.create(
      {
        userId: user.id,
        purpose,
        tokenHash: digest(raw),
        expiresAt: DateTime.now().plus(lifetimes[purpose]),
      },
      { client: trx }
    )
    return raw
  }

  /** Marks every unused link of `user` for `purpose` as spent. */
  static async voidUnused(
    user: User,
    purpose: PasswordTokenPurpose,
    trx: TransactionClientContract
  ) {
    await PasswordToken.query({ client: trx })
      .where('user_id', user.id)
      .where('purpose', purpose)
      .whereNull('used_at')
      .update({ used_at: instant(DateTime.now(), trx.connectionName) })
  }

  /** The unused, unexpired token for a raw value, locked for the transaction. */
  static async findUsable(raw: string, trx?: TransactionClientContract) {
    const query = PasswordToken.query({ client: trx })
      .where('token_hash', digest(raw))
      .whereNull('used_at')
      .where('expires_at', '>', instant(DateTime.now()))
    if (trx && trx.dialect.name === 'postgres') query.forUpdate()
    return query.preload('user').first()
  }
}
