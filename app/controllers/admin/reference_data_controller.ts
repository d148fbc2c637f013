import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { AddReferenceItem } from '#actions/settings/add_reference_item'
import {
  referenceKinds,
  referenceModel,
  type ReferenceKind,
} from '#actions/settings/reference_items'
import { RenameReferenceItem } from '#actions/settings/rename_reference_item'
import { RetireReferenceItem } from '#actions/settings/retire_reference_item'
import { todayInKosovo } from '#services/clock'
import {
  referenceItemValidator,
  referenceRenameValidator,
  referenceRetireValidator,
} from '#validators/programme_settings'

function kindOf(params: Record<string, unknown>): ReferenceKind {
  return referenceKinds.find((kind) => kind === params.kind) ?? 'municipalities'
}

/**
 * Reference data an admin keeps (municipalities, licensed services): add,
 * rename, retire from a date. Nothing is deleted, so every record that
 * names an item keeps it.
 */
export default class ReferenceDataController {
  async index({ params, view, bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const kind = kindOf(params)
    const items = await referenceModel(kind).query().orderBy('name_en')
    return view.render('pages/admin/reference/index', {
      kind,
      kinds: referenceKinds,
      items,
      today: todayInKosovo(),
    })
  }

  @inject()
  async store(
    { params, request, response, session, bouncer, auth, i18n }: HttpContext,
    add: AddReferenceItem
  ) {
    await bouncer.authorize('administer')
    const kind = kindOf(params)
    const input = await request.validateUsing(referenceItemValidator)
    const result = await add.handle(kind, input, auth.getUserOrFail(), request.ip())
    if (!result.ok) {
      session.flashAll()
      session.flashErrors({ code: i18n.t('settings.errors.code_taken') })
      return response.redirect().back()
    }
    session.flash('success', i18n.t('settings.reference.added'))
    return response.redirect().toPath(`/admin/reference/${kind}`)
  }

  @inject()
  async update(
    { params, request, response, session, bouncer, auth, i18n }: HttpContext,
    rename: RenameReferenceItem
  ) {
    await bouncer.authorize('administer')
    const kind = kindOf(params)
    const names = await request.validateUsing(referenceRenameValidator)
    await rename.handle(kind, String(params.code), names, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('settings.reference.renamed'))
    return response.redirect().toPath(`/admin/reference/${kind}`)
  }

  @inject()
  async retire(
    { params, request, response, session, bouncer, auth, i18n }: HttpContext,
    retire: RetireReferenceItem
  ) {
    await bouncer.authorize('administer')
    const kind = kindOf(params)
    const { retiredOn } = await request.validateUsing(referenceRetireValidator)
    const result = await retire.handle(
      kind,
      String(params.code),
      retiredOn,
      auth.getUserOrFail(),
      request.ip()
    )
    if (!result.ok) {
      session.flashErrors({ retiredOn: i18n.t('settings.errors.effective_in_past') })
      return response.redirect().back()
    }
    session.flash('success', i18n.t('settings.reference.retired', { date: retiredOn }))
    return response.redirect().toPath(`/admin/reference/${kind}`)
  }
}
