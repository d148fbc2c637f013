import vine from '@vinejs/vine'
import {
  actionPointStatuses,
  lineResults,
  standardResults,
  visitKinds,
  visitStatuses,
} from '#domain/monitoring/monitoring'
import { isoDate } from '#validators/dates'
import { recordId } from '#validators/ids'

const text = (max: number) => vine.string().trim().minLength(1).maxLength(max)

/** Planning a visit of a grant. */
export const planVisitValidator = vine.create({
  grantId: recordId(),
  kind: vine.enum(visitKinds),
  plannedOn: isoDate({ maxDaysAhead: 730 }),
  purpose: text(2000).optional(),
  seed: vine.number().withoutDecimals().min(1).max(2_147_483_647).optional(),
  largest: vine.number().withoutDecimals().min(0).max(50).optional(),
  random: vine.number().withoutDecimals().min(0).max(50).optional(),
})

const actionPointFields = {
  title: text(200),
  description: text(4000).optional(),
  ownerOrganisationId: recordId().optional(),
  ownerUserId: recordId().optional(),
  dueOn: isoDate({ maxDaysAhead: 730 }),
}

/** Reporting a visit: the checklist, the findings and the action points. */
export const recordVisitValidator = vine.create({
  visitedOn: isoDate({ maxDaysAhead: 0 }),
  findings: text(8000).optional(),
  checks: vine
    .array(
      vine.object({
        position: vine.number().withoutDecimals().min(0).max(200),
        result: vine.enum([...standardResults, ...lineResults]),
        comment: text(2000).optional(),
      })
    )
    .maxLength(200),
  actionPoints: vine
    .array(
      vine.object({
        ...actionPointFields,
        checkPosition: vine.number().withoutDecimals().min(0).max(200).optional(),
      })
    )
    .maxLength(50)
    .optional(),
})

/** The owner's answer, or a monitor's change (fields the monitor may change). */
export const updateActionPointValidator = vine.create({
  title: text(200).optional(),
  description: text(4000).optional(),
  dueOn: isoDate({ maxDaysAhead: 730 }).optional(),
  ownerOrganisationId: recordId().optional(),
  ownerUserId: recordId().optional().nullable(),
  note: text(4000).optional(),
  reopen: vine.boolean().optional(),
})

export const answerActionPointValidator = vine.create({ note: text(4000) })

export const closeActionPointValidator = vine.create({ comment: text(4000) })

/** List filters (query string; empty fields left out). */
export const visitFiltersValidator = vine.create({
  grantId: recordId().optional(),
  organisationId: recordId().optional(),
  kind: vine.enum(visitKinds).optional(),
  status: vine.enum(visitStatuses).optional(),
})

export const actionPointFiltersValidator = vine.create({
  grantId: recordId().optional(),
  organisationId: recordId().optional(),
  status: vine.enum(actionPointStatuses).optional(),
  overdue: vine.enum(['yes', 'no'] as const).optional(),
})
