import vine from '@vinejs/vine'

/** The largest id a PostgreSQL `integer` column holds (2^31 − 1). */
export const MAX_RECORD_ID = 2_147_483_647

/** `1` … `2147483647` written plainly: no sign, no leading zero, no decimals. */
export function isRecordId(value: unknown) {
  const text = typeof value === 'number' ? String(value) : value
  return typeof text === 'string' && /^[1-9]\d{0,9}$/.test(text) && Number(text) <= MAX_RECORD_ID
}

/** A record id in a body or a query string (organisationId, budgetLineId …): refused with 422 when out of range. */
export const recordId = () => vine.number().withoutDecimals().min(1).max(MAX_RECORD_ID)

/** A page number of a list: large enough for any list, small enough for an OFFSET. */
export const pageNumber = () => vine.number().withoutDecimals().min(1).max(100_000)
