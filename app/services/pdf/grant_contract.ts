import type { DateTime } from 'luxon'
import { budgetHeadings } from '#domain/budget/budget'
import type { ScheduleRow } from '#domain/grants/grant_finances'
import { optionOnePrefinancingBp } from '#domain/grants/grant_finances'
import { allocate, capByBasisPoints, formatMoney } from '#domain/money'
import type Grant from '#models/grant'
import type GrantBudgetLine from '#models/grant_budget_line'
import type User from '#models/user'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'

/** Kosovo's time zone: every instant in a document is shown in it. */
export const DOCUMENT_ZONE = 'Europe/Belgrade'

/** The labels of the reader's language (the request's i18n satisfies it). */
export interface DocumentLabels {
  locale: string
  t(key: string, data?: Record<string, unknown>): string
}

export interface GrantContractInput {
  /** With `grantee` and `funder` loaded, and `parent` for a sub-grant. */
  grant: Grant
  /** The budget lines of the current version (`grantFinances(grant).lines`). */
  lines: readonly GrantBudgetLine[]
  /** Planned and paid per tranche (`grantFinances(grant).position.schedule`). */
  schedule: readonly ScheduleRow[]
  signers: { grantee: User | null; funder: User | null }
  /** The EU action the grant is part of (programme settings in force when the contract was prepared). */
  action?: { title: string; decisionNumber: string }
}

type Pdf = PDFKit.PDFDocument
type Fonts = { regular: string; bold: string }

export interface TableColumn {
  width: number
  align?: 'left' | 'right'
}

/** An instant as people read it: `2027-01-15 14:30` in Kosovo time. */
export function formatInstant(value: DateTime) {
  return value.setZone(DOCUMENT_ZONE).toFormat('yyyy-MM-dd HH:mm')
}

/**
 * Basis points (hundredths of a per cent, integers) as a percentage with
 * two decimals: 9500 → "95.00 %", with the locale's decimal separator.
 */
export function formatBasisPoints(basisPoints: number, locale: string) {
  const decimal =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')
      ?.value ?? '.'
  const units = Math.trunc(basisPoints / 100)
  const fraction = String(basisPoints % 100).padStart(2, '0')
  return `${units}${decimal}${fraction} %`
}

/**
 * The shares of F and co-financing in TEC, in basis points that add up to
 * exactly 100.00 % (largest remainder, integers only); null without a TEC.
 */
export function contributionShares(funderCents: number, cofinancingCents: number) {
  if (funderCents + cofinancingCents <= 0) return null
  const [funder, cofinancing] = allocate(10_000, [funderCents, cofinancingCents])
  return { funder, cofinancing }
}

/** A section title in bold, starting at the left margin. */
export function sectionTitle(doc: Pdf, fonts: Fonts, title: string) {
  doc.x = doc.page.margins.left
  doc.moveDown(0.8)
  doc.font(fonts.bold).fontSize(12).text(title)
  doc.moveDown(0.3)
  doc.font(fonts.regular).fontSize(10)
}

/**
 * Rows of cells at fixed column widths; a row that would cross the bottom
 * margin starts a new page. `bold` rows are headers and totals.
 */
/**
 * The height of a table cell. Most cells fit on one line: measuring the width is
 * enough there, and the line wrapper (most of a long report's time) runs only
 * for the cells that wrap. The documents set no line gap.
 */
function cellHeight(doc: Pdf, text: string, width: number) {
  if (!/[\n\r]/.test(text) && doc.widthOfString(text) <= width) return doc.currentLineHeight(true)
  return doc.heightOfString(text, { width })
}

export function drawTable(
  doc: Pdf,
  fonts: Fonts,
  columns: readonly TableColumn[],
  rows: readonly { cells: readonly string[]; bold?: boolean }[],
  fontSize = 10
) {
  const left = doc.page.margins.left
  const gap = 6
  doc.fontSize(fontSize)
  for (const row of rows) {
    doc.font(row.bold ? fonts.bold : fonts.regular)
    const height = Math.max(
      ...row.cells.map((cell, index) => cellHeight(doc, cell || ' ', columns[index].width - gap))
    )
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage()
    const top = doc.y
    let x = left
    row.cells.forEach((cell, index) => {
      const column = columns[index]
      doc.text(cell, x, top, { width: column.width - gap, align: column.align ?? 'left' })
      x += column.width
    })
    doc.x = left
    doc.y = top + height + 3
  }
  doc.font(fonts.regular).fontSize(10)
}

/**
 * The grant contract summary (the special conditions): parties, period and
 * reporting periods, the amounts with their exact shares, the payment
 * option, the payment schedule and the budget by heading, and who signed.
 * Every amount goes through `formatMoney` in the reader's locale, as on the
 * grant page.
 */
export async function grantContractPdf(input: GrantContractInput, labels: DocumentLabels) {
  const { grant, lines, schedule, signers } = input
  const { locale } = labels
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const money = (cents: number) => formatMoney(cents, grant.currency, locale)
  const title = t('grant_documents.contract.title')
  const { doc, fonts } = createPdf(`${title} ${grant.reference}`, visibilityMark(labels, grant))

  doc.font(fonts.bold).fontSize(16).text(`${title} — ${grant.reference}`)
  doc
    .font(fonts.regular)
    .fontSize(10)
    .text(
      `${grant.isSubGrant ? t('messages.grants.sub_grant') : t('messages.grants.grant')} · ${t('messages.grants.status')}: ${t(`messages.grant_statuses.${grant.status}`)}`
    )

  const facts = [
    { width: 200 },
    { width: doc.page.width - doc.page.margins.left - doc.page.margins.right - 200 },
  ]

  sectionTitle(doc, fonts, t('grant_documents.contract.parties'))
  drawTable(doc, fonts, facts, [
    { cells: [t('messages.grants.grantee'), grant.grantee.name] },
    { cells: [t('messages.calls.funder'), grant.funder.name] },
    ...(input.action
      ? [
          {
            cells: [
              t('settings2.contract.action'),
              input.action.decisionNumber
                ? `${input.action.title} · ${t('settings2.contract.decision', { number: input.action.decisionNumber })}`
                : input.action.title,
            ],
          },
        ]
      : []),
    ...(grant.isSubGrant
      ? [
          {
            cells: [t('messages.grants.parent'), grant.parent?.reference ?? '—'],
          },
        ]
      : []),
  ])

  sectionTitle(doc, fonts, t('messages.grants.period'))
  drawTable(doc, fonts, facts, [
    {
      cells: [
        t('messages.grants.period'),
        `${grant.startsOn.toISODate()} – ${grant.endsOn.toISODate()}`,
      ],
    },
  ])
  doc.moveDown(0.3)
  drawTable(
    doc,
    fonts,
    [{ width: 40 }, { width: 200 }, { width: 255 }],
    [
      {
        cells: [
          '#',
          t('grant_documents.contract.reporting_period'),
          t('messages.grants.report_due'),
        ],
        bold: true,
      },
      ...grant.periods.map((period) => ({
        cells: [
          String(period.number),
          `${period.startsOn} – ${period.endsOn}`,
          `${period.reportDueOn}${period.isFinal ? ` · ${t('messages.grants.final_report')}` : ''}`,
        ],
      })),
    ]
  )

  sectionTitle(doc, fonts, t('grant_documents.contract.amounts'))
  const shares = contributionShares(grant.funderCents, grant.cofinancingCents)
  const share = (basisPoints: number | undefined) =>
    basisPoints === undefined
      ? ''
      : t('grant_documents.contract.share_of_tec', {
          percent: formatBasisPoints(basisPoints, locale),
        })
  const amounts = [{ width: 170 }, { width: 105, align: 'right' as const }, { width: 220 }]
  drawTable(doc, fonts, amounts, [
    { cells: [t('messages.full.tec'), money(grant.totalEligibleCents), ''] },
    {
      cells: [
        t('messages.grants.funder_contribution'),
        money(grant.funderCents),
        share(shares?.funder),
      ],
    },
    {
      cells: [
        t('messages.full.cofinancing_total'),
        money(grant.cofinancingCents),
        share(shares?.cofinancing),
      ],
    },
  ])

  sectionTitle(doc, fonts, t('messages.grants.payment_option'))
  doc.text(t(`messages.grants.payment_options.${grant.paymentOption}`))
  if (grant.paymentOption === 'option_2') {
    doc.text(
      t('grant_documents.contract.prefinancing_cap', {
        percent: formatBasisPoints(grant.prefinancingCapBp, locale),
        amount: money(capByBasisPoints(grant.funderCents, grant.prefinancingCapBp)),
      })
    )
  } else {
    doc.text(
      t('grant_documents.contract.option_one_prefinancing', {
        percent: formatBasisPoints(optionOnePrefinancingBp, locale),
      })
    )
  }

  sectionTitle(doc, fonts, t('messages.grants.schedule'))
  doc.text(t('messages.grants.schedule_intro'))
  doc.moveDown(0.3)
  const scheduleColumns = [
    { width: 30 },
    { width: 165 },
    { width: 60 },
    { width: 120, align: 'right' as const },
    { width: 120, align: 'right' as const },
  ]
  const plannedTotal = schedule.reduce((total, row) => total + row.plannedCents, 0)
  const paidTotal = schedule.reduce((total, row) => total + row.paidCents, 0)
  drawTable(doc, fonts, scheduleColumns, [
    {
      cells: [
        '#',
        t('messages.grants.tranche'),
        t('grant_documents.contract.period'),
        t('messages.grants.planned'),
        t('messages.grants.paid'),
      ],
      bold: true,
    },
    ...schedule.map((row) => ({
      cells: [
        String(row.number),
        t(`messages.grants.tranche_kinds.${row.kind}`),
        row.period === null ? '—' : String(row.period),
        money(row.plannedCents),
        money(row.paidCents),
      ],
    })),
    {
      cells: ['', t('grant_documents.contract.total'), '', money(plannedTotal), money(paidTotal)],
      bold: true,
    },
  ])

  sectionTitle(doc, fonts, t('grant_documents.contract.budget'))
  if (lines.length > 0) {
    doc.text(t('grant_documents.contract.budget_version', { version: lines[0].version }))
    doc.moveDown(0.3)
  }
  const budgetColumns = [{ width: 335 }, { width: 160, align: 'right' as const }]
  const linesTotal = lines.reduce((total, line) => total + line.totalCents, 0)
  drawTable(doc, fonts, budgetColumns, [
    { cells: [t('messages.full.heading'), t('messages.full.line_total')], bold: true },
    ...budgetHeadings.map((heading) => ({
      cells: [
        t(`messages.budget_headings.${heading}`),
        money(
          lines
            .filter((line) => line.heading === heading)
            .reduce((total, line) => total + line.totalCents, 0)
        ),
      ],
    })),
    { cells: [t('grant_documents.contract.budget_total'), money(linesTotal)], bold: true },
  ])

  sectionTitle(doc, fonts, t('messages.grants.signatures'))
  const signature = (by: User | null, at: DateTime | null) =>
    at
      ? t('grant_documents.signed_by', { name: by?.fullName ?? '—', at: formatInstant(at) })
      : t('messages.grants.not_signed')
  drawTable(doc, fonts, facts, [
    {
      cells: [t('messages.grants.grantee'), signature(signers.grantee, grant.granteeSignedAt)],
    },
    { cells: [t('messages.calls.funder'), signature(signers.funder, grant.funderSignedAt)] },
  ])

  return pdfToBuffer(doc)
}
