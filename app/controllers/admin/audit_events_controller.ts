import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AuditCheckpoints } from '#services/audit_checkpoints'
import { AuditEventList } from '#queries/audit_event_list'
import { AuditTrail } from '#services/audit_trail'
import { toCsv } from '#services/csv'
import { auditFilterValidator } from '#validators/audit_event'
import { asDownload, csvType } from '#services/downloads'

/** The audit trail, filtered, with the chain's integrity; admins and auditors only. */
@inject()
export default class AuditEventsController {
  constructor(private checkpoints: AuditCheckpoints) {}

  async index({ request, view, bouncer, auth, response }: HttpContext) {
    await bouncer.authorize('readAuditTrail')
    const filters = await auditFilterValidator.validate(request.qs())
    const list = new AuditEventList(filters)
    await AuditTrail.recordNow({
      actorId: auth.getUserOrFail().id,
      action: 'audit_trail.viewed',
      after: filters,
      ip: request.ip(),
    })
    if (filters.format === 'csv') {
      const events = await list.all()
      asDownload(response, 'audit-events.csv', csvType)
      return toCsv(
        [
          'id',
          'created_at',
          'actor',
          'organisation',
          'action',
          'subject_type',
          'subject_id',
          'before',
          'after',
          'ip',
          'hash',
        ],
        events.map((e) => [
          e.id,
          e.createdAt.toUTC().toISO(),
          e.actor?.email ?? '',
          e.organisation?.name ?? '',
          e.action,
          e.subjectType,
          e.subjectId,
          e.beforeJson,
          e.afterJson,
          e.ip,
          e.hash,
        ])
      )
    }
    const events = await list.paginate()
    const checkpoint = await this.checkpoints.latest()
    const integrity = await AuditTrail.verify({ checkpoint: checkpoint?.checkpoint ?? null })
    return view.render('pages/admin/audit_events/index', { events, filters, integrity, checkpoint })
  }
}
