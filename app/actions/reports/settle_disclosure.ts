import db from '@adonisjs/lucid/services/db'
import { isProtectedSeries, settleSeries } from '#domain/reports/disclosure'
import { publicationMinimumToday } from '#queries/publication_minimum'
import { statisticsSeries } from '#queries/statistics_series'
import { statisticRollups } from '#queries/indicator_actuals'
import Indicator from '#models/indicator'
import { indicatorBreakdowns } from '#queries/indicator_breakdowns'
import { disclosurePatterns } from '#services/disclosure_patterns'

/**
 * Computes and stores what viewers see when statistics change (ADR 0025,
 * ADR 0033), with the large budget and the publication minimum in force
 * today:
 * - the least suppression of each given grant's series (outsiders);
 * - every roll-up (national and per grant, every measure) as an outsider
 *   sees them;
 * - the same roll-ups as each shelter's organisation sees them. A shelter
 *   sees its own series in full, so its roll-ups are audited with its own
 *   counts known: the outsiders' roll-ups are not safe for it (a national
 *   total shown because two shelters' hidden totals keep a range would give
 *   one of them the other's total by subtraction).
 *
 * Run after the change is committed (`disclosureSettler`: statistics
 * saved, a report approved, a minimum in force, a view that found nothing
 * stored; the demo; `disclosure:settle`), so that report pages, exports
 * and the indicators only read stored patterns.
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
    const settle = { minimum, store: disclosurePatterns, settle: true }
    await statisticRollups(() => ({ insider: false }), settle)
    const shelters = await db
      .from('grants')
      .join('expense_reports', 'expense_reports.grant_id', 'grants.id')
      .where('expense_reports.status', 'approved')
      .distinct('grants.grantee_organisation_id as organisation_id')
      .orderBy('organisation_id')
    for (const { organisation_id: organisationId } of shelters) {
      await statisticRollups((id) => ({ insider: id === Number(organisationId) }), settle)
    }
    // Each disaggregated indicator's breakdowns, as its page and the API ask for them.
    const indicators = await Indicator.query().where('rule', 'service_statistics')
    for (const indicator of indicators.filter((i) => i.disaggregation.length > 0)) {
      await indicatorBreakdowns(indicator, () => ({ insider: false }), settle)
    }
  }
}
