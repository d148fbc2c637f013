import vine from '@vinejs/vine'
import { searchSorts, searchTypes } from '#domain/search'
import { pageNumber } from '#validators/ids'

/** The search page's filters (empty fields are left out before validation). */
export const searchValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  type: vine.enum(searchTypes).optional(),
  status: vine
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  period: vine.number().withoutDecimals().min(1).max(3000).optional(),
  sort: vine.enum(searchSorts).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: pageNumber().optional(),
})

/** A saved view: a name and the filters of the page it was saved on. */
export const savedViewValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(80),
  query: vine.string().trim().maxLength(1000),
})
