import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { MinimumStandards } from '#actions/reports/minimum_standards'
import MinimumStandardPolicy from '#policies/minimum_standard_policy'
import { todayInKosovo } from '#services/clock'
import { MinimumStandardCatalogue } from '#services/minimum_standard_catalogue'
import { minimumStandardValidator, standardsOnValidator } from '#validators/minimum_standard'

/**
 * The catalogue of minimum standards of care: read by everyone signed in,
 * edited by the MLSW. Pages show the version in force on `?on=` (today by
 * default); an edit goes into a later version when one is shown, else into
 * today's (ADR 0027).
 */
@inject()
export default class MinimumStandardsController {
  constructor(private catalogue: MinimumStandards) {}

  /** GET /minimum-standards */
  async index({ bouncer, view, request }: HttpContext) {
    await bouncer.with(MinimumStandardPolicy).authorize('view')
    const version = await this.version(request.qs())
    const mayEdit = await bouncer.with(MinimumStandardPolicy).allows('edit')
    return view.render('pages/minimum_standards/index', { ...version, mayEdit })
  }

  /** GET /minimum-standards/:code: the standard in the three languages, with the form for the MLSW. */
  async show({ params, bouncer, view, request, response }: HttpContext) {
    await bouncer.with(MinimumStandardPolicy).authorize('view')
    const version = await this.version(request.qs())
    const standard = version.standards.find((s) => s.code === String(params.code))
    if (!standard) return response.notFound()
    const mayEdit = await bouncer.with(MinimumStandardPolicy).allows('edit')
    return view.render('pages/minimum_standards/show', {
      ...version,
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
    const code = String(params.code)
    const inForce = await new MinimumStandardCatalogue().on()
    if (!inForce.some((s) => s.code === code)) return response.notFound()
    await bouncer.with(MinimumStandardPolicy).authorize('edit')
    const { effectiveFrom, ...input } = await request.validateUsing(minimumStandardValidator)
    const criteria = (input.criteria ?? []).flatMap((row) =>
      row.en && row.sq && row.sr ? [{ en: row.en, sq: row.sq, sr: row.sr }] : []
    )
    const saved = await this.catalogue.update(
      code,
      { ...input, criteria },
      auth.getUserOrFail(),
      request.ip(),
      { effectiveFrom }
    )
    session.flash('success', i18n.t('service.standard_saved', { code }))
    const on = saved.effectiveFromIso > todayInKosovo() ? `?on=${saved.effectiveFromIso}` : ''
    return response.redirect().toPath(`/minimum-standards/${code}${on}`)
  }

  /** The version in force on `?on=` (today by default) and where an edit of it goes. */
  private async version(qs: Record<string, unknown>) {
    const today = todayInKosovo()
    const { on = today } = await standardsOnValidator.validate(qs)
    const catalogue = new MinimumStandardCatalogue()
    const standards = await catalogue.on(on)
    const from = standards[0]?.effectiveFromIso ?? null
    return {
      on,
      today,
      standards,
      versionFrom: from,
      /* A later version is edited in place; any other edit starts today's version. */
      editFrom: from && from > today ? from : today,
      versionDates: await catalogue.versionDates(),
    }
  }
}
