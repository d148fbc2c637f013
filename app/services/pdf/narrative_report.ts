import type { Logframe } from '#domain/narrative/logframe'
import type { Breakdown } from '#domain/narrative/narrative_report'
import type Grant from '#models/grant'
import type NarrativeReport from '#models/narrative_report'
import type { ShownIndicatorRow, subGrantContributions } from '#queries/narrative_view'
import type { DocumentLabels } from '#services/pdf/grant_contract'
import { drawTable, sectionTitle } from '#services/pdf/grant_contract'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'

export interface NarrativeReportInput {
  report: NarrativeReport
  grant: Grant
  logframe: Logframe
  indicators: ShownIndicatorRow[]
  contributions: Awaited<ReturnType<typeof subGrantContributions>>
  /** Programme indicators by id (their codes name the roll-up's rows). */
  programme?: Map<number, { code: string }>
}

/**
 * The narrative report (PRAG Annex VI, narrative part) in the reader's
 * language: progress per result and activity, indicator values as the
 * reader may see them (hidden people counts stay "<5" or "x"), deviations,
 * risks, lessons, visibility actions and the sub-grantees' contributions.
 * The grant's visibility mark is on every page.
 */
export async function narrativeReportPdf(input: NarrativeReportInput, labels: DocumentLabels) {
  const { report, grant, logframe } = input
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const title = t('narrative.pdf.title', {
    period: report.periodNumber,
    reference: grant.reference,
  })
  const { doc, fonts } = createPdf(title, visibilityMark(labels, grant))
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  doc.font(fonts.bold).fontSize(16).text(title)
  doc
    .font(fonts.regular)
    .fontSize(10)
    .text(
      `${grant.grantee?.name ?? ''} · ${t(`narrative.kinds.${report.kind}`)} · ${t(`narrative.statuses.${report.status}`)} · v${report.version}`
    )

  const paragraph = (heading: string, body: string | null) => {
    sectionTitle(doc, fonts, heading)
    doc
      .font(fonts.regular)
      .fontSize(10)
      .text(body ?? '—')
  }
  paragraph(t('narrative.report.summary'), report.content.summary)

  sectionTitle(doc, fonts, t('narrative.report.progress'))
  drawTable(
    doc,
    fonts,
    [{ width: 60 }, { width: 90 }, { width: width - 150 }],
    logframe.items
      .filter((item) => item.level === 'result' || item.level === 'activity')
      .map((item) => {
        const row = report.content.progress.find((p) => p.ref === item.ref)
        return {
          cells: [
            item.ref,
            row?.status ? t(`narrative.activity_statuses.${row.status}`) : '',
            `${item.text}\n${row?.text ?? '—'}`,
          ],
          bold: item.level === 'result',
        }
      })
  )

  sectionTitle(doc, fonts, t('narrative.report.indicators'))
  const part = (row: ShownIndicatorRow, key: Breakdown) =>
    row.breakdowns[key]
      ? Object.entries(row.breakdowns[key]!)
          .map(([k, v]) => `${t(`narrative.breakdown.${k}`)} ${v.value}`)
          .join(', ')
      : ''
  drawTable(
    doc,
    fonts,
    [{ width: 60 }, { width: 70, align: 'right' as const }, { width: width - 130 }],
    input.indicators.map((row) => ({
      cells: [
        row.ref,
        row.value.value,
        [part(row, 'sex'), part(row, 'ageBand'), part(row, 'origin'), row.comment ?? '']
          .filter((p) => p)
          .join(' · '),
      ],
    }))
  )

  sectionTitle(doc, fonts, t('narrative.report.deviations'))
  if (report.content.deviations.length === 0) doc.font(fonts.regular).fontSize(10).text('—')
  for (const deviation of report.content.deviations) {
    doc
      .font(fonts.regular)
      .fontSize(10)
      .text(`${deviation.text} — ${t('narrative.report.reason')}: ${deviation.reason}`)
  }
  paragraph(t('narrative.report.risks'), report.content.risks)
  paragraph(t('narrative.report.lessons'), report.content.lessons)
  paragraph(t('narrative.report.visibility'), report.content.visibility)

  if (input.contributions.rows.length > 0) {
    sectionTitle(doc, fonts, t('narrative.report.contributions'))
    drawTable(
      doc,
      fonts,
      [{ width: 150 }, { width: 60 }, { width: width - 210 }],
      input.contributions.rows.map((row) => ({
        cells: [row.organisation, String(row.periodNumber), row.summary ?? '—'],
      }))
    )
  }
  if (input.contributions.rollUp.length > 0) {
    sectionTitle(doc, fonts, t('narrative.report.roll_up'))
    const column = (width - 150) / 3
    drawTable(
      doc,
      fonts,
      [{ width: 150 }, { width: column }, { width: column }, { width: column }],
      [
        {
          cells: [
            t('results2.roll_up.indicator'),
            t('results2.roll_up.own'),
            t('results2.roll_up.sub_grantees'),
            t('results2.roll_up.total'),
          ],
          bold: true,
        },
        ...input.contributions.rollUp.map((row) => ({
          cells: [
            input.programme?.get(row.programmeIndicatorId)?.code ??
              String(row.programmeIndicatorId),
            row.own?.value ?? '—',
            row.value.value,
            row.total.value,
          ],
        })),
      ]
    )
    doc.font(fonts.regular).fontSize(9).text(t('results2.roll_up.rule'))
  }
  return pdfToBuffer(doc)
}
