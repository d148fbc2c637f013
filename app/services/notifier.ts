import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Notification from '#models/notification'

export interface NotificationInput {
  kind: string
  dedupeKey: string
  subjectType?: string
  subjectId?: string | number
  params: Record<string, string | number>
  href?: string
}

/**
 * In-app notifications. A notification with the same dedupe key reaches a
 * user once; returns the users that were newly notified.
 */
export class Notifier {
  static async notify(
    trx: TransactionClientContract,
    userIds: readonly number[],
    input: NotificationInput
  ) {
    const unique = [...new Set(userIds)]
    if (unique.length === 0) return []
    const existing = await Notification.query({ client: trx })
      .whereIn('user_id', unique)
      .where('dedupe_key', input.dedupeKey)
      .select('user_id')
    const already = new Set(existing.map((n) => n.userId))
    const fresh = unique.filter((id) => !already.has(id))
    await Notification.createMany(
      fresh.map((userId) => ({
        userId,
        kind: input.kind,
        dedupeKey: input.dedupeKey,
        subjectType: input.subjectType ?? null,
        subjectId: input.subjectId === undefined ? null : String(input.subjectId),
        params: input.params,
        href: input.href ?? null,
      })),
      { client: trx }
    )
    return fresh
  }
}
