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
import { kosovoDeadlineIn } from '#domain/calls/kosovo_time'
import type { DocumentLabels } from '#services/pdf/grant_contract'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'

export interface ReportRow {
  application: Application
  /** Per assessor: the sheet of the stage. */
  sheets: Record<string, number>[]
}

function averageSection(grid: Grid, sheets: Record<string, number>[], sectionKey: string) {
  const section = grid.sections.find((s) => s.key === sectionKey)!
  if (sheets.length === 0) return '—'
  const totals = sheets.map((sheet) => sectionTotal(section, sheet))
  const sum = totals.reduce((a, b) => a + b, 0)
  return formatScore(Math.floor((sum * 200 + totals.length) / (2 * totals.length)))
}

/**
 * The evaluation report for the committee, in the reader's language: the
 * grids, every application's section scores, the ranking and the decisions.
 */
export async function evaluationReportPdf(
  call: Call,
  conceptRows: ReportRow[],
  fullRows: ReportRow[],
  labels: DocumentLabels = i18nManager.locale(i18nManager.defaultLocale)
) {
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const title = t('texts.evaluation_pdf.title', { reference: call.reference })
  const { doc, fonts } = createPdf(title, visibilityMark(labels))
  doc.font(fonts.bold).fontSize(16).text(title)
  doc.font(fonts.regular).fontSize(11).text(call.titleIn(labels.locale))
  doc.moveDown(0.5)
  doc.text(
    t('texts.evaluation_pdf.funder', { name: call.funder?.name ?? call.funderOrganisationId })
  )
  doc.text(
    t('texts.evaluation_pdf.envelope', {
      amount: formatMoney(call.budgetEnvelopeCents, call.currency, labels.locale),
    })
  )
  doc.text(
    t('texts.evaluation_pdf.concept_deadline', {
      deadline: kosovoDeadlineIn(call.conceptDeadlineAt)(labels),
    })
  )
  if (call.fullDeadlineAt) {
    doc.text(
      t('texts.evaluation_pdf.full_deadline', {
        deadline: kosovoDeadlineIn(call.fullDeadlineAt)(labels),
      })
    )
  }
  doc.text(t('texts.evaluation_pdf.status', { status: t(`messages.call_statuses.${call.status}`) }))

  for (const [stage, grid, rows, scoreOf, rankOf] of [
    [
      'concept_notes',
      call.conceptGrid,
      conceptRows,
      (a: Application) => a.conceptScoreHundredths,
      (a: Application) => a.conceptRank,
    ],
    [
      'full_applications',
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
      .text(
        t(`texts.evaluation_pdf.${stage}`, { points: gridMaximum(grid), threshold: grid.threshold })
      )
    doc.font(fonts.regular).fontSize(10)
    for (const section of grid.sections) {
      const max = sectionMaximum(section)
      doc.text(
        `${section.key}. ${section.title} (${max})${section.eliminatoryMinimum ? ` — ${t('texts.evaluation_pdf.eliminated_below', { minimum: section.eliminatoryMinimum })}` : ''}`
      )
    }
    const logframeCriteriaOfGrid = logframeCriteria(grid)
    if (logframeCriteriaOfGrid.length > 0) {
      doc.text(
        t('texts.evaluation_pdf.logframe_criteria', {
          criteria: logframeCriteriaOfGrid
            .map((c) => `${c.key} ${c.title} (${criterionMaximum(c)})`)
            .join('; '),
        })
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
        t('texts.evaluation_pdf.average', {
          score: formatScore(scoreOf(application)),
          max: gridMaximum(grid),
          count: row.sheets.length,
          decision: t(`messages.application_statuses.${application.status}`),
        })
      )
      doc.text(
        grid.sections.map((s) => `${s.key}: ${averageSection(grid, row.sheets, s.key)}`).join('   ')
      )
      const logframe = logframeScore(grid, row.sheets)
      if (logframe) {
        doc.text(
          t('texts.evaluation_pdf.logframe_average', {
            keys: logframe.keys.join(', '),
            score: formatScore(logframe.averageHundredths),
            max: logframe.maximum,
          })
        )
      }
      doc.moveDown(0.5)
    }
  }
  return pdfToBuffer(doc)
}

/** A result letter to one applicant, in the reader's language. */
export async function resultLetterPdf(
  call: Call,
  application: Application,
  comments: string[],
  labels: DocumentLabels = i18nManager.locale(i18nManager.defaultLocale)
) {
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const { doc, fonts } = createPdf(
    t('texts.result_letter.document_title', {
      reference: call.reference,
      organisation: application.organisation.name,
    }),
    visibilityMark(labels)
  )
  doc
    .font(fonts.bold)
    .fontSize(14)
    .text(t('texts.result_letter.title', { reference: call.reference }))
  doc.font(fonts.regular).fontSize(11).moveDown()
  doc.text(t('texts.result_letter.to', { organisation: application.organisation.name }))
  doc.text(t('texts.result_letter.application', { title: application.title }))
  doc.moveDown()
  doc.text(
    t('texts.result_letter.concept_score', {
      score: formatScore(application.conceptScoreHundredths),
      max: gridMaximum(call.conceptGrid),
    })
  )
  if (application.fullScoreHundredths !== null) {
    doc.text(
      t('texts.result_letter.full_score', {
        score: formatScore(application.fullScoreHundredths),
        max: gridMaximum(call.fullGrid),
      })
    )
  }
  doc.text(
    t('texts.result_letter.decision', {
      decision: t(`messages.application_statuses.${application.status}`),
    })
  )
  if (application.status === 'awarded' && application.fullRequestedCents !== null) {
    doc.text(
      t('texts.result_letter.awarded', {
        amount: formatMoney(application.fullRequestedCents, application.currency, labels.locale),
      })
    )
  }
  if (comments.length > 0) {
    doc.moveDown().font(fonts.bold).text(t('texts.result_letter.comments'))
    doc.font(fonts.regular)
    for (const comment of comments) doc.text(`• ${comment}`)
  }
  return pdfToBuffer(doc)
}
