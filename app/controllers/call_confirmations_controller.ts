import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import Call from '#models/call'
import CallPolicy from '#policies/call_policy'

export const confirmableSteps = [
  'published',
  'concept_notes_closed',
  'full_applications_closed',
  'closed',
  'award',
] as const

const confirmationValidator = vine.create({ step: vine.enum(confirmableSteps) })

/**
 * GET /calls/:id/confirmation?step=…: the page that asks before an
 * irreversible step of a call (publish, close a round, award, close). It
 * needs no JavaScript: its form posts to the step's own route.
 */
export default class CallConfirmationsController {
  async show({ auth, params, request, view, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const call = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(CallPolicy).authorize('manage', call)
    const { step } = await confirmationValidator.validate(request.qs())
    return view.render('pages/calls/confirm', {
      call,
      step,
      action: step === 'award' ? `/calls/${call.id}/award` : `/calls/${call.id}/stage`,
      back: step === 'award' ? `/calls/${call.id}/evaluation` : `/calls/${call.id}`,
    })
  }
}
