import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { Indicators } from '#actions/reports/indicators'
import type { IndicatorMeasure } from '#domain/reports/indicators'
import {
  actualFor,
  indicatorStatus,
  indicatorYears,
  shownActual,
  targetFor,
} from '#domain/reports/indicators'
import { displayCount } from '#domain/reports/statistics'
import Indicator from '#models/indicator'
import IndicatorPolicy from '#policies/indicator_policy'
import { yearlyStatistics } from '#queries/indicator_actuals'

/** The logframe indicators against their targets, with actual values from approved reports. */
@inject()
export default class IndicatorsController {
  constructor(private indicators: Indicators) {}

  /** GET /indicators */
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('view')
    await this.indicators.ensureDefaults(auth.getUserOrFail(), request.ip())
    const [indicators, statistics] = await Promise.all([
      Indicator.query().orderBy('code'),
      yearlyStatistics(),
    ])
    const currentYear = DateTime.now().setZone('Europe/Belgrade').year
    const rows = indicators.map((indicator) => {
      const actual = actualFor(indicator.measure as IndicatorMeasure, statistics)
      return {
        indicator,
        years: indicatorYears(indicator, actual.keys(), currentYear).map((year) => {
          const value = actual.get(year) ?? null
          const target = targetFor(indicator, year)
          return {
            year,
            isBaseline: year === indicator.baselineYear,
            target,
            actual: value === null ? null : displayCount(shownActual(value)),
            status: indicatorStatus(value, year === indicator.baselineYear ? null : target),
          }
        }),
      }
    })
    return view.render('pages/indicators/index', { rows })
  }
}
