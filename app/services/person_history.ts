import type { I18n } from '@adonisjs/i18n'
import type AuditEvent from '#models/audit_event'

/** Audit actions told in people's words on a person's page; others show their code. */
const told = new Set([
  'membership.invited',
  'membership.created',
  'membership.role_added',
  'membership.role_removed',
  'membership.people_manager_granted',
  'membership.people_manager_withdrawn',
  'invitation.resent',
  'invitation.revoked',
  'user.deactivated',
  'user.reactivated',
  'user.email_confirmed',
])

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {}
  try {
    const value = JSON.parse(json)
    return value && typeof value === 'object' ? value : {}
  } catch {
    return {}
  }
}

/**
 * One line of a person's history from an audit event: who did what, in the
 * reader's language, with the before and after kept for the record.
 */
export function describePersonEvent(event: AuditEvent, i18n: I18n) {
  const before = parse(event.beforeJson)
  const after = parse(event.afterJson)
  const actor = event.actor ? event.actor.fullName : i18n.t('people.history.system')
  const role = (after.added ?? before.role ?? after.role ?? after.removed) as string | undefined
  const organisation = String(
    after.organisation ?? before.organisation ?? event.organisation?.name ?? ''
  )
  const params = {
    actor,
    action: event.action,
    organisation,
    role: role ? i18n.t(`messages.roles.${role}`) : '',
  }
  if (event.action === 'membership.role_removed' && typeof after.removed === 'string') {
    params.role = i18n.t(`messages.roles.${after.removed}`)
  }
  const key = told.has(event.action) ? event.action.replace('.', '_') : 'other'
  return { event, text: i18n.t(`people.history.${key}`, params) }
}
