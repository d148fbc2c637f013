import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { SaveCofinancingSources } from '#actions/applications/save_cofinancing_sources'
import { findVisibleApplication } from '#controllers/applications_controller'
import ApplicationCofinancingSource from '#models/application_cofinancing_source'
import ApplicationPolicy from '#policies/application_policy'
import { cofinancingSourceJson } from '#transformers/call_transformer'
import { cofinancingSourcesValidator } from '#validators/full_application'

/** A full application's co-financing sources through the API: read by who may see it, replaced by its applicant. */
export default class CofinancingSourcesController {
  /** GET /api/v1/applications/:id/cofinancing-sources */
  async index({ auth, params }: HttpContext) {
    const application = await findVisibleApplication(auth.use('api').getUserOrFail(), params.id)
    const rows = await ApplicationCofinancingSource.query()
      .where('application_id', application.id)
      .orderBy('position')
    return { data: rows.map(cofinancingSourceJson) }
  }

  /** PUT /api/v1/applications/:id/cofinancing-sources */
  @inject()
  async update(
    { auth, params, request, bouncer }: HttpContext,
    saveSources: SaveCofinancingSources
  ) {
    const user = auth.use('api').getUserOrFail()
    const application = await findVisibleApplication(user, params.id)
    await bouncer.with(ApplicationPolicy).authorize('edit', application)
    const { sources } = await request.validateUsing(cofinancingSourcesValidator)
    const rows = await saveSources.handle(
      application,
      sources.map((s) => ({ kind: s.kind, source: s.source, amount: s.amountCents })),
      user,
      request.ip()
    )
    return { data: rows.map(cofinancingSourceJson) }
  }
}
