import type { DateTime } from 'luxon'
import type { ReleaseCondition } from '#domain/grants/release_conditions'
import { conditionCodes } from '#domain/grants/release_conditions'
import { formatMoney } from '#domain/money'
import type Grant from '#models/grant'
import type OrganisationBankAccount from '#models/organisation_bank_account'
import type Payment from '#models/payment'
import type PaymentRequest from '#models/payment_request'
import type User from '#models/user'
import type { DocumentLabels } from '#services/pdf/grant_contract'
import { drawTable, formatInstant, sectionTitle } from '#services/pdf/grant_contract'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'
import { visibilityMark } from '#services/pdf/eu_visibility'

export interface PaymentOrderInput {
  /** With `grantee` and `funder` loaded. */
  grant: Grant
  request: PaymentRequest
  people: { requestedBy: User | null; verifiedBy: User | null; approvedBy: User | null }
  payment: Payment | null
  /** The grantee's primary bank account when the order is printed (ADR 0020). */
  payee?: OrganisationBankAccount | null
}

/** Detail keys of a release condition that have a label; others are shown as they are. */
const detailKeys = ['status', 'missing', 'period', 'reason', 'outstandingCents', 'reductionCents']

/**
 * The payment request and payment order of one tranche: the amounts as the
 * 70 % rule computed them, the verified amount with the reason of any
 * adjustment, the release conditions, the four-eyes path (who and when,
 * Kosovo time) and the payment once it is made. Every amount goes through
 * `formatMoney` in the reader's locale, as on the pages.
 */
export async function paymentOrderPdf(input: PaymentOrderInput, labels: DocumentLabels) {
  const { grant, request, people, payment, payee } = input
  const { locale } = labels
  const t = (key: string, data?: Record<string, unknown>) => labels.t(key, data)
  const money = (cents: number | null) =>
    cents === null ? '—' : formatMoney(cents, request.currency, locale)
  const title = t('grant_documents.order.title')
  const { doc, fonts } = createPdf(
    `${title} ${grant.reference} ${request.number}`,
    visibilityMark(labels, grant)
  )
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const facts = [{ width: 200 }, { width: width - 200 }]
  const amounts = [{ width: 360 }, { width: width - 360, align: 'right' as const }]

  doc.font(fonts.bold).fontSize(16).text(title)
  doc.fontSize(12).text(`${grant.reference} / ${request.number}`)
  doc
    .font(fonts.regular)
    .fontSize(10)
    .text(
      `${t('grant_documents.order.status')}: ${t(`grant_documents.request_statuses.${request.status}`)}`
    )

  sectionTitle(doc, fonts, t('grant_documents.order.tranche'))
  drawTable(doc, fonts, facts, [
    {
      cells: [
        `${grant.isSubGrant ? t('messages.grants.sub_grant') : t('messages.grants.grant')}`,
        grant.reference,
      ],
    },
    { cells: [t('messages.grants.grantee'), grant.grantee.name] },
    { cells: [t('messages.calls.funder'), grant.funder.name] },
    {
      cells: [
        t('messages.grants.tranche'),
        `${request.number} · ${t(`messages.grants.tranche_kinds.${request.kind}`)}`,
      ],
    },
    {
      cells: [
        t('grant_documents.order.period'),
        request.period === null ? '—' : String(request.period),
      ],
    },
  ])

  sectionTitle(doc, fonts, t('people.bank.pay_to'))
  if (payee) {
    drawTable(doc, fonts, facts, [
      { cells: [t('people.bank.holder'), payee.holderName] },
      { cells: [t('people.bank.iban'), payee.printedIban] },
      { cells: [t('people.bank.bank'), payee.bankName ?? '—'] },
      { cells: [t('people.bank.currency'), payee.currency] },
    ])
  } else {
    doc.text(t('people.bank.no_primary'))
  }

  sectionTitle(doc, fonts, t('grant_documents.order.amounts'))
  drawTable(doc, fonts, amounts, [
    { cells: [t('grant_documents.order.scheduled'), money(request.scheduledCents)] },
    { cells: [t('grant_documents.order.threshold'), money(request.thresholdCents)] },
    {
      cells: [t('grant_documents.order.funded_expenditure'), money(request.fundedExpenditureCents)],
    },
    { cells: [t('grant_documents.order.reduction'), money(request.reductionCents)] },
    { cells: [t('grant_documents.order.payable'), money(request.payableCents)], bold: true },
    { cells: [t('grant_documents.order.verified_amount'), money(request.verifiedCents)] },
  ])
  if (request.adjustmentReason) {
    doc.moveDown(0.3)
    drawTable(doc, fonts, facts, [
      { cells: [t('grant_documents.order.adjustment_reason'), request.adjustmentReason] },
    ])
  }
  doc.moveDown(0.3)
  drawTable(doc, fonts, amounts, [
    { cells: [t('grant_documents.order.amount_ordered'), money(request.amountCents)], bold: true },
  ])

  sectionTitle(doc, fonts, t('grant_documents.order.conditions'))
  const conditions = request.conditions ?? []
  if (conditions.length === 0) {
    doc.text(t('grant_documents.order.no_conditions'))
  } else {
    drawTable(
      doc,
      fonts,
      [{ width: 200 }, { width: 55 }, { width: 105 }, { width: width - 360 }],
      [
        {
          cells: [
            t('grant_documents.order.condition'),
            t('grant_documents.order.outcome'),
            t('grant_documents.order.effect'),
            t('grant_documents.order.detail'),
          ],
          bold: true,
        },
        ...conditions.map((condition) => ({
          cells: [
            (conditionCodes as readonly string[]).includes(condition.code)
              ? t(`grant_documents.conditions.${condition.code}`)
              : condition.code,
            t(condition.met ? 'grant_documents.order.met' : 'grant_documents.order.not_met'),
            t(`grant_documents.effects.${condition.effect}`),
            conditionDetail(condition, labels, money),
          ],
        })),
      ],
      9
    )
  }
  if (request.heldReason) {
    doc.moveDown(0.3)
    drawTable(doc, fonts, facts, [
      { cells: [t('grant_documents.order.held_reason'), request.heldReason] },
    ])
  }
  if (request.returnComment) {
    doc.moveDown(0.3)
    drawTable(doc, fonts, facts, [
      { cells: [t('grant_documents.order.return_comment'), request.returnComment] },
    ])
  }

  sectionTitle(doc, fonts, t('grant_documents.order.path'))
  const step = (by: User | null, at: DateTime | null) =>
    at
      ? t('grant_documents.signed_by', { name: by?.fullName ?? '—', at: formatInstant(at) })
      : t('grant_documents.order.not_yet')
  drawTable(doc, fonts, facts, [
    {
      cells: [t('grant_documents.order.requested'), step(people.requestedBy, request.requestedAt)],
    },
    {
      cells: [t('grant_documents.order.verified'), step(people.verifiedBy, request.verifiedAt)],
    },
    {
      cells: [t('grant_documents.order.approved'), step(people.approvedBy, request.approvedAt)],
    },
  ])

  sectionTitle(doc, fonts, t('grant_documents.order.payment'))
  if (payment) {
    drawTable(doc, fonts, facts, [
      { cells: [t('grant_documents.order.value_date'), payment.valueDate.toISODate() ?? ''] },
      { cells: [t('grant_documents.order.bank_reference'), payment.bankReference] },
    ])
    drawTable(doc, fonts, amounts, [
      {
        cells: [
          t('grant_documents.order.amount_paid'),
          formatMoney(payment.amountCents, payment.currency, locale),
        ],
        bold: true,
      },
    ])
  } else {
    doc.text(t('grant_documents.order.not_paid'))
  }

  return pdfToBuffer(doc)
}

/** The figures behind a condition's outcome, with amounts formatted like every other amount. */
function conditionDetail(
  condition: ReleaseCondition,
  labels: DocumentLabels,
  money: (cents: number) => string
) {
  return Object.entries(condition.detail ?? {})
    .map(([key, value]) => {
      const label = detailKeys.includes(key) ? labels.t(`grant_documents.details.${key}`) : key
      let text: string
      if (Array.isArray(value)) text = value.length === 0 ? '—' : value.join(', ')
      else if (key.endsWith('Cents') && typeof value === 'number') text = money(value)
      else if (key === 'status') text = labels.t(`messages.grant_statuses.${value}`)
      else text = String(value)
      return `${label}: ${text}`
    })
    .join('; ')
}
