import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { auditActionLabel } from '#services/audit_action_labels'
import { AuditCheckpoints } from '#services/audit_checkpoints'
import { AuditEventList } from '#queries/audit_event_list'
import { AuditTrail } from '#services/audit_trail'
import { toCsv } from '#services/csv'
import { auditFilterValidator } from '#validators/audit_event'
import { asDownload, csvType } from '#services/downloads'
import { discloseAuditPayload, viewerOf } from '#domain/reports/disclosure'
import type AuditEvent from '#models/audit_event'
import type User from '#models/user'

/**
 * An event's payloads as the reader may see them: statistic values and
 * addresses only to insiders of the event's organisation (its members and
 * MLSW officials); admins and auditors are outsiders (DOMAIN-RULES §9).
 */
function shownPayloads(event: AuditEvent, reader: User) {
  const viewer =
    event.organisationId === null
      ? { insider: false }
      : viewerOf(reader.memberships, Number(event.organisationId))
  const shown = (json: string | null) =>
    json === null
      ? null
      : JSON.stringify(discloseAuditPayload(event.action, JSON.parse(json), viewer))
  return { beforeJson: shown(event.beforeJson), afterJson: shown(event.afterJson) }
}

/**
 * The organisations whose statistic values or addresses the reader saw
 * unmasked in these events (the reader is an insider of the event's
 * organisation): each such view is an access in the trail, as on the
 * report pages (`audit_trail.statistics_viewed`).
 */
function organisationsSeenRaw(
  events: readonly AuditEvent[],
  shown: (event: AuditEvent) => { beforeJson: string | null; afterJson: string | null }
) {
  const seen = new Map<number, number[]>()
  for (const event of events) {
    if (event.organisationId === null) continue
    const outsider = { insider: false }
    const masked = (json: string | null) =>
      json === null
        ? null
        : JSON.stringify(discloseAuditPayload(event.action, JSON.parse(json), outsider))
    const reader = shown(event)
    if (
      reader.beforeJson === masked(event.beforeJson) &&
      reader.afterJson === masked(event.afterJson)
    )
      continue
    const organisationId = Number(event.organisationId)
    seen.set(organisationId, [...(seen.get(organisationId) ?? []), event.id])
  }
  return seen
}

async function recordRawViews(
  events: readonly AuditEvent[],
  shown: (event: AuditEvent) => { beforeJson: string | null; afterJson: string | null },
  reader: User,
  access: { ip: string; outlet: 'page' | 'csv' }
) {
  for (const [organisationId, eventIds] of organisationsSeenRaw(events, shown)) {
    await AuditTrail.recordNow({
      actorId: reader.id,
      organisationId,
      action: 'audit_trail.statistics_viewed',
      after: { outlet: access.outlet, events: eventIds },
      ip: access.ip,
    })
  }
}

/**
 * The audit trail, filtered, with the chain's integrity; admins and auditors
 * only, statistic values and addresses masked.
 */
@inject()
export default class AuditEventsController {
  constructor(private checkpoints: AuditCheckpoints) {}

  async index({ request, view, bouncer, auth, response, i18n }: HttpContext) {
    await bouncer.authorize('readAuditTrail')
    const filters = await auditFilterValidator.validate(request.qs())
    const list = new AuditEventList(filters)
    const reader = auth.getUserOrFail()
    await AuditTrail.recordNow({
      actorId: reader.id,
      action: 'audit_trail.viewed',
      after: filters,
      ip: request.ip(),
    })
    if (filters.format === 'csv') {
      const events = await list.all()
      const shown = new Map(events.map((e) => [e.id, shownPayloads(e, reader)]))
      await recordRawViews(events, (e) => shown.get(e.id)!, reader, {
        ip: request.ip(),
        outlet: 'csv',
      })
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
        events
          .map((e) => [e, shown.get(e.id)!] as const)
          .map(([e, payload]) => [
            e.id,
            e.createdAt.toUTC().toISO(),
            e.actor?.email ?? '',
            e.organisation?.name ?? '',
            e.action,
            e.subjectType,
            e.subjectId,
            payload.beforeJson,
            payload.afterJson,
            e.ip,
            e.hash,
          ])
      )
    }
    const checkpoint = await this.checkpoints.latest()
    const integrity = await AuditTrail.verifySinceCheckpoint(checkpoint?.checkpoint ?? null)
    // An intact chain counted every event: the unfiltered list need not count them again.
    const events = await list.paginate(integrity.broken ? undefined : integrity.checked)
    const payloads = new Map(events.all().map((e) => [e.id, shownPayloads(e, reader)]))
    await recordRawViews(events.all(), (e) => payloads.get(e.id)!, reader, {
      ip: request.ip(),
      outlet: 'page',
    })
    return view.render('pages/admin/audit_events/index', {
      events,
      filters,
      payloads,
      integrity,
      checkpoint,
      actionLabel: (action: string) => auditActionLabel(action, i18n),
    })
  }
}
