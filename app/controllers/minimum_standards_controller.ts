import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { MinimumStandards } from '#actions/reports/minimum_standards'
import MinimumStandard from '#models/minimum_standard'
import MinimumStandardPolicy from '#policies/minimum_standard_policy'
import { minimumStandardValidator } from '#validators/minimum_standard'

/** The catalogue of minimum standards of care: read by everyone signed in, edited by the MLSW. */
@inject()
export default class MinimumStandardsController {
  constructor(private catalogue: MinimumStandards) {}

  /** GET /minimum-standards */
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(MinimumStandardPolicy).authorize('view')
    const standards = await MinimumStandard.query().orderBy('position')
    const mayEdit = await bouncer.with(MinimumStandardPolicy).allows('edit')
    return view.render('pages/minimum_standards/index', { standards, mayEdit })
  }

  /** GET /minimum-standards/:code: the standard in the three languages, with the form for the MLSW. */
  async show({ params, bouncer, view }: HttpContext) {
    await bouncer.with(MinimumStandardPolicy).authorize('view')
    const standard = await MinimumStandard.findByOrFail('code', String(params.code))
    const mayEdit = await bouncer.with(MinimumStandardPolicy).allows('edit')
    return view.render('pages/minimum_standards/show', {
      standard,
      mayEdit,
      // The existing criteria and three empty rows for new ones.
      criteriaRows: [
        ...standard.criteria.map((c) => ({ code: c.code, ...c.text })),
        ...[1, 2, 3].map(() => ({ code: '', en: '', sq: '', sr: '' })),
      ],
    })
  }

  /** POST /minimum-standards/:code */
  async update({ auth, params, request, response, session, bouncer, i18n }: HttpContext) {
    const standard = await MinimumStandard.findByOrFail('code', String(params.code))
    await bouncer.with(MinimumStandardPolicy).authorize('edit')
    const input = await request.validateUsing(minimumStandardValidator)
    const criteria = (input.criteria ?? []).flatMap((row) =>
      row.en && row.sq && row.sr ? [{ en: row.en, sq: row.sq, sr: row.sr }] : []
    )
    await this.catalogue.update(
      standard.code,
      { ...input, criteria },
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash('success', i18n.t('service.standard_saved', { code: standard.code }))
    return response.redirect().toPath(`/minimum-standards/${standard.code}`)
  }
}
