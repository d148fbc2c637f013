import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/organisation'
import OrganisationPolicy from '#policies/organisation_policy'
import { OrganisationList } from '#queries/organisation_list'
import { AuditTrail } from '#services/audit_trail'
import { organisationFilterValidator } from '#validators/organisation'
import { toCsv } from '#services/csv'

export default class OrganisationsController {
  async index({ auth, request, view, response, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const filters = await organisationFilterValidator.validate(request.qs())
    const list = new OrganisationList(user, filters)
    if (request.input('format') === 'csv') {
      const rows = await list.all()
      response.header('content-type', 'text/csv; charset=utf-8')
      response.header('content-disposition', 'attachment; filename="organisations.csv"')
      return toCsv(
        ['id', 'name', 'kind', 'municipality', 'status'],
        rows.map((o) => [o.id, o.name, o.kind, o.municipality?.nameIn(i18n.locale) ?? '', o.status])
      )
    }
    const organisations = await list.paginate()
    return view.render('pages/organisations/index', { organisations, filters })
  }

  async show({ auth, params, view, bouncer, request }: HttpContext) {
    const user = auth.getUserOrFail()
    const organisation = await Organisation.query()
      .withScopes((scopes) => scopes.visibleTo(user))
      .where('id', params.id)
      .preload('memberships', (query) => query.preload('user').orderBy('role'))
      .firstOrFail()
    await bouncer.with(OrganisationPolicy).authorize('view', organisation)
    await AuditTrail.recordNow({
      actorId: user.id,
      organisationId: organisation.id,
      action: 'organisation.viewed',
      subjectType: 'organisation',
      subjectId: organisation.id,
      ip: request.ip(),
    })
    return view.render('pages/organisations/show', { organisation })
  }
}
