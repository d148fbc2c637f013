import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { viewerOf } from '#domain/reports/disclosure'
import { formatMoney } from '#domain/money'
import { parseQuarter, quarterContaining, type Quarter } from '#domain/results/quarter'
import type User from '#models/user'
import { type ProgressPack, progressPack } from '#queries/progress_pack'
import { indicatorTargetsSvg, moneyOverTimeSvg } from '#services/progress_pack_chart'
import { offeredLocale, programmeCurrencyNow } from '#services/programme_settings'

/** The quarter asked for (`?quarter=2026-Q4`), the current one without it; null when malformed. */
export function askedQuarter(text: unknown): Quarter | null {
  if (text === undefined || text === null || text === '') {
    return quarterContaining(DateTime.now().setZone('Europe/Belgrade').toISODate()!)
  }
  return typeof text === 'string' ? parseQuarter(text) : null
}

/** The reader's language: `?locale=` when supported, else the request's. */
export function packI18n(ctx: HttpContext) {
  const asked = ctx.request.qs().locale
  const locale = typeof asked === 'string' ? offeredLocale(asked) : null
  return locale ? i18nManager.locale(locale) : ctx.i18n
}

/** The pack's figures for a person, with indicator values as they may see them. */
export function packFor(
  quarter: Quarter,
  user: User,
  access?: { ip: string; outlet: 'page' | 'api' | 'pdf' }
) {
  return progressPack(
    quarter,
    user,
    (organisationId) => viewerOf(user.memberships, organisationId),
    access && { userId: user.id, ...access }
  )
}

/** Money as every output of the pack writes it (page, PDF): in the reader's locale. */
export function packMoney(cents: number, locale: string) {
  return formatMoney(cents, programmeCurrencyNow(), locale)
}

/** The chart of the indicators against their targets in the pack's year. */
export function packChart(
  pack: ProgressPack,
  t: (key: string, data?: Record<string, unknown>) => string
) {
  const year = Number(pack.quarter.slice(0, 4))
  const rows = pack.indicators.map((indicator) => {
    const row = indicator.years.find((y) => y.year === year)
    return { code: indicator.code, target: row?.target ?? null, actual: row?.actualValue ?? null }
  })
  return indicatorTargetsSvg(rows, {
    title: t('results.pack.indicators'),
    desc: rows.map((r) => `${r.code}: ${r.target ?? '—'} / ${r.actual ?? '—'}`).join('; '),
    target: t('service.indicators.target'),
    actual: t('service.indicators.actual'),
    value: t('results.value'),
  })
}

/** The chart of the money over the pack's quarters (committed, planned, disbursed), in the reader's locale. */
export function packMoneyChart(
  pack: ProgressPack,
  t: (key: string, data?: Record<string, unknown>) => string,
  locale: string
) {
  return moneyOverTimeSvg(pack.money, {
    title: t('results.pack.money'),
    desc: pack.money
      .map(
        (row) =>
          `${row.quarter}: ${t('results.pack.committed')} ${packMoney(row.committedCents, locale)}, ${t('results.pack.planned')} ${packMoney(row.plannedCents, locale)}, ${t('results.pack.disbursed')} ${packMoney(row.disbursedCents, locale)}`
      )
      .join('; '),
    committed: t('results.pack.committed'),
    planned: t('results.pack.planned'),
    disbursed: t('results.pack.disbursed'),
    amount: t('results2.pack.amount_eur'),
  })
}
