import type { Infer } from '@vinejs/vine/types'
import type { LicenceStatus } from '#domain/licences/licence'
import Licence from '#models/licence'
import type User from '#models/user'
import type { licenceFilterValidator } from '#validators/licence'

export type LicenceFilters = Infer<typeof licenceFilterValidator>

export interface LicenceRow {
  licence: Licence
  status: LicenceStatus
}

/** A page of rows computed in memory, with the paginator's meta shape. */
export class RowPage<T> {
  constructor(
    private rows: T[],
    private currentPage: number,
    private perPage: number
  ) {}

  all() {
    const start = (this.currentPage - 1) * this.perPage
    return this.rows.slice(start, start + this.perPage)
  }

  getMeta() {
    return {
      total: this.rows.length,
      perPage: this.perPage,
      currentPage: this.currentPage,
      lastPage: Math.max(1, Math.ceil(this.rows.length / this.perPage)),
    }
  }
}

/**
 * Licences a user may see with their derived status. Status depends on
 * today's date and the decisions, so it is filtered after loading; the
 * register holds one to three licences per NGO.
 */
export class LicenceList {
  static perPage = 50

  constructor(
    private user: User,
    private filters: LicenceFilters,
    private today: string
  ) {}

  async rows(): Promise<LicenceRow[]> {
    const query = Licence.query()
      .withScopes((s) => s.visibleTo(this.user))
      .withScopes((s) => s.withFacts())
      .preload('organisation')
      .preload('shelter')
      .orderBy('valid_until')
      .orderBy('id')
    if (this.filters.q) {
      const q = `%${this.filters.q}%`
      query.where((w) =>
        w.whereILike('number', q).orWhereHas('organisation', (o) => o.whereILike('name', q))
      )
    }
    const licences = await query
    const rows = licences.map((licence) => ({ licence, status: licence.statusOn(this.today) }))
    return this.filters.status ? rows.filter((row) => row.status === this.filters.status) : rows
  }

  async page() {
    return new RowPage(await this.rows(), this.filters.page ?? 1, LicenceList.perPage)
  }
}
