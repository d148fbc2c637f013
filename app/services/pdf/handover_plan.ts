import SVGtoPDF from 'svg-to-pdfkit'
import { formatMoney } from '#domain/money'
import type { HandoverPlan } from '#queries/handover_plan'
import { svgForPdf } from '#services/handover_chart'
import type { DocumentLabels } from '#services/pdf/grant_contract'
import { drawTable, formatBasisPoints, sectionTitle } from '#services/pdf/grant_contract'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'
import { programmeCurrencyNow } from '#services/programme_settings'

export interface HandoverPlanInput {
  plan: HandoverPlan
  year: number
  /** Programme staff read the national plan; an NGO its own shelters. */
  national: boolean
  /** The chart of the dashboard, as SVG. */
  chart: string
}

/**
 * The handover plan for the steering committee: the national summary of
 * the year, the chart of funding by source against the target (the same
 * SVG as on the dashboard, drawn as vectors), and the table of shelters
 * sorted by risk with their flags. Amounts go through `formatMoney` in the
 * reader's locale, as on the pages.
 */
export async function handoverPlanPdf(input: HandoverPlanInput, labels: DocumentLabels) {
  const { plan, year, chart } = input
  const { locale } = labels
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const money = (cents: number | null) =>
    cents === null ? '—' : formatMoney(cents, programmeCurrencyNow(), locale)
  const share = (bp: number | null) => (bp === null ? '—' : formatBasisPoints(bp, locale))
  const title = t('handover.pdf.title', { year })
  const { doc, fonts } = createPdf(title, visibilityMark(labels))
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const amounts = [{ width: 300 }, { width: width - 300, align: 'right' as const }]

  doc.font(fonts.bold).fontSize(16).text(title)
  doc
    .font(fonts.regular)
    .fontSize(10)
    .text(input.national ? t('handover.pdf.scope_national') : t('handover.pdf.scope_own'))
  doc.text(t('handover.pdf.as_of', { date: plan.today, start: plan.actionStartYear }))

  const totals = plan.national(year)
  sectionTitle(doc, fonts, t('handover.pdf.summary', { year }))
  drawTable(doc, fonts, amounts, [
    { cells: [t('handover.need'), money(totals.needCents)], bold: true },
    ...(totals.sheltersWithoutNeed > 0
      ? [{ cells: [t('handover.without_need'), String(totals.sheltersWithoutNeed)] }]
      : []),
    { cells: [t('handover.target_state'), money(totals.targetStateCents)] },
    { cells: [t('handover.committed'), money(totals.committedCents)] },
    { cells: [t('handover.sources.state'), money(totals.funding.state)] },
    { cells: [t('handover.sources.donor'), money(totals.funding.donor)] },
    { cells: [t('handover.sources.municipality'), money(totals.funding.municipality)] },
    { cells: [t('handover.sources.other_donor'), money(totals.funding.other_donor)] },
    { cells: [t('handover.sources.own_income'), money(totals.funding.own_income)] },
    { cells: [t('handover.total_funding'), money(totals.funding.total)], bold: true },
    { cells: [t('handover.state_share'), share(totals.stateShareBp)] },
    { cells: [t('handover.gap'), money(totals.gapCents)], bold: true },
    { cells: [t('handover.surplus'), money(totals.surplusCents)] },
  ])
  doc
    .font(fonts.regular)
    .fontSize(9)
    .text(
      t('handover.national_gap_note', {
        short: totals.sheltersShort,
        surplus: totals.sheltersInSurplus,
      })
    )

  sectionTitle(doc, fonts, t('handover.chart.title'))
  const chartWidth = width
  const ratio = svgRatio(chart)
  const chartHeight = chartWidth * ratio
  if (doc.y + chartHeight > doc.page.height - doc.page.margins.bottom) doc.addPage()
  const top = doc.y
  SVGtoPDF(doc, svgForPdf(chart), doc.page.margins.left, top, {
    width: chartWidth,
    height: chartHeight,
    fontCallback: (_family: string, bold: boolean) => (bold ? fonts.bold : fonts.regular),
  })
  doc.x = doc.page.margins.left
  doc.y = top + chartHeight + 6
  doc.font(fonts.regular).fontSize(10)

  doc.addPage()
  sectionTitle(doc, fonts, t('handover.pdf.shelters', { year }))
  const columns = [
    { width: 120 },
    { width: 62, align: 'right' as const },
    { width: 62, align: 'right' as const },
    { width: 62, align: 'right' as const },
    { width: 62, align: 'right' as const },
    { width: 45, align: 'right' as const },
    { width: width - 413 },
  ]
  drawTable(
    doc,
    fonts,
    columns,
    [
      {
        cells: [
          t('handover.shelter'),
          t('handover.need'),
          t('handover.sources.state'),
          t('handover.sources.donor'),
          t('handover.gap'),
          t('handover.state_share'),
          t('handover.flags_title'),
        ],
        bold: true,
      },
      ...plan.rows(year).map((row) => ({
        cells: [
          row.shelter.organisationName === row.shelter.name
            ? row.shelter.name
            : `${row.shelter.name}\n${row.shelter.organisationName}`,
          money(row.position.needCents),
          money(row.position.funding.state),
          money(row.position.funding.donor),
          row.position.surplusCents
            ? `${t('handover.surplus')} ${money(row.position.surplusCents)}`
            : money(row.position.shortfallCents),
          share(row.position.stateShareBp),
          row.position.flags.length === 0
            ? t('handover.no_flags')
            : row.position.flags.map((f) => t(`handover.flags.${f.code}`)).join('; '),
        ],
      })),
    ],
    8
  )
  return pdfToBuffer(doc)
}

/** height / width of an SVG from its root attributes. */
function svgRatio(svg: string) {
  const width = Number(svg.match(/<svg[^>]*\swidth="([\d.]+)"/)?.[1] ?? 0)
  const height = Number(svg.match(/<svg[^>]*\sheight="([\d.]+)"/)?.[1] ?? 0)
  return width > 0 && height > 0 ? height / width : 0.5
}
