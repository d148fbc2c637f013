import { isProtectedSeries, settleSeries } from '#domain/reports/disclosure'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { statisticsSeries } from '#queries/statistics_series'
import { yearlyStatistics } from '#queries/indicator_actuals'
import Indicator from '#models/indicator'
import { indicatorSeries } from '#queries/indicator_series'
import { indicatorBreakdowns } from '#queries/indicator_breakdowns'
import { disclosurePatterns } from '#services/disclosure_patterns'

/**
 * Computes and stores what outsiders see when statistics change (ADR
 * 0025): the least suppression of each given grant's series and the
 * national roll-ups (indicators) as an outsider sees them, with the large
 * budget and the publication minimum in force today. Run after the change
 * is committed (statistics saved, a report approved, the demo loaded), so
 * that report pages, exports and the indicators only read stored patterns.
 */
export class SettleDisclosure {
  async handle(grantIds: readonly number[]) {
    const minimum = await publicationMinimumToday()
    const series = await statisticsSeries(grantIds)
    for (const members of series.values()) {
      const tables = members.map((member) => member.tables)
      if (isProtectedSeries(tables, minimum)) {
        await settleSeries(tables, disclosurePatterns, minimum)
      }
    }
    await yearlyStatistics(() => ({ insider: false }), {
      minimum,
      store: disclosurePatterns,
      settle: true,
    })
    // The results framework's roll-ups (national and per grant) as an outsider sees them.
    const indicators = await Indicator.query().where('rule', 'service_statistics')
    await indicatorSeries(indicators, () => ({ insider: false }), {
      minimum,
      store: disclosurePatterns,
      settle: true,
    })
    // Each disaggregated indicator's breakdowns, as its page and the API ask for them.
    for (const indicator of indicators.filter((i) => i.disaggregation.length > 0)) {
      await indicatorBreakdowns(indicator, () => ({ insider: false }), {
        minimum,
        store: disclosurePatterns,
        settle: true,
      })
    }
  }
}
