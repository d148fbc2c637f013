import type { ApplicationService } from '@adonisjs/core/types'
import { taskWordsNamespace } from '#domain/tasks'
import type { DateTime } from 'luxon'
import type { I18n } from '@adonisjs/i18n'
import type { FieldContext } from '@vinejs/vine/types'
import { formatMoney } from '#domain/money'
import { watchDataWrites } from '#services/figure_cache'

/** Kosovo's time zone: every instant on screen is shown in it. */
export const DISPLAY_ZONE = 'Europe/Belgrade'

/**
 * Edge globals used by every page: formatting of dates and money at the
 * edge, never before.
 */
const escapes: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
}

/**
 * Renders HTML attributes: `true` gives a bare attribute, `false`, `null`
 * and `undefined` leave it out, anything else is escaped.
 */
export function htmlAttrs(attributes: Record<string, unknown>) {
  return Object.entries(attributes)
    .filter(([, value]) => value !== false && value !== null && value !== undefined)
    .map(([name, value]) =>
      value === true ? name : `${name}="${String(value).replace(/[&"<>']/g, (c) => escapes[c])}"`
    )
    .join(' ')
}

/** Cents as the plain text of an amount field: 105263158 → "1052631.58". */
export function amountInput(cents: number | null | undefined) {
  if (cents === null || cents === undefined) return ''
  const value = BigInt(cents)
  const sign = value < 0n ? '-' : ''
  const magnitude = value < 0n ? -value : value
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`
}

/**
 * Validation messages that never show an internal key: a field with no
 * translated name (`validator.shared.fields.<name>`) gets a message without
 * the name (`forms.rules.<rule>`); the form shows it under the field's label
 * and the error summary as "Label: message".
 */
class LabelFreeMessages {
  #inner: ReturnType<I18n['createMessagesProvider']>
  constructor(private i18n: I18n) {
    this.#inner = i18n.createMessagesProvider()
  }
  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    meta?: Record<string, any>
  ) {
    const named = this.i18n.hasMessage(`validator.shared.fields.${field.name}`)
    const generic = [`forms.rules.${rule}`, `ux.rules.${rule}`, `texts.rules.${rule}`].find((key) =>
      this.i18n.hasMessage(key)
    )
    // A custom rule's own English text is only a fallback: a named field gets the
    // translated generic message too when the validator messages have none for it.
    const specific =
      this.i18n.hasMessage(`validator.shared.messages.${field.name}.${rule}`) ||
      this.i18n.hasMessage(`validator.shared.messages.${rule}`)
    if (generic && (!named || !specific)) return this.i18n.t(generic, meta ?? {})
    return this.#inner.getMessage(defaultMessage, rule, field, meta)
  }
  translateField(name: string | number) {
    return this.#inner.translateField(name)
  }
}

export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    /* Cached figures follow the data version, which every write moves on (ADR 0034). */
    await watchDataWrites(this.app)

    /* Validation messages in the page's language; the API's in that of Accept-Language (else English). */
    const { RequestValidator } = await import('@adonisjs/core/http')
    const { requestI18n } = await import('#services/request_locale')
    RequestValidator.messagesProvider = (ctx) =>
      new LabelFreeMessages(ctx.i18n ?? requestI18n(ctx.request, ctx.auth?.user?.locale))

    const edge = await import('edge.js')
    edge.default.global('formatInstant', (value: DateTime | null | undefined) =>
      value ? value.setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm') : ''
    )
    edge.default.global('formatDate', (value: DateTime | null | undefined) =>
      value ? value.toISODate() : ''
    )
    edge.default.global('navHrefs', {
      dashboard: '/dashboard',
      calls: '/calls',
      grants: '/grants',
      assessments: '/assessments',
      licensing: '/licensing',
      handover: '/handover', // Handover plan
      indicators: '/indicators',
      monitoring: '/monitoring-visits',
      organisations: '/organisations',
      shelters: '/shelters',
      licences: '/licences',
      users: '/admin/users',
      audit: '/admin/audit-events',
      profile: '/profile',
    })
    edge.default.global('formatMoney', formatMoney)
    // Monitoring task kinds keep their words in their own namespace (ADR 0031)
    edge.default.global('taskWordsNamespace', taskWordsNamespace)
    edge.default.global('htmlAttrs', htmlAttrs)
    edge.default.global('amountInput', amountInput)
    edge.default.global('hundredths', (value: number | null) =>
      value === null ? '—' : amountInput(value)
    )
    edge.default.global(
      'withQuery',
      (base: Record<string, unknown>, changes: Record<string, unknown>) => {
        const params = new URLSearchParams()
        for (const [key, value] of Object.entries({ ...base, ...changes })) {
          if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
        }
        const text = params.toString()
        return text ? `?${text}` : ''
      }
    )
    if (this.app.inProduction) listComponentsOnce(edge.default)
  }
}

/**
 * Edge 6 keeps its components plugin "recurring" when the instance was created
 * without the template cache, and turning the cache on later does not change
 * that: every renderer (one per page) then lists the components folder on
 * disk again. With the cache on, templates never change while the process
 * runs, so the list is read once.
 */
function listComponentsOnce(edge: { loader: { listComponents(): unknown } }) {
  const { loader } = edge
  const list = loader.listComponents.bind(loader)
  let components: unknown
  loader.listComponents = () => (components ??= list())
}
