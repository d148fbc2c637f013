import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { sortsOf, type SearchInput, type SearchSort, type SearchType } from '#domain/search'
import { searchTypes } from '#domain/search'
import Application from '#models/application'
import ExpenseReport from '#models/expense_report'
import Grant from '#models/grant'
import Organisation from '#models/organisation'
import type User from '#models/user'

export const perPage = 25

export interface SearchRow {
  type: SearchType
  id: number
  label: string
  detail: string
  status: string | null
  /** Calendar date or instant (ISO) the row is sorted by under "date". */
  date: string | null
  href: string
}

/** Text typed by a person, safe inside LIKE (its wildcards taken literally). */
function likeText(q: string) {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** `lower(column) LIKE …` with the escape character said, on SQLite and PostgreSQL alike. */
function whereContains(query: { whereRaw: Function }, column: string, q: string) {
  return query.whereRaw(`lower(${column}) like ? escape '\\'`, [likeText(q)])
}

/**
 * The search page: one type at a time, in SQL with LIMIT and OFFSET, each
 * type through the scope that says who may see it (an NGO finds only its
 * own grants, applications, reports and organisation). Counts per type
 * answer the same text.
 */
export class Search {
  constructor(private user: User) {}

  async run(input: SearchInput) {
    const type = input.type ?? 'grants'
    const page = input.page ?? 1
    const rows = await this.query(type, input).paginate(page, perPage)
    const counts: Record<string, number> = {}
    for (const other of searchTypes) {
      const counted = await this.query(other, { q: input.q }, false).count('* as total')
      counts[other] = Number(counted[0].$extras.total)
    }
    return {
      type,
      rows: rows.all().map((row) => toRow(type, row)),
      total: rows.total,
      page: rows.currentPage,
      lastPage: rows.lastPage,
      counts: counts as Record<SearchType, number>,
    }
  }

  /** The rows of one type; `ordered` false gives the bare query to count. */
  private query(type: SearchType, input: SearchInput, ordered = true) {
    const sort: SearchSort =
      input.sort && sortsOf[type].includes(input.sort) ? input.sort : sortsOf[type][0]
    const direction = input.direction ?? (sort === 'date' ? 'desc' : 'asc')
    const q = input.q?.trim() ?? ''
    const user = this.user
    let query: ModelQueryBuilderContract<any, any>
    let columns: Record<string, string>
    switch (type) {
      case 'grants':
        query = Grant.query().withScopes((s) => s.visibleTo(user))
        if (ordered) query.preload('grantee')
        if (q) {
          query.where((w) => {
            whereContains(w, 'grants.reference', q)
            w.orWhereHas('grantee', (g) => whereContains(g, 'organisations.name', q))
          })
        }
        if (input.period) {
          query
            .where('grants.starts_on', '<=', `${input.period}-12-31`)
            .where('grants.ends_on', '>=', `${input.period}-01-01`)
        }
        columns = {
          reference: 'grants.reference',
          date: 'grants.starts_on',
          status: 'grants.status',
        }
        break
      case 'applications':
        query = Application.query().withScopes((s) => s.visibleTo(user))
        if (ordered) query.preload('call').preload('organisation')
        if (q) {
          query.where((w) => {
            whereContains(w, 'applications.title', q)
            w.orWhereHas('call', (c) => whereContains(c, 'calls.reference', q))
            w.orWhereHas('organisation', (o) => whereContains(o, 'organisations.name', q))
          })
        }
        columns = {
          date: 'applications.created_at',
          name: 'applications.title',
          status: 'applications.status',
        }
        break
      case 'organisations':
        query = Organisation.query().withScopes((s) => s.visibleTo(user))
        if (q) {
          query.where((w) => {
            whereContains(w, 'organisations.name', q)
            w.orWhere((o) => whereContains(o, "coalesce(organisations.short_name, '')", q))
          })
        }
        columns = { name: 'organisations.name', date: 'organisations.created_at' }
        break
      case 'reports':
        query = ExpenseReport.query().whereHas('grant', (g) =>
          g.withScopes((s) => s.visibleTo(user))
        )
        if (ordered) query.preload('grant')
        if (q) query.whereHas('grant', (g) => whereContains(g, 'grants.reference', q))
        if (input.period) query.where('expense_reports.period_number', input.period)
        columns = {
          date: 'expense_reports.created_at',
          period: 'expense_reports.period_number',
          status: 'expense_reports.status',
        }
        break
    }
    if (input.status && type !== 'organisations') {
      query.where(`${columns.status.split('.')[0]}.status`, input.status)
    }
    if (ordered) query.orderBy(columns[sort], direction).orderBy(`${tableOf(type)}.id`, 'asc')
    return query
  }
}

function tableOf(type: SearchType) {
  return type === 'reports' ? 'expense_reports' : type
}

function toRow(type: SearchType, model: any): SearchRow {
  switch (type) {
    case 'grants': {
      const grant = model as Grant
      return {
        type,
        id: grant.id,
        label: grant.reference,
        detail: grant.grantee.name,
        status: grant.status,
        date: grant.startsOn.toISODate(),
        href: `/grants/${grant.id}`,
      }
    }
    case 'applications': {
      const application = model as Application
      return {
        type,
        id: application.id,
        label: application.title,
        detail: `${application.call.reference} · ${application.organisation.name}`,
        status: application.status,
        date: application.createdAt.toISO(),
        href: `/applications/${application.id}`,
      }
    }
    case 'organisations': {
      const organisation = model as Organisation
      return {
        type,
        id: organisation.id,
        label: organisation.name,
        detail: organisation.kind,
        status: null,
        date: organisation.createdAt.toISO(),
        href: `/organisations/${organisation.id}`,
      }
    }
    case 'reports': {
      const report = model as ExpenseReport
      return {
        type,
        id: report.id,
        label: `${report.grant.reference} · ${report.periodNumber}`,
        detail: '',
        status: report.status,
        date: report.createdAt.toISO(),
        href: `/expense-reports/${report.id}`,
      }
    }
  }
}
