import type { HttpContext } from '@adonisjs/core/http'
import { documentTypes } from '#domain/documents'
import Licence from '#models/licence'
import Organisation from '#models/organisation'
import OrganisationBankAccount from '#models/organisation_bank_account'
import { accountCurrencies } from '#domain/bank_accounts'
import OrganisationDocument from '#models/organisation_document'
import Shelter from '#models/shelter'
import { todayInKosovo } from '#services/clock'
import OrganisationPolicy from '#policies/organisation_policy'
import { OrganisationList } from '#queries/organisation_list'
import { AuditTrail } from '#services/audit_trail'
import { organisationFilterValidator } from '#validators/organisation'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'

export default class OrganisationsController {
  async index({ auth, request, view, response, i18n, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const filters = await organisationFilterValidator.validate(request.qs())
    const list = new OrganisationList(user, filters)
    if (request.input('format') === 'csv') {
      const rows = await list.all()
      asDownload(response, 'organisations.csv', csvType)
      return toCsv(
        ['id', 'name', 'kind', 'municipality', 'status'],
        rows.map((o) => [o.id, o.name, o.kind, o.municipality?.nameIn(i18n.locale) ?? '', o.status])
      )
    }
    const organisations = await list.paginate()
    return view.render('pages/organisations/index', {
      organisations,
      filters,
      mayKeepRegistry: await bouncer.with(OrganisationPolicy).allows('create'),
    })
  }

  async show({ auth, params, view, bouncer, request }: HttpContext) {
    const user = auth.getUserOrFail()
    const organisation = await Organisation.query()
      .withScopes((scopes) => scopes.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .preload('municipality')
      .preload('memberships', (query) => query.preload('user').orderBy('role'))
      .firstOrFail()
    await bouncer.with(OrganisationPolicy).authorize('view', organisation)
    const [documents, shelters, licences] = await Promise.all([
      OrganisationDocument.query()
        .where('organisation_id', organisation.id)
        .preload('versions', (q) => q.orderBy('version', 'desc')),
      Shelter.query().where('organisation_id', organisation.id).orderBy('name'),
      Licence.query()
        .where('organisation_id', organisation.id)
        .withScopes((s) => s.withFacts())
        .orderBy('valid_until', 'desc'),
    ])
    await AuditTrail.recordNow({
      actorId: user.id,
      organisationId: organisation.id,
      action: 'organisation.viewed',
      subjectType: 'organisation',
      subjectId: organisation.id,
      ip: request.ip(),
    })
    const policy = bouncer.with(OrganisationPolicy)
    const bankAccounts = (await policy.allows('viewBankAccounts', organisation))
      ? await OrganisationBankAccount.query()
          .where('organisationId', organisation.id)
          .orderBy('isPrimary', 'desc')
          .orderBy('id')
      : null
    return view.render('pages/organisations/show', {
      organisation,
      bankAccounts,
      currencies: accountCurrencies,
      mayManageBankAccounts: await policy.allows('manageBankAccounts', organisation),
      documents,
      documentTypes,
      shelters,
      licences,
      today: todayInKosovo(),
      mayEdit: await bouncer.with(OrganisationPolicy).allows('edit', organisation),
      mayEditRegistry: await bouncer.with(OrganisationPolicy).allows('editRegistry', organisation),
      mayVerify: await bouncer.with(OrganisationPolicy).allows('verify', organisation),
    })
  }
}
