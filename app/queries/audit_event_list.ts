import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import AuditEvent from '#models/audit_event'
import { instant } from '#services/sql'
import type { auditFilterValidator } from '#validators/audit_event'

export type AuditFilters = Infer<typeof auditFilterValidator>

const KOSOVO = 'Europe/Belgrade'

/** Audit events, newest first, filtered by the admin page's form. */
export class AuditEventList {
  static perPage = 50

  constructor(private filters: AuditFilters) {}

  query() {
    const f = this.filters
    const query = AuditEvent.query().preload('actor').preload('organisation').orderBy('id', 'desc')
    if (f.action) query.whereILike('action', `${f.action}%`)
    if (f.actor) query.whereHas('actor', (actor) => actor.whereILike('email', `%${f.actor}%`))
    if (f.organisationId) query.where('organisation_id', f.organisationId)
    if (f.subjectType) query.where('subject_type', f.subjectType)
    if (f.subjectId) query.where('subject_id', f.subjectId)
    if (f.from)
      query.where(
        'created_at',
        '>=',
        instant(DateTime.fromJSDate(f.from, { zone: KOSOVO }).startOf('day').toUTC())
      )
    if (f.to)
      query.where(
        'created_at',
        '<',
        instant(
          DateTime.fromJSDate(f.to, { zone: KOSOVO }).plus({ days: 1 }).startOf('day').toUTC()
        )
      )
    return query
  }

  async paginate() {
    const page = await this.query().paginate(this.filters.page ?? 1, AuditEventList.perPage)
    const { action, actor, organisationId, subjectType, subjectId, from, to } = this.filters
    page.baseUrl('/admin/audit-events').queryString({
      action,
      actor,
      organisationId,
      subjectType,
      subjectId,
      from: from ? DateTime.fromJSDate(from).toISODate() : undefined,
      to: to ? DateTime.fromJSDate(to).toISODate() : undefined,
    })
    return page
  }

  all() {
    return this.query().limit(50000)
  }
}
