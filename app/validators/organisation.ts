import vine from '@vinejs/vine'
import { organisationKinds } from '#domain/roles'

export const organisationSortColumns = ['name', 'kind', 'municipality_code', 'created_at'] as const

export const organisationFilterValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  kind: vine.enum(organisationKinds).optional(),
  sort: vine.enum(organisationSortColumns).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
})
