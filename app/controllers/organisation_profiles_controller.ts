import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { UpdateOrganisationProfile } from '#actions/organisations/update_organisation_profile'
import Municipality from '#models/municipality'
import type User from '#models/user'
import Organisation from '#models/organisation'
import OrganisationPolicy from '#policies/organisation_policy'
import { organisationProfileValidator } from '#validators/organisation_profile'

/** The NGO profile form, kept by the organisation's own people. */
export default class OrganisationProfilesController {
  async edit({ auth, params, view, bouncer }: HttpContext) {
    const organisation = await this.find(auth.getUserOrFail(), params.id)
    await bouncer.with(OrganisationPolicy).authorize('edit', organisation)
    const municipalities = await Municipality.query().orderBy('name_en')
    return view.render('pages/organisations/edit', { organisation, municipalities })
  }

  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    updateProfile: UpdateOrganisationProfile
  ) {
    const user = auth.getUserOrFail()
    const organisation = await this.find(user, params.id)
    await bouncer.with(OrganisationPolicy).authorize('edit', organisation)
    const data = await request.validateUsing(organisationProfileValidator, {
      meta: { keptMunicipality: organisation.municipalityCode },
    })
    await updateProfile.handle(organisation, data, user, request.ip())
    session.flash('success', i18n.t('messages.organisations.saved'))
    return response.redirect().toPath(`/organisations/${organisation.id}`)
  }

  private find(user: User, id: unknown) {
    return Organisation.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(id) || 0)
      .firstOrFail()
  }
}
