import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { Indicators } from '#actions/reports/indicators'
import type { IndicatorMeasure } from '#domain/reports/indicators'
import {
  actualFor,
  indicatorStatus,
  indicatorYears,
  shownActualFor,
  targetFor,
} from '#domain/reports/indicators'
import { displayCount, primaryMarkFor, viewerOf } from '#domain/reports/disclosure'
import Indicator from '#models/indicator'
import IndicatorPolicy from '#policies/indicator_policy'
import { yearlyStatistics } from '#queries/indicator_actuals'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { disclosurePatterns } from '#services/disclosure_patterns'

/** The logframe indicators against their targets, with actual values from approved reports. */
@inject()
export default class IndicatorsController {
  constructor(private indicators: Indicators) {}

  /** GET /indicators */
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(IndicatorPolicy).authorize('view')
    const user = auth.getUserOrFail()
    await this.indicators.ensureDefaults(user, request.ip())
    const minimum = await publicationMinimumToday()
    const [indicators, statistics] = await Promise.all([
      Indicator.query().orderBy('code'),
      yearlyStatistics((organisationId) => viewerOf(user.memberships, organisationId), {
        minimum,
        store: disclosurePatterns,
      }),
    ])
    const currentYear = DateTime.now().setZone('Europe/Belgrade').year
    const rows = indicators.map((indicator) => {
      const measure = indicator.measure as IndicatorMeasure
      const actual = actualFor(measure, statistics)
      const shownActual = shownActualFor(measure, statistics, minimum)
      return {
        indicator,
        years: indicatorYears(indicator, actual.keys(), currentYear).map((year) => {
          const value = actual.get(year) ?? null
          const shown = shownActual.get(year)
          const target = targetFor(indicator, year)
          return {
            year,
            isBaseline: year === indicator.baselineYear,
            target,
            actual: value === null || !shown ? null : displayCount(shown),
            status: indicatorStatus(
              value,
              year === indicator.baselineYear ? null : target,
              shown,
              minimum
            ),
          }
        }),
      }
    })
    return view.render('pages/indicators/index', { rows, primaryMark: primaryMarkFor(minimum) })
  }
}
