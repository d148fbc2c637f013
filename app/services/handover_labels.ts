import type { Flag } from '#domain/handover/position'
import { formatMoney } from '#domain/money'
import { formatBasisPoints } from '#services/pdf/grant_contract'
import { programmeCurrencyNow } from '#services/programme_settings'

interface Labels {
  locale: string
  t(key: string, data?: Record<string, unknown>): string
}

/** A share in basis points as people read it ("70.00 %"), or a dash. */
export function shareText(bp: number | null, locale: string) {
  return bp === null ? '—' : formatBasisPoints(bp, locale)
}

/** What a flag means for this shelter and year, with its figures, in the reader's language. */
export function flagText(flag: Flag, labels: Labels) {
  const d = flag.detail
  const money = (value: unknown) =>
    typeof value === 'number' ? formatMoney(value, programmeCurrencyNow(), labels.locale) : '—'
  const share = (value: unknown) =>
    typeof value === 'number' ? shareText(value, labels.locale) : '—'
  switch (flag.code) {
    case 'unlicensed':
      return labels.t('handover.flag_details.unlicensed', { on: d.on })
    case 'donor_ends_before_target':
      return labels.t('handover.flag_details.donor_ends_before_target', {
        date: d.donorEndsOn,
        share: share(d.stateShareBp),
        target: share(d.targetBp),
      })
    case 'half_not_transferred':
      return labels.t('handover.flag_details.half_not_transferred', {
        by: d.by,
        committed: money(d.committedCents),
        transferred: money(d.transferredCents),
      })
    case 'not_fully_transferred':
      return labels.t('handover.flag_details.not_fully_transferred', {
        by: d.by,
        committed: money(d.committedCents),
        missing: money(d.missingCents),
      })
    case 'under_committed':
      return labels.t('handover.flag_details.under_committed', {
        share: share(d.committedShareBp),
        target: share(d.targetBp),
        missing: money(d.missingCents),
      })
    case 'late_first_transfer':
      return d.firstTransferOn
        ? labels.t('handover.flag_details.late_first_transfer', {
            first: d.firstTransferOn,
            deadline: d.deadline,
            days: d.daysLate,
          })
        : labels.t('handover.flag_details.no_transfer_yet', {
            deadline: d.deadline,
            days: d.daysLate,
          })
  }
}
