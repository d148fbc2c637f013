import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import DomainConflictException from '#exceptions/domain_conflict_exception'
import {
  canMove,
  type NarrativeContent,
  type NarrativeStatus,
} from '#domain/narrative/narrative_report'
import Grant from '#models/grant'
import NarrativeReport from '#models/narrative_report'
import type { narrativeContentValidator } from '#validators/narrative_report'

export type NarrativeInput = Infer<typeof narrativeContentValidator>

/** The validated form or API body as report content (blank rows dropped). */
export function contentOf(input: NarrativeInput): NarrativeContent {
  const blank = (value: string | undefined) => (value && value.trim() !== '' ? value : null)
  return {
    summary: blank(input.summary),
    risks: blank(input.risks),
    lessons: blank(input.lessons),
    visibility: blank(input.visibility),
    progress: (input.progress ?? [])
      .filter((row) => row.text || row.status)
      .map((row) => ({ ref: row.ref, status: row.status ?? null, text: row.text ?? '' })),
    indicators: (input.indicators ?? [])
      .filter((row) => row.value !== undefined && row.value !== '')
      .map((row) => {
        const pair = <A extends string, B extends string>(a: A, b: B) =>
          row[a as keyof typeof row] === undefined && row[b as keyof typeof row] === undefined
            ? undefined
            : ({
                [a]: Number(row[a as keyof typeof row] ?? 0),
                [b]: Number(row[b as keyof typeof row] ?? 0),
              } as Record<A | B, number>)
        return {
          ref: row.ref,
          value: row.value!,
          sex: pair('female', 'male'),
          ageBand: pair('under_18', 'adult'),
          origin: pair('domestic', 'foreign'),
          comment: blank(row.comment),
        }
      }),
    deviations: input.deviations ?? [],
  }
}

/** The report and its grant, both locked on PostgreSQL, after checking the move is allowed. */
export async function reportForMove(
  trx: TransactionClientContract,
  reportId: number,
  to: NarrativeStatus
) {
  const found = await NarrativeReport.findOrFail(reportId, { client: trx })
  const grant = await Grant.findForUpdate(trx, found.grantId)
  const query = NarrativeReport.query({ client: trx }).where('id', reportId)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  const report = await query.firstOrFail()
  if (!canMove(report.status, to)) {
    throw new DomainConflictException('narrative.conflicts.report_cannot_move', {
      status: (reader) => reader.t(`narrative.statuses.${report.status}`),
      to: (reader) => reader.t(`narrative.statuses.${to}`),
    })
  }
  return { report, grant }
}
