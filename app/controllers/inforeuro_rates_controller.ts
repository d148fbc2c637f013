import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { ImportInforEuroRates } from '#actions/inforeuro/import_inforeuro_rates'
import { rateText } from '#domain/reports/exchange'
import type InforeuroRate from '#models/inforeuro_rate'
import InforeuroRatePolicy from '#policies/inforeuro_rate_policy'
import { inforEuroRates } from '#queries/inforeuro_rates'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'
import { parseInforEuroCsv, type InforEuroImportError } from '#services/inforeuro_import'
import { inforEuroFilterValidator } from '#validators/inforeuro_rate'

/** The InforEuro table: read by everyone signed in, imported from CSV by finance officers. */
export default class InforeuroRatesController {
  /** GET /inforeuro-rates (and /inforeuro-rates.csv) */
  async index({ request, bouncer, view, response }: HttpContext) {
    await bouncer.with(InforeuroRatePolicy).authorize('view')
    const filter = await inforEuroFilterValidator.validate(request.qs())
    const rates = await inforEuroRates(filter)
    if (request.url().endsWith('.csv')) {
      asDownload(response, 'inforeuro-rates.csv', csvType)
      return inforEuroCsv(rates)
    }
    const mayImport = await bouncer.with(InforeuroRatePolicy).allows('import')
    const query = new URLSearchParams()
    if (filter.currency) query.set('currency', filter.currency)
    if (filter.month) query.set('month', filter.month)
    const exportQuery = query.size > 0 ? `?${query}` : ''
    return view.render('pages/inforeuro_rates/index', {
      rates,
      filter,
      mayImport,
      rateText,
      exportQuery,
    })
  }

  /** POST /inforeuro-rates/imports (multipart `file`) */
  async import({ auth, request, response, session, bouncer, i18n }: HttpContext) {
    await bouncer.with(InforeuroRatePolicy).authorize('import')
    const bytes = await uploadedCsv(request)
    const parsed = bytes
      ? parseInforEuroCsv(bytes)
      : { rows: [], errors: [{ line: 0, column: 'file', key: 'ux.api.attach_csv', values: {} }] }
    if (parsed.errors.length > 0) {
      session.flash('error', i18n.t('eligibility.import_failed', { count: parsed.errors.length }))
      session.flash(
        'importErrors',
        (parsed.errors satisfies InforEuroImportError[]).map((error) => ({
          line: error.line,
          column: error.column,
          message: i18n.t(error.key, error.values),
        }))
      )
      return response.redirect().toPath('/inforeuro-rates')
    }
    const done = await new ImportInforEuroRates().handle(
      parsed.rows,
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash('success', i18n.t('eligibility.imported', { count: done.rates }))
    return response.redirect().toPath('/inforeuro-rates')
  }
}

export async function uploadedCsv(request: HttpContext['request']) {
  const file = request.file('file', { size: '2mb' })
  if (!file || !file.tmpPath || !file.isValid) return null
  return readFile(file.tmpPath)
}

export function inforEuroCsv(rates: readonly InforeuroRate[]) {
  return toCsv(
    ['currency', 'month', 'rate'],
    rates.map((rate) => [rate.currency, rate.month, rateText(rate.rateMicro)])
  )
}

export function inforEuroJson(rate: InforeuroRate) {
  return {
    currency: rate.currency,
    month: rate.month,
    rate: rateText(rate.rateMicro),
    rateMicro: rate.rateMicro,
  }
}
