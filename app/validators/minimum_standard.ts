import vine from '@vinejs/vine'
import { isoDate } from '#validators/dates'

const title = () => vine.string().trim().minLength(3).maxLength(200)
const description = () => vine.string().trim().minLength(3).maxLength(5000)
const criterionText = (others: string[]) =>
  vine.string().trim().maxLength(1000).optional().requiredIfAnyExists(others)

/**
 * A minimum standard as the MLSW edits it: title and description in the
 * three languages, and its measurable criteria (rows left empty are
 * dropped; a criterion is written in all three languages or not at all).
 */
export const minimumStandardValidator = vine.create({
  titleEn: title(),
  titleSq: title(),
  titleSr: title(),
  descriptionEn: description(),
  descriptionSq: description(),
  descriptionSr: description(),
  criteria: vine
    .array(
      vine.object({
        en: criterionText(['sq', 'sr']),
        sq: criterionText(['en', 'sr']),
        sr: criterionText(['en', 'sq']),
      })
    )
    .maxLength(20)
    .optional(),
  /** The version edited: a later one scheduled by an admin; today's (made if need be) otherwise. */
  effectiveFrom: isoDate().optional(),
})

/** A new version of the catalogue from a date (admins); today at the earliest, checked by the action. */
export const standardsVersionValidator = vine.create({ effectiveFrom: isoDate() })

/** The version a page shows: the one in force on `on` (today when left out). */
export const standardsOnValidator = vine.create({ on: isoDate().optional() })
