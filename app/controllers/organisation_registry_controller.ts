import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { CreateOrganisation } from '#actions/organisations/create_organisation'
import { UpdateOrganisation } from '#actions/organisations/update_organisation'
import { organisationKinds } from '#domain/roles'
import Municipality from '#models/municipality'
import { todayInKosovo } from '#services/clock'
import Organisation from '#models/organisation'
import OrganisationPolicy from '#policies/organisation_policy'
import { createOrganisationValidator, updateOrganisationValidator } from '#validators/organisation'

/** The organisation registry kept by the funder: register and edit organisations of every kind. */
export default class OrganisationRegistryController {
  async create({ view, bouncer }: HttpContext) {
    await bouncer.with(OrganisationPolicy).authorize('create')
    return view.render('pages/organisations/registry_form', {
      organisation: null,
      kinds: organisationKinds,
      municipalities: await Municipality.offeredOn(todayInKosovo()),
    })
  }

  @inject()
  async store(
    { auth, request, response, session, bouncer, i18n }: HttpContext,
    createOrganisation: CreateOrganisation
  ) {
    await bouncer.with(OrganisationPolicy).authorize('create')
    const data = await request.validateUsing(createOrganisationValidator)
    const organisation = await createOrganisation.handle(data, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('onboarding.organisations.created'))
    return response.redirect().toPath(`/organisations/${organisation.id}`)
  }

  async edit({ params, view, bouncer }: HttpContext) {
    const organisation = await Organisation.findOrFail(Number(params.id) || 0)
    await bouncer.with(OrganisationPolicy).authorize('editRegistry', organisation)
    return view.render('pages/organisations/registry_form', {
      organisation,
      kinds: organisationKinds,
      municipalities: await Municipality.query().orderBy('name_en'),
    })
  }

  @inject()
  async update(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    updateOrganisation: UpdateOrganisation
  ) {
    const organisation = await Organisation.findOrFail(Number(params.id) || 0)
    await bouncer.with(OrganisationPolicy).authorize('editRegistry', organisation)
    const data = await request.validateUsing(updateOrganisationValidator, {
      meta: { keptMunicipality: organisation.municipalityCode },
    })
    await updateOrganisation.handle(organisation.id, data, auth.getUserOrFail(), request.ip())
    session.flash('success', i18n.t('onboarding.organisations.saved'))
    return response.redirect().toPath(`/organisations/${organisation.id}`)
  }
}
