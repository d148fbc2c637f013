import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { SetImplementationRules } from '#actions/calls/set_implementation_rules'
import CallPolicy from '#policies/call_policy'
import { callImplementationRulesValidator } from '#validators/call'
import { findVisibleApplication } from '#controllers/applications_controller'
import Call from '#models/call'
import { applicationLogframeScore } from '#queries/logframe_scores'
import { applicationJson, callJson } from '#transformers/call_transformer'

export default class CallsController {
  async index({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const calls = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .orderBy('concept_deadline_at', 'desc')
    return { data: calls.map(callJson) }
  }

  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const call = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    return { data: callJson(call) }
  }

  async application({ auth, params }: HttpContext) {
    const application = await findVisibleApplication(auth.use('api').getUserOrFail(), params.id)
    return {
      data: {
        ...applicationJson(application),
        logframeScore: await applicationLogframeScore(application),
      },
    }
  }

  /** PUT /api/v1/calls/:id/implementation-rules */
  @inject()
  async setImplementationRules(
    { auth, params, request, bouncer }: HttpContext,
    setRules: SetImplementationRules
  ) {
    const user = auth.use('api').getUserOrFail()
    const call = await Call.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(CallPolicy).authorize('edit', call)
    const input = await request.validateUsing(callImplementationRulesValidator)
    return { data: callJson(await setRules.handle(call.id, input, user, request.ip())) }
  }
}
