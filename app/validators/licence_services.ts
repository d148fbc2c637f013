import vine from '@vinejs/vine'
import i18nManager from '@adonisjs/i18n/services/main'
import type { FieldContext } from '@vinejs/vine/types'
import { LicenceServiceCatalogue } from '#services/licence_services'
import { todayInKosovo } from '#services/clock'

/**
 * A licensed service from the admin's reference data (the `services`
 * table), not the code list: for new records one offered today (not
 * retired), or one already on the record being edited (`meta.keptServices`);
 * for a lookup (`known: true`) any service ever kept.
 */
const serviceCode = vine.createRule(
  async (value: unknown, options: { known?: boolean }, field: FieldContext) => {
    if (typeof value !== 'string') return
    const catalogue = new LicenceServiceCatalogue()
    const codes = options.known
      ? await catalogue.knownCodes()
      : await catalogue.offeredCodes(todayInKosovo())
    const kept: unknown = field.meta?.keptServices
    if (codes.includes(value) || (Array.isArray(kept) && kept.includes(value))) return
    // The messages provider gives the reader's language; this is the English fallback.
    field.report(i18nManager.locale('en').t('validator.shared.messages.enum'), 'enum', field)
  },
  { isAsync: true }
)

/** A service offered for a new licence or call. */
export const offeredService = () => vine.string().trim().use(serviceCode({}))

/** A service ever kept in the reference data (retired ones too), for lookups. */
export const knownService = () =>
  vine
    .string()
    .trim()
    .use(serviceCode({ known: true }))
