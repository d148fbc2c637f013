import type { ReportAcceptedCosts } from '#domain/grants/accepted_costs'
import { formatMoney } from '#domain/money'
import { statisticMeasures } from '#domain/reports/statistics'
import type ExpenseLine from '#models/expense_line'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import type GrantBudgetLine from '#models/grant_budget_line'
import type { FinancialReportRow } from '#queries/budget_overview'
import type { ServicePage } from '#queries/service_view'
import type { DocumentLabels } from '#services/pdf/grant_contract'
import { drawTable, formatInstant, sectionTitle } from '#services/pdf/grant_contract'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'

export interface FinancialReportInput {
  /** With `grantee` and `funder` loaded. */
  grant: Grant
  report: ExpenseReport
  /** `financialReportFacts(report, grant)`. */
  rows: readonly FinancialReportRow[]
  lines: readonly { line: ExpenseLine; budgetLine: GrantBudgetLine | null }[]
  totals: { claimedCents: number; admittedCents: number; undecided: number }
  /** Accepted costs of the report (DOMAIN-RULES §3), as on its page and in the API. */
  accepted: Pick<
    ReportAcceptedCosts,
    'admittedCents' | 'indirectExcessCents' | 'contingencyExcessCents' | 'acceptedCents'
  >
  /**
   * The service statistics as the reader may see them (`serviceView` with
   * the signed-in user); null when the report has none.
   */
  statistics: FinancialReportStatistics | null
}

/** What the PDF shows of `serviceView(report, grant, user, view)`. */
export type FinancialReportStatistics = Pick<
  ServicePage,
  'insider' | 'primaryMark' | 'shown' | 'bedDays' | 'costCents' | 'costPerBedDay'
>

type DisplayedTable = ServicePage['shown']['measures']['admissions']['bySexAndAgeBand']

/**
 * The financial report of one expense report in the layout of PRAG
 * Annex VI: the report's facts; per budget heading and budget line the
 * budget, the expenditure of this period (claimed and admitted), the
 * cumulative admitted expenditure of the approved reports up to this one
 * and what remains; then every expense item with its budget heading and
 * line, minimum standard and receipt reference; totals; then, when the
 * report has them, the service statistics as the reader may see them
 * (counts of 1–4 and the totals that would give them away are "<5" outside
 * the shelter's organisation, DOMAIN-RULES §9). Every amount goes through
 * `formatMoney` in the reader's locale, as on the pages.
 */
export async function financialReportPdf(input: FinancialReportInput, labels: DocumentLabels) {
  const { grant, report, rows, lines, totals, accepted, statistics } = input
  const { locale } = labels
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const money = (cents: number | null) =>
    cents === null ? '—' : formatMoney(cents, report.currency, locale)
  const title = t('reports.financial_report.title')
  const { doc, fonts } = createPdf(
    `${title} ${grant.reference} ${report.periodNumber}`,
    visibilityMark(labels, grant)
  )
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const facts = [{ width: 170 }, { width: width - 170 }]
  const period = grant.periods.find((p) => p.number === report.periodNumber)

  doc.font(fonts.bold).fontSize(16).text(title)
  doc.fontSize(12).text(`${grant.reference} · ${t('reports.financial_report.annex')}`)
  doc.font(fonts.regular).fontSize(10)

  sectionTitle(doc, fonts, t('reports.financial_report.report'))
  drawTable(doc, fonts, facts, [
    {
      cells: [
        grant.isSubGrant ? t('reports.labels.sub_grant') : t('reports.labels.grant'),
        grant.reference,
      ],
    },
    { cells: [t('reports.labels.grantee'), grant.grantee.name] },
    { cells: [t('reports.labels.funder'), grant.funder.name] },
    {
      cells: [
        t('reports.labels.implementation'),
        `${grant.startsOn.toISODate()} – ${grant.endsOn.toISODate()}`,
      ],
    },
    {
      cells: [
        t('reports.labels.reporting_period'),
        period
          ? `${period.number} · ${period.startsOn} – ${period.endsOn}`
          : String(report.periodNumber),
      ],
    },
    { cells: [t('reports.labels.report_kind'), t(`reports.kinds.${report.kind}`)] },
    { cells: [t('reports.labels.status'), t(`messages.report_statuses.${report.status}`)] },
    { cells: [t('reports.labels.version'), String(report.version)] },
    ...(period ? [{ cells: [t('reports.labels.due_on'), period.reportDueOn] }] : []),
    ...(report.submittedAt
      ? [{ cells: [t('reports.labels.submitted_at'), formatInstant(report.submittedAt)] }]
      : []),
    ...(report.status === 'approved' && report.decidedAt
      ? [{ cells: [t('reports.labels.approved_at'), formatInstant(report.decidedAt)] }]
      : []),
    { cells: [t('reports.labels.currency'), report.currency] },
  ])

  sectionTitle(doc, fonts, t('reports.financial_report.by_heading'))
  doc.fontSize(9).text(t('reports.financial_report.by_heading_hint'))
  doc.moveDown(0.3)
  const labelWidth = width - 5 * 73
  const amount = { width: 73, align: 'right' as const }
  const headingName = (row: FinancialReportRow) => {
    if (row.kind === 'total') return t('reports.labels.total')
    if (row.kind === 'unassigned') return t('reports.labels.unassigned')
    if (row.kind === 'heading') return t(`messages.budget_headings.${row.heading}`)
    return `   ${row.synthetic === 'earlier' ? t('reports.labels.earlier_lines') : row.label}`
  }
  drawTable(
    doc,
    fonts,
    [{ width: labelWidth }, amount, amount, amount, amount, amount],
    [
      {
        cells: [
          t('reports.labels.heading_line'),
          t('reports.labels.budget'),
          t('reports.financial_report.period_claimed'),
          t('reports.financial_report.period_admitted'),
          t('reports.financial_report.cumulative'),
          t('reports.labels.remaining'),
        ],
        bold: true,
      },
      ...rows.map((row) => ({
        cells: [
          headingName(row),
          money(row.budgetCents),
          money(row.periodClaimedCents),
          money(row.periodAdmittedCents),
          money(row.cumulativeCents),
          money(row.remainingCents),
        ],
        bold: row.kind !== 'line',
      })),
    ],
    7.5
  )

  sectionTitle(doc, fonts, t('reports.financial_report.items'))
  if (lines.length === 0) {
    doc.text(t('reports.financial_report.no_items'))
  } else {
    const itemColumns = [
      { width: 18 },
      { width: 47 },
      { width: 62 },
      { width: width - 415 },
      { width: 82 },
      { width: 48 },
      { width: 42 },
      { width: 58, align: 'right' as const },
      { width: 58, align: 'right' as const },
    ]
    drawTable(
      doc,
      fonts,
      itemColumns,
      [
        {
          cells: [
            '#',
            t('reports.labels.date'),
            t('reports.labels.supplier'),
            t('reports.labels.description'),
            t('reports.labels.budget_line'),
            t('reports.labels.standard'),
            t('reports.labels.receipt'),
            t('reports.labels.claimed'),
            t('reports.labels.admitted'),
          ],
          bold: true,
        },
        ...lines.map(({ line, budgetLine }, index) => ({
          cells: [
            String(index + 1),
            line.spentOn.toISODate() ?? '',
            line.supplier,
            line.description,
            budgetLine
              ? `${t(`messages.budget_headings.${budgetLine.heading}`)} / ${budgetLine.label}`
              : t('reports.labels.unassigned'),
            line.standardCode,
            line.receiptNumber ?? '—',
            money(line.claimedCents),
            money(line.admittedCents),
          ],
        })),
        {
          cells: [
            '',
            '',
            '',
            t('reports.labels.total'),
            '',
            '',
            '',
            money(totals.claimedCents),
            money(totals.admittedCents),
          ],
          bold: true,
        },
      ],
      7
    )
    if (totals.undecided > 0) {
      doc.moveDown(0.3)
      doc.fontSize(9).text(t('reports.financial_report.undecided', { count: totals.undecided }))
      doc.fontSize(10)
    }
  }

  sectionTitle(doc, fonts, t('contingency.accepted.title'))
  drawTable(doc, fonts, facts, [
    { cells: [t('contingency.accepted.admitted'), money(accepted.admittedCents)] },
    { cells: [t('contingency.accepted.indirect_excess'), money(accepted.indirectExcessCents)] },
    {
      cells: [t('contingency.accepted.contingency_excess'), money(accepted.contingencyExcessCents)],
    },
    { cells: [t('contingency.accepted.accepted'), money(accepted.acceptedCents)], bold: true },
  ])

  if (statistics) {
    sectionTitle(doc, fonts, t('service.statistics'))
    doc.fontSize(9).text(t('service.privacy'))
    if (!statistics.insider) {
      doc.moveDown(0.2)
      doc.text(t('service.suppression_note', { mark: statistics.primaryMark }))
    }
    doc.fontSize(10)
    doc.moveDown(0.3)
    drawTable(doc, fonts, facts, [
      {
        cells: [
          t('service.cost_per_bed_day'),
          statistics.costPerBedDay === null ? '—' : money(statistics.costPerBedDay),
        ],
      },
      { cells: [t('service.bed_days'), String(statistics.bedDays)] },
      {
        cells: [
          report.admittedCents === null ? t('service.cost_claimed') : t('service.cost_admitted'),
          money(statistics.costCents),
        ],
      },
    ])

    // Per measure the two tables side by side: sex × age band and origin × sex, with totals.
    const number = { width: 57, align: 'right' as const }
    const statisticColumns = [
      { width: width - 6 * 57 - 70 - 11 },
      number,
      number,
      number,
      { width: 11 },
      { width: 70 },
      number,
      number,
      number,
    ]
    const tableRows = (
      table: DisplayedTable,
      label: (key: string) => string
    ): { cells: string[]; bold?: boolean }[] => [
      ...table.rows.map((key, i) => ({
        cells: [
          label(key),
          ...table.cells[i].map((cell) => cell.display),
          table.rowTotals[i].display,
        ],
      })),
      {
        cells: [
          t('service.total'),
          ...table.columnTotals.map((cell) => cell.display),
          table.total.display,
        ],
        bold: true,
      },
    ]
    for (const measure of statisticMeasures) {
      const { bySexAndAgeBand, byOriginAndSex } = statistics.shown.measures[measure]
      const left = tableRows(bySexAndAgeBand, (key) => t(`service.sexes.${key}`))
      const right = tableRows(byOriginAndSex, (key) => t(`service.origins.${key}`))
      doc.moveDown(0.4)
      // Keep a measure's title with its table.
      if (doc.y + 70 > doc.page.height - doc.page.margins.bottom) doc.addPage()
      drawTable(
        doc,
        fonts,
        [{ width }],
        [{ cells: [t(`service.measures.${measure}`)], bold: true }]
      )
      drawTable(
        doc,
        fonts,
        statisticColumns,
        [
          {
            cells: [
              t('service.sex'),
              ...bySexAndAgeBand.columns.map((key) => t(`service.age_bands.${key}`)),
              t('service.total'),
              '',
              t('service.origin'),
              ...byOriginAndSex.columns.map((key) => t(`service.sexes.${key}`)),
              t('service.total'),
            ],
            bold: true,
          },
          ...left.map((row, i) => ({
            cells: [...row.cells, '', ...right[i].cells],
            bold: row.bold,
          })),
        ],
        8
      )
    }

    const referrals = statistics.shown.referrals
    doc.moveDown(0.4)
    drawTable(doc, fonts, [{ width }], [{ cells: [t('service.referrals')], bold: true }])
    drawTable(
      doc,
      fonts,
      [{ width: 200 }, { width: 60, align: 'right' }],
      [
        { cells: [t('service.source'), t('service.count')], bold: true },
        ...referrals.keys.map((key, i) => ({
          cells: [t(`service.sources.${key}`), referrals.counts[i].display],
        })),
        { cells: [t('service.total'), referrals.total.display], bold: true },
      ],
      8
    )
  }

  return pdfToBuffer(doc)
}
