import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { RecordIndicatorValue } from '#actions/results/record_indicator_value'
import { SaveIndicator } from '#actions/results/save_indicator'
import { primaryMarkFor, viewerOf } from '#domain/reports/disclosure'
import { indicatorMeasures } from '#domain/reports/indicators'
import { acceptedDocumentTypes } from '#domain/documents'
import {
  disaggregations,
  formatTargets,
  indicatorRules,
  indicatorUnits,
} from '#domain/results/framework'
import Grant from '#models/grant'
import Indicator from '#models/indicator'
import IndicatorValue from '#models/indicator_value'
import Result from '#models/result'
import IndicatorPolicy from '#policies/indicator_policy'
import ProgressPackPolicy from '#policies/progress_pack_policy'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { resultsFramework } from '#queries/results_framework'
import { indicatorBreakdowns } from '#queries/indicator_breakdowns'
import { disclosurePatterns } from '#services/disclosure_patterns'
import { breakdownsJson } from '#transformers/indicator_transformer'
import { asDownload } from '#services/downloads'
import { FileStore } from '#services/file_store'
import { indicatorInput } from '#validators/indicator_input'
import { indicatorValidator, indicatorValueValidator } from '#validators/results'

/** The results framework: results and their indicators against targets, kept by the EU Office. */
@inject()
export default class IndicatorsController {
  constructor(
    private saveIndicator: SaveIndicator,
    private recordValue: RecordIndicatorValue
  ) {}

  /** GET /indicators */
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('view')
    const user = auth.getUserOrFail()
    const framework = await resultsFramework(
      (organisationId) => viewerOf(user.memberships, organisationId),
      currentYear(),
      undefined,
      { userId: user.id, ip: request.ip(), outlet: 'page' }
    )
    const mayManage = await bouncer.with(IndicatorPolicy).allows('manage')
    const mayReadPack = await bouncer.with(ProgressPackPolicy).allows('view')
    const primaryMark = primaryMarkFor(await publicationMinimumToday())
    return view.render('pages/indicators/index', { framework, mayManage, mayReadPack, primaryMark })
  }

  /** GET /indicators/:id: the series per year and per grant, and the values entered with evidence. */
  async show({ auth, bouncer, params, request, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('view')
    const user = auth.getUserOrFail()
    const indicator = await Indicator.findOrFail(params.id)
    const viewer = (organisationId: number) => viewerOf(user.memberships, organisationId)
    const [group] = await resultsFramework(viewer, currentYear(), indicator.id, {
      userId: user.id,
      ip: request.ip(),
      outlet: 'page',
    })
    const minimum = await publicationMinimumToday()
    const breakdowns = breakdownsJson(
      await indicatorBreakdowns(indicator, viewer, { minimum, store: disclosurePatterns })
    )
    const mayManage = await bouncer.with(IndicatorPolicy).allows('manage')
    const values = await IndicatorValue.query()
      .where('indicator_id', indicator.id)
      .preload('enteredBy')
      .orderBy('id', 'desc')
    const grants = mayManage
      ? await Grant.query().select('id', 'reference').orderBy('reference')
      : []
    return view.render('pages/indicators/show', {
      group,
      row: group.indicators[0],
      values,
      grants,
      mayManage,
      breakdowns,
      minimum,
    })
  }

  /** GET /indicators/new?result=ID */
  async create({ bouncer, request, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('manage')
    return view.render('pages/indicators/form', {
      ...(await formOptions()),
      indicator: null,
      values: { resultId: request.qs().result ?? '', disaggregation: [], targets: '' },
    })
  }

  /** GET /indicators/:id/edit */
  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const indicator = await Indicator.findOrFail(params.id)
    return view.render('pages/indicators/form', {
      ...(await formOptions()),
      indicator,
      values: { ...indicator.serialize(), targets: formatTargets(indicator.targets) },
    })
  }

  /** POST /indicators */
  async store({ auth, bouncer, request, response, session, i18n }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = indicatorInput(await request.validateUsing(indicatorValidator))
    const indicator = await this.saveIndicator.handle(
      null,
      input,
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash('success', i18n.t('results.flash.indicator_saved', { code: indicator.code }))
    return response.redirect().toPath(`/indicators/${indicator.id}`)
  }

  /** POST /indicators/:id */
  async update({ auth, bouncer, params, request, response, session, i18n }: HttpContext) {
    const existing = await Indicator.findOrFail(params.id)
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = indicatorInput(await request.validateUsing(indicatorValidator))
    await this.saveIndicator.handle(existing.id, input, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('results.flash.indicator_saved', { code: input.code }))
    return response.redirect().toPath(`/indicators/${existing.id}`)
  }

  /** POST /indicators/:id/values (multipart, with the evidence document) */
  async storeValue({ auth, bouncer, params, request, response, session, i18n }: HttpContext) {
    const indicator = await Indicator.findOrFail(params.id)
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = await request.validateUsing(indicatorValueValidator)
    const upload = await FileStore.accept(
      request.file('evidence'),
      'indicators',
      acceptedDocumentTypes
    )
    if (!upload.ok || !upload.file) {
      session.flashAll()
      session.flashErrors({
        evidence: i18n.t(
          upload.ok ? 'results.errors.evidence_required' : `messages.files.${upload.reason}`
        ),
      })
      return response.redirect().back()
    }
    await this.recordValue.handle(
      indicator.id,
      {
        year: input.year,
        grantId: input.grantId ?? null,
        value: input.value,
        evidence: upload.file,
      },
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash('success', i18n.t('results.flash.value_recorded', { code: indicator.code }))
    return response.redirect().toPath(`/indicators/${indicator.id}`)
  }

  /** GET /indicator-values/:id/evidence */
  async evidence({ bouncer, params, response }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('view')
    const value = await IndicatorValue.findOrFail(params.id)
    const bytes = await FileStore.read(value.evidenceFileKey)
    asDownload(response, value.evidenceFileName, 'application/octet-stream')
    return response.send(Buffer.from(bytes))
  }
}

function currentYear() {
  return DateTime.now().setZone('Europe/Belgrade').year
}

async function formOptions() {
  const results = await Result.query().orderBy('code')
  return {
    results,
    units: indicatorUnits,
    rules: indicatorRules,
    measures: indicatorMeasures,
    disaggregations,
  }
}
