import vine from '@vinejs/vine'
import { recordId, pageNumber } from '#validators/ids'

export const auditFilterValidator = vine.create({
  action: vine.string().trim().maxLength(80).optional(),
  actor: vine.string().trim().maxLength(254).optional(),
  organisationId: recordId().optional(),
  subjectType: vine.string().trim().maxLength(60).optional(),
  subjectId: vine.string().trim().maxLength(60).optional(),
  from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  to: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrSameAs('from')
    .optional(),
  page: pageNumber().optional(),
  format: vine.enum(['html', 'csv'] as const).optional(),
})
