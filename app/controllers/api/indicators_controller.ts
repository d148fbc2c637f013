import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { RecordIndicatorValue } from '#actions/results/record_indicator_value'
import { SaveIndicator } from '#actions/results/save_indicator'
import { SaveResult } from '#actions/results/save_result'
import { acceptedDocumentTypes } from '#domain/documents'
import { viewerOf } from '#domain/reports/disclosure'
import Indicator from '#models/indicator'
import Result from '#models/result'
import type User from '#models/user'
import IndicatorPolicy from '#policies/indicator_policy'
import { apiText } from '#services/request_locale'
import { resultsFramework } from '#queries/results_framework'
import { indicatorBreakdowns } from '#queries/indicator_breakdowns'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { disclosurePatterns } from '#services/disclosure_patterns'
import { FileStore } from '#services/file_store'
import { indicatorJson, resultJson } from '#transformers/indicator_transformer'
import { indicatorInput } from '#validators/indicator_input'
import { indicatorValidator, indicatorValueValidator, resultValidator } from '#validators/results'

/** The results framework through the API: read by the programme's people, kept by the EU Office. */
@inject()
export default class IndicatorsController {
  constructor(
    private saveResult: SaveResult,
    private saveIndicator: SaveIndicator,
    private recordValue: RecordIndicatorValue
  ) {}

  /** GET /api/v1/indicators */
  async index({ auth, bouncer, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await bouncer.with(IndicatorPolicy).authorize('view')
    const framework = await resultsFramework(
      (id) => viewerOf(user.memberships, id),
      year(),
      undefined,
      { userId: user.id, ip: request.ip(), outlet: 'api' }
    )
    return {
      data: framework.flatMap((group) =>
        group.indicators.map((view) => indicatorJson(view, group.result, true))
      ),
    }
  }

  /** GET /api/v1/indicators/:id */
  async show({ auth, bouncer, params, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await bouncer.with(IndicatorPolicy).authorize('view')
    const indicator = await Indicator.findOrFail(params.id)
    const viewer = (id: number) => viewerOf(user.memberships, id)
    const [group] = await resultsFramework(viewer, year(), indicator.id, {
      userId: user.id,
      ip: request.ip(),
      outlet: 'api',
    })
    const breakdowns = await indicatorBreakdowns(indicator, viewer, {
      minimum: await publicationMinimumToday(),
      store: disclosurePatterns,
    })
    return { data: indicatorJson(group.indicators[0], group.result, true, breakdowns) }
  }

  /** POST /api/v1/results */
  async storeResult({ auth, bouncer, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = await request.validateUsing(resultValidator)
    const result = await this.saveResult.handle(null, input, user, request.ip())
    return response.created({ data: resultJson(result) })
  }

  /** PUT /api/v1/results/:id */
  async updateResult({ auth, bouncer, params, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const existing = await Result.findOrFail(params.id)
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = await request.validateUsing(resultValidator)
    return {
      data: resultJson(await this.saveResult.handle(existing.id, input, user, request.ip())),
    }
  }

  /** POST /api/v1/indicators */
  async store({ auth, bouncer, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = indicatorInput(await request.validateUsing(indicatorValidator))
    const indicator = await this.saveIndicator.handle(null, input, user, request.ip())
    return response.created({ data: await this.fresh(user, indicator.id) })
  }

  /** PUT /api/v1/indicators/:id */
  async update({ auth, bouncer, params, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const existing = await Indicator.findOrFail(params.id)
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = indicatorInput(await request.validateUsing(indicatorValidator))
    await this.saveIndicator.handle(existing.id, input, user, request.ip())
    return { data: await this.fresh(user, existing.id) }
  }

  /** POST /api/v1/indicators/:id/values (multipart: year, grantId?, value, evidence) */
  async storeValue({ auth, bouncer, params, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const indicator = await Indicator.findOrFail(params.id)
    await bouncer.with(IndicatorPolicy).authorize('manage')
    const input = await request.validateUsing(indicatorValueValidator)
    const upload = await FileStore.accept(
      request.file('evidence'),
      'indicators',
      acceptedDocumentTypes
    )
    if (!upload.ok || !upload.file) {
      return response.unprocessableEntity({
        errors: [
          {
            code: 'E_VALIDATION_ERROR',
            field: 'evidence',
            message: apiText(
              request,
              upload.ok ? 'results.errors.evidence_required' : `messages.files.${upload.reason}`,
              {},
              user.locale
            ),
          },
        ],
      })
    }
    const value = await this.recordValue.handle(
      indicator.id,
      {
        year: input.year,
        grantId: input.grantId ?? null,
        value: input.value,
        evidence: upload.file,
      },
      user,
      request.ip()
    )
    return response.created({
      data: {
        id: value.id,
        year: value.year,
        grantId: value.grantId,
        value: value.value,
        evidenceFileName: value.evidenceFileName,
        enteredById: value.enteredById,
      },
    })
  }

  private async fresh(user: User, id: number) {
    const [group] = await resultsFramework((o) => viewerOf(user.memberships, o), year(), id)
    return indicatorJson(group.indicators[0], group.result, true)
  }
}

function year() {
  return DateTime.now().setZone('Europe/Belgrade').year
}
