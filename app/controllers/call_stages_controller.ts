import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { MoveCall } from '#actions/calls/move_call'
import Call from '#models/call'
import CallPolicy from '#policies/call_policy'

const stageValidator = vine.create({
  stage: vine.enum([
    'published',
    'concept_notes_closed',
    'full_applications_closed',
    'closed',
  ] as const),
})

/** POST /calls/:id/stage: publication and the closing of submission rounds. */
export default class CallStagesController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    moveCall: MoveCall
  ) {
    const user = auth.getUserOrFail()
    const call = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(CallPolicy).authorize('manage', call)
    const { stage } = await request.validateUsing(stageValidator)
    const ip = request.ip()
    if (stage === 'published') await moveCall.publish(call.id, user, ip)
    if (stage === 'concept_notes_closed') await moveCall.closeConceptNotes(call.id, user, ip)
    if (stage === 'full_applications_closed')
      await moveCall.closeFullApplications(call.id, user, ip)
    if (stage === 'closed') await moveCall.close(call.id, user, ip)
    session.flash('success', i18n.t(`messages.call_statuses_done.${stage}`))
    return response.redirect().toPath(`/calls/${call.id}`)
  }
}
