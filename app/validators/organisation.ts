import vine from '@vinejs/vine'
import { organisationKinds } from '#domain/roles'
import { pageNumber } from '#validators/ids'

export const organisationSortColumns = ['name', 'kind', 'municipality_code', 'created_at'] as const

export const organisationFilterValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  kind: vine.enum(organisationKinds).optional(),
  sort: vine.enum(organisationSortColumns).optional(),
  direction: vine.enum(['asc', 'desc'] as const).optional(),
  page: pageNumber().optional(),
})
