import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Active administrators other than `userId`: the last one keeps the role and stays active. */
export async function otherActiveAdministrators(trx: TransactionClientContract, userId: number) {
  const row = await trx
    .from('memberships')
    .join('users', 'users.id', 'memberships.user_id')
    .where('memberships.role', 'admin')
    .where('users.is_active', true)
    .whereNot('users.id', userId)
    .countDistinct('users.id as total')
    .first()
  return Number(row?.total ?? 0)
}
