import { formatMoney } from '#domain/money'
import type ExpenseLine from '#models/expense_line'
import type ExpenseReport from '#models/expense_report'
import type Grant from '#models/grant'
import type GrantBudgetLine from '#models/grant_budget_line'
import type { FinancialReportRow } from '#queries/budget_overview'
import type { DocumentLabels } from '#services/pdf/grant_contract'
import { drawTable, formatInstant, sectionTitle } from '#services/pdf/grant_contract'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'

export interface FinancialReportInput {
  /** With `grantee` and `funder` loaded. */
  grant: Grant
  report: ExpenseReport
  /** `financialReportFacts(report, grant)`. */
  rows: readonly FinancialReportRow[]
  lines: readonly { line: ExpenseLine; budgetLine: GrantBudgetLine | null }[]
  totals: { claimedCents: number; admittedCents: number; undecided: number }
}

/**
 * The financial report of one expense report in the layout of PRAG
 * Annex VI: the report's facts; per budget heading and budget line the
 * budget, the expenditure of this period (claimed and admitted), the
 * cumulative admitted expenditure of the approved reports up to this one
 * and what remains; then every expense item with its budget heading and
 * line, minimum standard and receipt reference; totals. Every amount goes
 * through `formatMoney` in the reader's locale, as on the pages.
 */
export async function financialReportPdf(input: FinancialReportInput, labels: DocumentLabels) {
  const { grant, report, rows, lines, totals } = input
  const { locale } = labels
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const money = (cents: number | null) =>
    cents === null ? '—' : formatMoney(cents, report.currency, locale)
  const title = t('reports.financial_report.title')
  const { doc, fonts } = createPdf(`${title} ${grant.reference} ${report.periodNumber}`)
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

  return pdfToBuffer(doc)
}
