import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { SetDocumentVisibility } from '#actions/grants/set_document_visibility'
import GrantPolicy from '#policies/grant_policy'
import { visibleGrant } from '#queries/grant_access'
import { documentVisibilityJson } from '#transformers/grant_transformer'
import {
  documentVisibilityApiValidator,
  documentVisibilityFormValidator,
} from '#validators/grant_visibility'

/**
 * EU visibility on a grant's documents: the funder's grant manager marks
 * them confidential when they would reveal a shelter, or back.
 */
@inject()
export default class GrantVisibilityController {
  constructor(private setVisibility: SetDocumentVisibility) {}

  async update({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('manage', grant)
    const input = await request.validateUsing(documentVisibilityFormValidator)
    await this.setVisibility.handle(
      grant.id,
      { confidential: input.visibility === 'confidential', reason: input.reason ?? null },
      user,
      request.ip()
    )
    session.flash('success', i18n.t('visibility.saved'))
    return response.redirect().toPath(`/grants/${grant.id}#visibility`)
  }

  async apiUpdate({ auth, params, request, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    await bouncer.with(GrantPolicy).authorize('manage', grant)
    const input = await request.validateUsing(documentVisibilityApiValidator)
    const saved = await this.setVisibility.handle(
      grant.id,
      { confidential: input.confidential, reason: input.reason ?? null },
      user,
      request.ip()
    )
    return { data: documentVisibilityJson(saved) }
  }
}
