import vine from '@vinejs/vine'
import { activityStatuses } from '#domain/narrative/narrative_report'

const count = () => vine.number().withoutDecimals().min(0).max(1_000_000_000).optional()
const text = (max = 20000) => vine.string().trim().maxLength(max).optional()

/** The content of a narrative report as the form or the API sends it. */
export const narrativeContentValidator = vine.create({
  summary: text(),
  risks: text(),
  lessons: text(),
  visibility: text(),
  progress: vine
    .array(
      vine.object({
        ref: vine.string().trim().maxLength(20),
        status: vine.enum(activityStatuses).optional(),
        text: vine.string().trim().maxLength(20000).optional(),
      })
    )
    .maxLength(400)
    .optional(),
  indicators: vine
    .array(
      vine.object({
        ref: vine.string().trim().maxLength(20),
        value: vine
          .string()
          .trim()
          .regex(/^\d{1,12}(\.\d{1,4})?$/)
          .optional(),
        female: count(),
        male: count(),
        under_18: count(),
        adult: count(),
        domestic: count(),
        foreign: count(),
        comment: text(2000),
      })
    )
    .maxLength(200)
    .optional(),
  deviations: vine
    .array(
      vine.object({
        text: vine.string().trim().minLength(1).maxLength(5000),
        reason: vine.string().trim().minLength(1).maxLength(5000),
      })
    )
    .maxLength(50)
    .optional(),
})

export const narrativeOpenValidator = vine.create({
  periodNumber: vine.number().withoutDecimals().min(1).max(100),
})

export const narrativeReturnValidator = vine.create({
  comment: vine.string().trim().minLength(1).maxLength(5000),
})
