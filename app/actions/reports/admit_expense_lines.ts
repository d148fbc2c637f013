import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import ExpenseLine from '#models/expense_line'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import { reportUnderVerification } from '#actions/reports/expense_report_support'
import type { bulkRules, bulkScopes } from '#domain/reports/bulk_admission'

export interface BulkAdmission {
  /** The ticked lines, or every undecided line with (or without) flags. */
  scope: (typeof bulkScopes)[number]
  lineIds: number[]
  /** Admit each line as claimed, or admit 0 (not eligible). */
  rule: (typeof bulkRules)[number]
  reason: string | null
}

export type BulkAdmissionResult =
  | { ok: true; lines: ExpenseLine[] }
  | {
      ok: false
      field: 'reason' | 'lineIds'
      code: 'reason_required' | 'no_lines' | 'unknown_lines'
    }

/**
 * The verifier admits several lines of one report at once, by one rule and
 * with one reason, in one transaction: all or none. Each line is recorded as
 * if admitted alone (who, when, amount, reason, audit event), so the
 * segregation of duties and the line history stay as they are.
 */
export class AdmitExpenseLines {
  async handle(
    reportId: number,
    input: BulkAdmission,
    by: User,
    ip: string
  ): Promise<BulkAdmissionResult> {
    const reason = input.reason?.trim() || null
    if (input.rule === 'zero' && !reason)
      return { ok: false, field: 'reason', code: 'reason_required' }
    return db.transaction(async (trx) => {
      const { report, grant } = await reportUnderVerification(trx, reportId, by, ip)
      const all = await ExpenseLine.query({ client: trx })
        .where('expense_report_id', report.id)
        .orderBy('position')
      let chosen: ExpenseLine[]
      if (input.scope === 'selected') {
        const wanted = new Set(input.lineIds)
        chosen = all.filter((line) => wanted.has(line.id))
        if (chosen.length !== wanted.size)
          return { ok: false as const, field: 'lineIds' as const, code: 'unknown_lines' as const }
      } else {
        const flagged = input.scope === 'flagged'
        chosen = all.filter(
          (line) => line.admittedCents === null && line.flags.length > 0 === flagged
        )
      }
      if (chosen.length === 0)
        return { ok: false as const, field: 'lineIds' as const, code: 'no_lines' as const }
      const decidedAt = DateTime.utc()
      for (const line of chosen) {
        const admittedCents = input.rule === 'claimed' ? line.claimedCents : 0
        const before = { admittedCents: line.admittedCents, reason: line.admissionReason }
        line.merge({
          admittedCents,
          admissionReason: admittedCents < line.claimedCents ? reason : null,
          decidedById: by.id,
          decidedAt,
        })
        await line.save()
        await AuditTrail.record(trx, {
          actorId: by.id,
          organisationId: grant.granteeOrganisationId,
          action: 'expense_line.admitted',
          subjectType: 'expense_line',
          subjectId: line.id,
          before,
          after: {
            admittedCents,
            reason: line.admissionReason,
            report: report.id,
            admittedById: by.id,
            bulk: input.rule,
          },
          ip,
        })
      }
      return { ok: true as const, lines: chosen }
    })
  }
}
