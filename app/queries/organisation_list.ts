import type { Infer } from '@vinejs/vine/types'
import Organisation from '#models/organisation'
import type User from '#models/user'
import type { organisationFilterValidator } from '#validators/organisation'

export type OrganisationFilters = Infer<typeof organisationFilterValidator>

/** The organisations a user may see, filtered and sorted. */
export class OrganisationList {
  static perPage = 25

  constructor(
    private user: User,
    private filters: OrganisationFilters
  ) {}

  query() {
    const { q, kind, status, sort = 'name', direction = 'asc' } = this.filters
    const query = Organisation.query()
      .withScopes((scopes) => scopes.visibleTo(this.user))
      .preload('municipality')
    if (q) query.whereILike('name', `%${q}%`)
    if (kind) query.where('kind', kind)
    if (status) query.where('status', status)
    return query.orderBy(sort, direction).orderBy('id', 'asc')
  }

  paginate() {
    return this.query().paginate(this.filters.page ?? 1, OrganisationList.perPage)
  }

  all() {
    return this.query().limit(10000)
  }
}
