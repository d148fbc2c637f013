import type { LicenceStatus } from '#domain/licences/licence'
import type { Role } from '#domain/roles'
import Call from '#models/call'
import Licence from '#models/licence'
import { todayInKosovo } from '#services/clock'
import AuditEvent from '#models/audit_event'
import PasswordToken from '#models/password_token'
import type User from '#models/user'
import { DateTime } from 'luxon'
import { instant } from '#services/sql'
import i18nManager from '@adonisjs/i18n/services/main'
import { auditActionLabel } from '#services/audit_action_labels'

export interface DashboardItem {
  label: string
  detail?: string
  /** A call's status, said in words by the page. */
  callStatus?: string
  /** A licence status, shown as a badge. */
  status?: LicenceStatus
  /** What to do, as a key of `messages.dashboard.items` with its parameters. */
  task?: string
  params?: Record<string, string | number>
  href?: string
}

export interface DashboardPanel {
  role: Role
  organisation: string
  items: DashboardItem[]
}

/**
 * One panel per membership under the task inbox (ADR 0028): what the role
 * follows that is not a task (calls under way, licences expiring or
 * stopped, invitations not yet accepted, the latest decisions), with the
 * role's main pages. The open work itself is only in the inbox
 * (`app/queries/task_inbox.ts`), so nothing is listed twice.
 */
export class DashboardTasks {
  constructor(
    private user: User,
    private locale = 'en'
  ) {}

  async panels(): Promise<DashboardPanel[]> {
    const panels: DashboardPanel[] = []
    for (const membership of this.user.memberships) {
      panels.push({
        role: membership.role,
        organisation: membership.organisation.name,
        items: await this.itemsFor(membership.role, membership.organisationId),
      })
    }
    return panels
  }

  /** What a role follows beyond its tasks; the tasks themselves are in the inbox. */
  private async itemsFor(role: Role, organisationId: number): Promise<DashboardItem[]> {
    if (role === 'admin') return this.pendingInvitations()
    if (role === 'auditor') return this.recentDecisions()
    if (role === 'mlsw_official') return this.licencesNeedingAttention()
    if (role === 'grant_manager') return this.callsToRun(organisationId)
    return []
  }

  private async callsToRun(funderOrganisationId: number): Promise<DashboardItem[]> {
    const calls = await Call.query()
      .where('funder_organisation_id', funderOrganisationId)
      .whereNot('status', 'closed')
      .orderBy('concept_deadline_at')
    return calls.map((call) => ({
      label: `${call.reference} · ${call.titleIn(this.locale)}`,
      callStatus: call.status,
      href:
        call.status === 'draft' || call.status === 'published'
          ? `/calls/${call.id}`
          : `/calls/${call.id}/evaluation`,
    }))
  }

  /** Licences expiring within 90 days or no longer valid (all, or one organisation's). */
  private async licencesNeedingAttention(organisationId?: number): Promise<DashboardItem[]> {
    const today = todayInKosovo()
    const query = Licence.query()
      .withScopes((s) => s.withFacts())
      .preload('organisation')
      .whereNotExists((sub) =>
        sub
          .from('licences as successor')
          .whereColumn('successor.replaces_licence_id', 'licences.id')
      )
      .orderBy('valid_until')
    if (organisationId) query.where('organisation_id', organisationId)
    const licences = await query
    return licences
      .map((licence) => ({ licence, status: licence.statusOn(today) }))
      .filter(({ status }) => status !== 'active')
      .map(({ licence, status }) => ({
        label: `${licence.number} · ${licence.organisation.name}`,
        detail: licence.validUntil.toISODate()!,
        status,
        href: `/licences/${licence.id}`,
      }))
  }

  private async pendingInvitations(): Promise<DashboardItem[]> {
    const tokens = await PasswordToken.query()
      .where('purpose', 'invitation')
      .whereNull('used_at')
      .where('expires_at', '>', instant(DateTime.now()))
      .preload('user')
      .orderBy('expires_at')
      .limit(10)
    return tokens.map((token) => ({
      label: token.user.email,
      detail: token.expiresAt.setZone('Europe/Belgrade').toFormat('yyyy-MM-dd HH:mm'),
      href: '/admin/users',
    }))
  }

  private async recentDecisions(): Promise<DashboardItem[]> {
    const events = await AuditEvent.query()
      .whereNot('action', 'like', '%.viewed')
      .orderBy('id', 'desc')
      .limit(10)
    const reader = i18nManager.locale(this.locale)
    return events.map((event) => ({
      label: auditActionLabel(event.action, reader),
      detail: event.createdAt.setZone('Europe/Belgrade').toFormat('yyyy-MM-dd HH:mm'),
      href: `/admin/audit-events?action=${encodeURIComponent(event.action)}`,
    }))
  }
}
