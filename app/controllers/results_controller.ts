import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { SaveResult } from '#actions/results/save_result'
import Result from '#models/result'
import IndicatorPolicy from '#policies/indicator_policy'
import { resultValidator } from '#validators/results'

/** The programme's results (R5, R6, R7 …), created and renamed by the EU Office's grant managers. */
@inject()
export default class ResultsController {
  constructor(private saveResult: SaveResult) {}

  /** GET /results/new */
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('manage')
    return view.render('pages/results/form', { result: null })
  }

  /** GET /results/:id/edit */
  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const result = await Result.findOrFail(params.id)
    return view.render('pages/results/form', { result })
  }

  /** POST /results */
  async store({ auth, bouncer, request, response, session, i18n }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = await request.validateUsing(resultValidator)
    await this.saveResult.handle(null, input, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('results.flash.result_saved', { code: input.code }))
    return response.redirect().toPath('/indicators')
  }

  /** POST /results/:id */
  async update({ auth, bouncer, params, request, response, session, i18n }: HttpContext) {
    const result = await Result.findOrFail(params.id)
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = await request.validateUsing(resultValidator)
    await this.saveResult.handle(result.id, input, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('results.flash.result_saved', { code: input.code }))
    return response.redirect().toPath('/indicators')
  }
}
