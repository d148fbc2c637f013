import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PasswordToken from '#models/password_token'

/**
 * A person's invitation is pending while they have an invitation link and
 * have never used one (they have not chosen a password yet).
 */
export async function hasPendingInvitation(userId: number, client?: TransactionClientContract) {
  const tokens = await PasswordToken.query({ client })
    .where({ userId, purpose: 'invitation' })
    .select('usedAt')
  return tokens.length > 0 && tokens.every((token) => token.usedAt === null)
}
