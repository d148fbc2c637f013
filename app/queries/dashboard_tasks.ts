import type { Role } from '#domain/roles'
import AuditEvent from '#models/audit_event'
import PasswordToken from '#models/password_token'
import type User from '#models/user'
import { DateTime } from 'luxon'
import { instant } from '#services/sql'

export interface DashboardItem {
  label: string
  detail?: string
  href?: string
}

export interface DashboardPanel {
  role: Role
  organisation: string
  items: DashboardItem[]
}

/**
 * The open tasks of each role a user holds, one panel per membership. Each
 * feature adds its own tasks here (reports to verify, tranches to approve,
 * licences expiring); a panel without tasks shows an empty state.
 */
export class DashboardTasks {
  constructor(private user: User) {}

  async panels(): Promise<DashboardPanel[]> {
    const panels: DashboardPanel[] = []
    for (const membership of this.user.memberships) {
      panels.push({
        role: membership.role,
        organisation: membership.organisation.name,
        items: await this.itemsFor(membership.role),
      })
    }
    return panels
  }

  private async itemsFor(role: Role): Promise<DashboardItem[]> {
    if (role === 'admin') return this.pendingInvitations()
    if (role === 'auditor') return this.recentDecisions()
    return []
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
    return events.map((event) => ({
      label: event.action,
      detail: event.createdAt.setZone('Europe/Belgrade').toFormat('yyyy-MM-dd HH:mm'),
      href: `/admin/audit-events?action=${encodeURIComponent(event.action)}`,
    }))
  }
}
