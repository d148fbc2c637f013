import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { CreateOrganisation } from '#actions/organisations/create_organisation'
import { UpdateOrganisation } from '#actions/organisations/update_organisation'
import Organisation from '#models/organisation'
import OrganisationPolicy from '#policies/organisation_policy'
import { OrganisationList } from '#queries/organisation_list'
import { organisationJson } from '#transformers/organisation_transformer'
import {
  createOrganisationValidator,
  organisationFilterValidator,
  updateOrganisationValidator,
} from '#validators/organisation'

export default class OrganisationsController {
  async index({ auth, request }: HttpContext) {
    const filters = await request.validateUsing(organisationFilterValidator, { data: request.qs() })
    const page = await new OrganisationList(auth.use('api').getUserOrFail(), filters).paginate()
    return {
      data: page.all().map(organisationJson),
      meta: {
        total: page.total,
        perPage: page.perPage,
        currentPage: page.currentPage,
        lastPage: page.lastPage,
      },
    }
  }

  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await Organisation.query()
      .withScopes((scopes) => scopes.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    return { data: organisationJson(organisation) }
  }

  /** POST /api/v1/organisations: the funder registers an organisation. */
  @inject()
  async store(
    { auth, request, response, bouncer }: HttpContext,
    createOrganisation: CreateOrganisation
  ) {
    const user = auth.use('api').getUserOrFail()
    await bouncer.with(OrganisationPolicy).authorize('create')
    const data = await request.validateUsing(createOrganisationValidator)
    const organisation = await createOrganisation.handle(data, user, request.ip())
    await organisation.refresh()
    return response.created({ data: organisationJson(organisation) })
  }

  /** PATCH /api/v1/organisations/:id: only the fields sent change. */
  @inject()
  async update(
    { auth, params, request, bouncer }: HttpContext,
    updateOrganisation: UpdateOrganisation
  ) {
    const user = auth.use('api').getUserOrFail()
    const organisation = await Organisation.query()
      .withScopes((scopes) => scopes.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(OrganisationPolicy).authorize('editRegistry', organisation)
    const data = await request.validateUsing(updateOrganisationValidator, {
      meta: { keptMunicipality: organisation.municipalityCode },
    })
    const updated = await updateOrganisation.handle(organisation.id, data, user, request.ip())
    return { data: organisationJson(updated) }
  }
}
