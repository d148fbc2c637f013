import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import { ModelPaginator } from '@adonisjs/lucid/orm'
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

  /**
   * One page of events. `total`, the number of events in the whole trail, is
   * used instead of counting them when no filter is set (it grows to millions).
   */
  async paginate(total?: number) {
    const { action, actor, organisationId, subjectType, subjectId, from, to } = this.filters
    const current = this.filters.page ?? 1
    const unfiltered = [action, actor, organisationId, subjectType, subjectId, from, to].every(
      (value) => value === undefined || value === null || value === ''
    )
    const page =
      unfiltered && total !== undefined
        ? await this.counted(total, current)
        : await this.query().paginate(current, AuditEventList.perPage)
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

  private async counted(total: number, current: number) {
    const rows = await this.query()
      .offset((current - 1) * AuditEventList.perPage)
      .limit(AuditEventList.perPage)
    const page = new ModelPaginator(total, AuditEventList.perPage, current, ...rows)
    page.namingStrategy = AuditEvent.namingStrategy
    return page
  }

  all() {
    return this.query().limit(50000)
  }
}
