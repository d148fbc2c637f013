import type { HttpContext } from '@adonisjs/core/http'
import { DiscardFormDraft } from '#actions/forms/discard_form_draft'
import { parseDraftFields, SaveFormDraft } from '#actions/forms/save_form_draft'
import FormDraft from '#models/form_draft'
import { DISPLAY_ZONE } from '#providers/app_provider'
import { draftKeyValidator, draftValidator } from '#validators/form_draft'

/**
 * Autosaved drafts of the long forms (ADR 0021), for the autosave script.
 * Each person reads, writes and deletes only their own drafts: the key is
 * always the signed-in user, so another person's draft is never found.
 */
export default class FormDraftsController {
  async show({ auth, request, i18n }: HttpContext) {
    const { form, object } = await request.validateUsing(draftKeyValidator, {
      data: request.qs(),
    })
    const draft = await FormDraft.query()
      .where({ userId: auth.getUserOrFail().id, form, objectKey: object })
      .first()
    if (!draft) return { draft: null }
    const time = draft.updatedAt.setZone(DISPLAY_ZONE).toFormat('HH:mm')
    return {
      draft: { fields: draft.fields, savedAt: draft.updatedAt.toISO(), time },
      message: i18n.t('forms.drafts.restored', { time }),
    }
  }

  async store({ auth, request, response, i18n }: HttpContext) {
    const { form, object, fields } = await request.validateUsing(draftValidator)
    const parsed = parseDraftFields(fields)
    if (!parsed) {
      const message = i18n.t('texts.drafts.invalid')
      return response
        .status(422)
        .send({ errors: [{ code: 'E_DRAFT_FIELDS', message, field: 'fields' }] })
    }
    const draft = await new SaveFormDraft().handle(auth.getUserOrFail().id, form, object, parsed)
    const time = draft.updatedAt.setZone(DISPLAY_ZONE).toFormat('HH:mm')
    return {
      savedAt: draft.updatedAt.toISO(),
      time,
      message: i18n.t('forms.drafts.saved_at', { time }),
    }
  }

  async destroy({ auth, request, response }: HttpContext) {
    const { form, object } = await request.validateUsing(draftKeyValidator, {
      data: { ...request.qs(), ...request.body() },
    })
    await new DiscardFormDraft().handle(auth.getUserOrFail().id, form, object)
    return response.noContent()
  }
}
