import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import i18nManager from '@adonisjs/i18n/services/main'
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import { appUrl } from '#config/app'
import type { Role } from '#domain/roles'
import type { AssessmentStage } from '#models/assessor_assignment'
import type Grant from '#models/grant'
import Membership from '#models/membership'
import Notification from '#models/notification'
import User from '#models/user'
import { Notifier } from '#services/notifier'
import { firstOfferedLocale } from '#services/programme_settings'

/**
 * Notices that hand a task to someone: in the app, and by mail once the
 * step is committed. The kind names the words in `inbox.json`
 * (`inbox.notices.<kind>.title` and `.body`), so the notice list and the
 * mail speak the reader's language.
 */
export interface TaskNotice {
  /** A key of `inbox.notices`. */
  notice: string
  dedupeKey: string
  userIds: readonly number[]
  params: Record<string, string | number>
  href: string
  subjectType: string
  subjectId: number
  /** The person who took the step is not told of it. */
  exceptUserId?: number
}

export async function sendTaskNotice(trx: TransactionClientContract, input: TaskNotice) {
  const kind = `inbox.notices.${input.notice}`
  const userIds = input.userIds.filter((id) => id !== input.exceptUserId)
  const fresh = await Notifier.notify(trx, userIds, {
    kind,
    dedupeKey: input.dedupeKey,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    params: input.params,
    href: input.href,
  })
  if (fresh.length > 0) trx.after('commit', () => mailNotice(fresh, kind, input))
  return fresh
}

/** The members of `organisationId` holding one of `roles`. */
export async function membersWith(
  trx: TransactionClientContract,
  organisationId: number,
  roles: readonly Role[]
) {
  const members = await Membership.query({ client: trx })
    .where('organisation_id', organisationId)
    .whereIn('role', [...roles])
    .select('user_id')
  return members.map((m) => m.userId)
}

/** Everyone holding `role` anywhere (MLSW officials). */
export async function holdersOf(trx: TransactionClientContract, role: Role) {
  const members = await Membership.query({ client: trx }).where('role', role).select('user_id')
  return members.map((m) => m.userId)
}

/** The people of one side of a grant who sign its contract. */
export function signatoriesOf(
  trx: TransactionClientContract,
  grant: Grant,
  side: 'grantee' | 'funder'
) {
  return side === 'grantee'
    ? membersWith(trx, grant.granteeOrganisationId, ['applicant', 'grant_manager'])
    : membersWith(trx, grant.funderOrganisationId, ['grant_manager'])
}

/**
 * An assessor's assignments of one call and stage make one notice: while
 * the assessor has not read it, each further assignment raises its count
 * instead of sending another notice or mail.
 */
export async function noticeOfAssignment(
  trx: TransactionClientContract,
  assignment: { id: number; assessorId: number; stage: AssessmentStage },
  call: { id: number; reference: string }
) {
  const notice = `assessments_assigned_${assignment.stage}`
  const open = await Notification.query({ client: trx })
    .where('user_id', assignment.assessorId)
    .where('kind', `inbox.notices.${notice}`)
    .where('subject_type', 'call')
    .where('subject_id', String(call.id))
    .whereNull('read_at')
    .orderBy('id', 'desc')
    .first()
  if (open) {
    open.useTransaction(trx)
    open.params = { ...open.params, count: Number(open.params.count ?? 1) + 1 }
    await open.save()
    return []
  }
  return sendTaskNotice(trx, {
    notice,
    dedupeKey: `assessor_assignments:${call.id}:${assignment.stage}:${assignment.id}`,
    userIds: [assignment.assessorId],
    params: { call: call.reference, count: 1 },
    href: '/assessments',
    subjectType: 'call',
    subjectId: call.id,
  })
}

async function mailNotice(userIds: readonly number[], kind: string, input: TaskNotice) {
  try {
    const users = await User.query()
      .whereIn('id', [...userIds])
      .where('is_active', true)
    for (const user of users) {
      const i18n = i18nManager.locale(firstOfferedLocale([user.locale]))
      await mail.send((message) => {
        message
          .to(user.email, user.fullName)
          .subject(i18n.t(`${kind}.title`, input.params))
          .text(`${i18n.t(`${kind}.body`, input.params)}\n\n${appUrl}${input.href}`)
      })
    }
  } catch (error) {
    // The step is committed; a mail that fails must not undo it. The in-app notice stays.
    logger.error({ err: error, kind }, 'task notice mail failed')
  }
}
