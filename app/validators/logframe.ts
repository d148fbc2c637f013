import vine from '@vinejs/vine'
import { logframeLevels } from '#domain/narrative/logframe'

const ref = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(20)
    .regex(/^[A-Za-z0-9.\-_]+$/)
const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

const logframeShape = {
  items: vine
    .array(
      vine.object({
        ref: ref(),
        level: vine.enum(logframeLevels),
        parent: ref().optional(),
        text: vine.string().trim().minLength(1).maxLength(2000),
      })
    )
    .maxLength(200),
  indicators: vine
    .array(
      vine.object({
        ref: ref(),
        measures: ref(),
        programmeIndicatorId: vine.number().withoutDecimals().positive().optional(),
        title: optionalText(500),
        unit: optionalText(60),
        baseline: optionalText(60),
        target: optionalText(60),
        source: optionalText(500),
        disaggregated: vine.boolean().optional(),
      })
    )
    .maxLength(200)
    .optional(),
}

/** The logframe of a full application, as the form or the API sends it. */
export const logframeValidator = vine.create(logframeShape)

/** A request to change a grant's logframe: the whole proposed logframe and the reason. */
export const logframeChangeValidator = vine.create({
  ...logframeShape,
  reason: vine.string().trim().minLength(1).maxLength(5000),
})

/** The funder's decision on a logframe change request (a comment is required to return it). */
export const logframeDecisionValidator = vine.create({
  comment: vine.string().trim().maxLength(5000).optional(),
})

export const logframeReturnValidator = vine.create({
  comment: vine.string().trim().minLength(1).maxLength(5000),
})
