import vine from '@vinejs/vine'

export const auditFilterValidator = vine.create({
  action: vine.string().trim().maxLength(80).optional(),
  actor: vine.string().trim().maxLength(254).optional(),
  organisationId: vine.number().withoutDecimals().positive().optional(),
  subjectType: vine.string().trim().maxLength(60).optional(),
  subjectId: vine.string().trim().maxLength(60).optional(),
  from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  to: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
  format: vine.enum(['html', 'csv'] as const).optional(),
})
