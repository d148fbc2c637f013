import SVGtoPDF from 'svg-to-pdfkit'
import { primaryMarkFor } from '#domain/reports/disclosure'
import type { ProgressPack } from '#queries/progress_pack'
import { svgForPdf } from '#services/handover_chart'
import type { DocumentLabels } from '#services/pdf/grant_contract'
import { drawTable, sectionTitle } from '#services/pdf/grant_contract'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'
import { packMoney } from '#services/progress_pack_view'

/**
 * The steering committee's progress pack for a quarter, with the EU
 * emblem on every page: the same figures as the page and the API, amounts
 * through `formatMoney` in the reader's locale.
 */
export async function progressPackPdf(
  pack: ProgressPack,
  chart: string,
  labels: DocumentLabels,
  minimum: number,
  moneyChart?: string
) {
  const { locale } = labels
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const money = (cents: number) => packMoney(cents, locale)
  const title = t('results.pack.title', { quarter: pack.quarter })
  const { doc, fonts } = createPdf(title, visibilityMark(labels))
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const two = [{ width: 300 }, { width: width - 300, align: 'right' as const }]
  /** A chart (server-drawn SVG) scaled to the text width, on a new page when it does not fit. */
  const drawChart = (svg: string) => {
    const ratio = svgRatio(svg)
    if (doc.y + width * ratio > doc.page.height - doc.page.margins.bottom) doc.addPage()
    const top = doc.y
    // Without its own width and height, the SVG fills the box given (its viewBox keeps the ratio).
    const fitted = svgForPdf(svg).replace(/<svg([^>]*?)\swidth="[\d.]+"\sheight="[\d.]+"/, '<svg$1')
    SVGtoPDF(doc, fitted, doc.page.margins.left, top, {
      width,
      height: width * ratio,
      fontCallback: (_family: string, bold: boolean) => (bold ? fonts.bold : fonts.regular),
    })
    doc.x = doc.page.margins.left
    doc.y = top + width * ratio + 6
  }

  doc.font(fonts.bold).fontSize(16).text(title)
  doc.font(fonts.regular).fontSize(10).text(t('results.pack.heading'))
  doc.text(`${pack.startsOn} – ${pack.endsOn}`)
  doc.text(t('disclosure2.pack_intro', { largest: minimum - 1, mark: primaryMarkFor(minimum) }))

  sectionTitle(doc, fonts, t('results.pack.calls'))
  const c = pack.calls
  drawTable(
    doc,
    fonts,
    [{ width: 220 }, { width: 130, align: 'right' }, { width: width - 350, align: 'right' }],
    [
      { cells: ['', t('results.pack.in_quarter'), t('results.pack.to_date')], bold: true },
      {
        cells: [
          t('results.pack.calls_published'),
          String(c.publishedInQuarter),
          String(c.publishedToDate),
        ],
      },
      {
        cells: [
          t('results.pack.applications'),
          String(c.applicationsInQuarter),
          String(c.applicationsToDate),
        ],
      },
      {
        cells: [
          t('results.pack.grants_signed'),
          String(c.grantsSignedInQuarter),
          String(c.grantsSignedToDate),
        ],
      },
      {
        cells: [
          t('results.pack.committed'),
          money(c.awardedCentsInQuarter),
          money(c.awardedCentsToDate),
        ],
      },
    ]
  )

  sectionTitle(doc, fonts, t('results.pack.money'))
  if (moneyChart) drawChart(moneyChart)
  const quarterColumn = 90
  const amountColumn = (width - quarterColumn) / 3
  drawTable(
    doc,
    fonts,
    [
      { width: quarterColumn },
      { width: amountColumn, align: 'right' },
      { width: amountColumn, align: 'right' },
      { width: amountColumn, align: 'right' },
    ],
    [
      {
        cells: [
          t('results.pack.quarter_end'),
          t('results.pack.committed'),
          t('results.pack.planned'),
          t('results.pack.disbursed'),
        ],
        bold: true,
      },
      ...pack.money.map((row) => ({
        cells: [
          row.quarter,
          money(row.committedCents),
          money(row.plannedCents),
          money(row.disbursedCents),
        ],
      })),
    ],
    9
  )

  sectionTitle(doc, fonts, t('results.pack.reports'))
  drawTable(doc, fonts, two, [
    ...pack.reports.map((row) => ({
      cells: [t('messages.report_statuses.' + row.status), String(row.count)],
    })),
  ])

  sectionTitle(doc, fonts, t('results.pack.narrative_reports'))
  drawTable(doc, fonts, two, [
    ...pack.narrativeReports.map((row) => ({
      cells: [t('narrative.statuses.' + row.status), String(row.count)],
    })),
  ])

  sectionTitle(doc, fonts, t('results.pack.indicators'))
  drawChart(chart)
  const year = Number(pack.quarter.slice(0, 4))
  drawTable(
    doc,
    fonts,
    [
      { width: 60 },
      { width: width - 240 },
      { width: 60, align: 'right' },
      { width: 60, align: 'right' },
      { width: 60 },
    ],
    [
      {
        cells: [
          '',
          '',
          t('service.indicators.target'),
          t('service.indicators.actual'),
          t('service.indicators.status'),
        ],
        bold: true,
      },
      ...pack.indicators.map((indicator) => {
        const row = indicator.years.find((y) => y.year === year)
        return {
          cells: [
            indicator.code,
            titleIn(indicator.title, locale),
            row?.target === null || row?.target === undefined ? '—' : String(row.target),
            row?.actual ?? '—',
            row ? t('service.indicators.statuses.' + row.status) : '',
          ],
        }
      }),
    ],
    8
  )

  sectionTitle(doc, fonts, t('results.pack.licences'))
  drawTable(doc, fonts, two, [
    ...pack.licences.byStatus.map((row) => ({
      cells: [t('messages.licence_statuses.' + row.status), String(row.count)],
    })),
    { cells: [t('results.pack.expiring'), String(pack.licences.expiringWithin90Days)] },
  ])

  sectionTitle(doc, fonts, t('results.pack.handover'))
  doc.text(t('results.pack.handover_year', { year: pack.handover.year }))
  drawTable(doc, fonts, two, [
    { cells: [t('results.pack.need'), money(pack.handover.needCents)] },
    { cells: [t('results.pack.state_committed'), money(pack.handover.committedCents)] },
    { cells: [t('results.pack.transferred'), money(pack.handover.transferredCents)] },
    { cells: [t('results.pack.gap'), money(pack.handover.gapCents)], bold: true },
  ])

  sectionTitle(doc, fonts, t('results.pack.action_points'))
  if (pack.actionPoints.length === 0) doc.text(t('results.pack.no_action_points'))
  for (const point of pack.actionPoints) {
    doc.text(`${point.grantReference} · ${point.title} · ${point.owner} · ${point.dueOn}`)
  }
  doc.moveDown(0.5)
  doc.font(fonts.bold).text(t('results.pack.risks')).font(fonts.regular)
  if (pack.risks.length === 0) doc.text(t('results.pack.no_risks'))
  for (const risk of pack.risks) doc.text(`• ${riskText(risk, t, money)}`)

  return pdfToBuffer(doc)
}

/** A risk flag of the pack in words. */
export function riskText(
  risk: ProgressPack['risks'][number],
  t: (key: string, data?: Record<string, unknown>) => string,
  money: (cents: number) => string
) {
  if ('amountCents' in risk) return t('results.pack.risk_gap', { amount: money(risk.amountCents!) })
  return t(`results.pack.risk_${risk.code}`, { count: risk.count })
}

function titleIn(title: { en: string; sq: string; sr: string }, locale: string) {
  if (locale === 'sq') return title.sq
  if (locale.startsWith('sr')) return title.sr
  return title.en
}

function svgRatio(svg: string) {
  const w = Number(svg.match(/<svg[^>]*\swidth="([\d.]+)"/)?.[1] ?? 0)
  const h = Number(svg.match(/<svg[^>]*\sheight="([\d.]+)"/)?.[1] ?? 0)
  return w > 0 && h > 0 ? h / w : 0.5
}
