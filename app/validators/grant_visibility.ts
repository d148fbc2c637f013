import vine from '@vinejs/vine'

const reason = () => vine.string().trim().minLength(5).maxLength(500)

/** Web form: the choice and, for confidential documents, the reason. */
export const documentVisibilityFormValidator = vine.create({
  visibility: vine.enum(['eu_funded', 'confidential']),
  reason: reason().optional().requiredWhen('visibility', '=', 'confidential'),
})

/** API: `PUT /api/v1/grants/:id/visibility`. */
export const documentVisibilityApiValidator = vine.create({
  confidential: vine.boolean({ strict: true }),
  reason: reason().optional().requiredWhen('confidential', '=', true),
})
