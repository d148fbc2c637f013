import vine from '@vinejs/vine'

/** The long forms that autosave their drafts. */
export const draftForms = [
  'call',
  'concept_note',
  'full_application',
  'scores',
  'expense_line',
] as const
export type DraftForm = (typeof draftForms)[number]

/** Which draft: the form and the object it edits (an id, or "new"). */
export const draftKeyValidator = vine.create({
  form: vine.enum(draftForms),
  object: vine
    .string()
    .trim()
    .regex(/^(?:new|\d{1,12})$/),
})

/** A draft as the autosave script sends it: the form's fields as JSON pairs. */
export const draftValidator = vine.create({
  form: vine.enum(draftForms),
  object: vine
    .string()
    .trim()
    .regex(/^(?:new|\d{1,12})$/),
  fields: vine.string().maxLength(200_000),
})
