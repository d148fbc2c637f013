import type { ApplicationService } from '@adonisjs/core/types'
import type { DateTime } from 'luxon'
import { formatMoney } from '#domain/money'

/** Kosovo's time zone: every instant on screen is shown in it. */
export const DISPLAY_ZONE = 'Europe/Belgrade'

/**
 * Edge globals used by every page: formatting of dates and money at the
 * edge, never before.
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    const edge = await import('edge.js')
    edge.default.global('formatInstant', (value: DateTime | null | undefined) =>
      value ? value.setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm') : ''
    )
    edge.default.global('formatDate', (value: DateTime | null | undefined) =>
      value ? value.toISODate() : ''
    )
    edge.default.global('navHrefs', {
      dashboard: '/dashboard',
      organisations: '/organisations',
      users: '/admin/users',
      audit: '/admin/audit-events',
      profile: '/profile',
    })
    edge.default.global('formatMoney', formatMoney)
    edge.default.global(
      'withQuery',
      (base: Record<string, unknown>, changes: Record<string, unknown>) => {
        const params = new URLSearchParams()
        for (const [key, value] of Object.entries({ ...base, ...changes })) {
          if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
        }
        const text = params.toString()
        return text ? `?${text}` : ''
      }
    )
  }
}
