import { formatMoney } from '#domain/money'
import {
  criterionMaximum,
  formatScore,
  gridMaximum,
  logframeCriteria,
  logframeScore,
  sectionMaximum,
  sectionTotal,
  type Grid,
} from '#domain/calls/grid'
import type Application from '#models/application'
import type Call from '#models/call'
import i18nManager from '@adonisjs/i18n/services/main'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'

export interface ReportRow {
  application: Application
  /** Per assessor: the sheet of the stage. */
  sheets: Record<string, number>[]
}

const KOSOVO = 'Europe/Belgrade'

function averageSection(grid: Grid, sheets: Record<string, number>[], sectionKey: string) {
  const section = grid.sections.find((s) => s.key === sectionKey)!
  if (sheets.length === 0) return '—'
  const totals = sheets.map((sheet) => sectionTotal(section, sheet))
  const sum = totals.reduce((a, b) => a + b, 0)
  return formatScore(Math.floor((sum * 200 + totals.length) / (2 * totals.length)))
}

/** The evaluation report for the committee: the grids, every application's section scores, the ranking and the decisions. */
export async function evaluationReportPdf(
  call: Call,
  conceptRows: ReportRow[],
  fullRows: ReportRow[]
) {
  const { doc, fonts } = createPdf(
    `Evaluation report ${call.reference}`,
    visibilityMark(i18nManager.locale('en'))
  )
  doc.font(fonts.bold).fontSize(16).text(`Evaluation report — ${call.reference}`)
  doc.font(fonts.regular).fontSize(11).text(call.titleEn)
  doc.moveDown(0.5)
  doc.text(`Funder: ${call.funder?.name ?? call.funderOrganisationId}`)
  doc.text(`Budget envelope: ${formatMoney(call.budgetEnvelopeCents, call.currency)}`)
  doc.text(
    `Concept-note deadline: ${call.conceptDeadlineAt.setZone(KOSOVO).toFormat('yyyy-MM-dd HH:mm')} (Kosovo time)`
  )
  if (call.fullDeadlineAt) {
    doc.text(
      `Full-application deadline: ${call.fullDeadlineAt.setZone(KOSOVO).toFormat('yyyy-MM-dd HH:mm')} (Kosovo time)`
    )
  }
  doc.text(`Status: ${call.status.replaceAll('_', ' ')}`)

  for (const [title, grid, rows, scoreOf, rankOf] of [
    [
      'Concept notes',
      call.conceptGrid,
      conceptRows,
      (a: Application) => a.conceptScoreHundredths,
      (a: Application) => a.conceptRank,
    ],
    [
      'Full applications',
      call.fullGrid,
      fullRows,
      (a: Application) => a.fullScoreHundredths,
      (a: Application) => a.fullRank,
    ],
  ] as const) {
    doc.addPage()
    doc
      .font(fonts.bold)
      .fontSize(14)
      .text(`${title}: grid of ${gridMaximum(grid)} points, pass mark ${grid.threshold}`)
    doc.font(fonts.regular).fontSize(10)
    for (const section of grid.sections) {
      const max = sectionMaximum(section)
      doc.text(
        `${section.key}. ${section.title} (${max})${section.eliminatoryMinimum ? ` — eliminated below ${section.eliminatoryMinimum}` : ''}`
      )
    }
    const logframeCriteriaOfGrid = logframeCriteria(grid)
    if (logframeCriteriaOfGrid.length > 0) {
      doc.text(
        `Logframe, scored beside the structured logframe: ${logframeCriteriaOfGrid
          .map((c) => `${c.key} ${c.title} (${criterionMaximum(c)})`)
          .join('; ')}`
      )
    }
    doc.moveDown()
    const ranked = [...rows].sort(
      (a, b) => (rankOf(a.application) ?? 999) - (rankOf(b.application) ?? 999)
    )
    for (const row of ranked) {
      const application = row.application
      doc.font(fonts.bold).fontSize(11)
      doc.text(
        `${rankOf(application) ?? '—'}. ${application.organisation.name} — ${application.title}`
      )
      doc.font(fonts.regular).fontSize(10)
      doc.text(
        `Average ${formatScore(scoreOf(application))} of ${gridMaximum(grid)} from ${row.sheets.length} assessors · decision: ${application.status.replaceAll('_', ' ')}`
      )
      doc.text(
        grid.sections.map((s) => `${s.key}: ${averageSection(grid, row.sheets, s.key)}`).join('   ')
      )
      const logframe = logframeScore(grid, row.sheets)
      if (logframe) {
        doc.text(
          `Logframe (${logframe.keys.join(', ')}): average ${formatScore(logframe.averageHundredths)} of ${logframe.maximum}`
        )
      }
      doc.moveDown(0.5)
    }
  }
  return pdfToBuffer(doc)
}

/** A result letter to one applicant. */
export async function resultLetterPdf(call: Call, application: Application, comments: string[]) {
  const { doc, fonts } = createPdf(
    `Result ${call.reference} ${application.organisation.name}`,
    visibilityMark(i18nManager.locale('en'))
  )
  doc.font(fonts.bold).fontSize(14).text(`${call.reference} — result of your application`)
  doc.font(fonts.regular).fontSize(11).moveDown()
  doc.text(`To: ${application.organisation.name}`)
  doc.text(`Application: ${application.title}`)
  doc.moveDown()
  doc.text(
    `Concept note: average ${formatScore(application.conceptScoreHundredths)} of ${gridMaximum(call.conceptGrid)}.`
  )
  if (application.fullScoreHundredths !== null) {
    doc.text(
      `Full application: average ${formatScore(application.fullScoreHundredths)} of ${gridMaximum(call.fullGrid)}.`
    )
  }
  doc.text(`Decision: ${application.status.replaceAll('_', ' ')}.`)
  if (application.status === 'awarded' && application.fullRequestedCents !== null) {
    doc.text(`Grant awarded: ${formatMoney(application.fullRequestedCents, application.currency)}.`)
  }
  if (comments.length > 0) {
    doc.moveDown().font(fonts.bold).text("Assessors' comments")
    doc.font(fonts.regular)
    for (const comment of comments) doc.text(`• ${comment}`)
  }
  return pdfToBuffer(doc)
}
