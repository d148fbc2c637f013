import type { HttpContext } from '@adonisjs/core/http'
import Organisation from '#models/organisation'
import { OrganisationList } from '#queries/organisation_list'
import { organisationJson } from '#transformers/organisation_transformer'
import { organisationFilterValidator } from '#validators/organisation'

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
}
