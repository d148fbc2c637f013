import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { SetPeopleManager } from '#actions/users/set_people_manager'
import Organisation from '#models/organisation'
import PersonPolicy from '#policies/person_policy'
import { findPersonFor } from '#queries/people'
import { peopleManagerValidator } from '#validators/user'

/** Managing an organisation's people, as a noun: POST gives it, DELETE withdraws it. */
export default class PeopleManagersController {
  @inject()
  async store(ctx: HttpContext, setPeopleManager: SetPeopleManager) {
    return this.set(ctx, setPeopleManager, true)
  }

  @inject()
  async destroy(ctx: HttpContext, setPeopleManager: SetPeopleManager) {
    return this.set(ctx, setPeopleManager, false)
  }

  private async set(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    setPeopleManager: SetPeopleManager,
    managesPeople: boolean
  ) {
    await bouncer.authorize('managePeople')
    const person = await findPersonFor(auth.getUserOrFail(), Number(params.id) || 0)
    const { organisationId } = await request.validateUsing(peopleManagerValidator)
    const organisation = await Organisation.findOrFail(organisationId)
    await bouncer.with(PersonPolicy).authorize('managePeopleOf', organisation)
    await setPeopleManager.handle(
      { userId: person.id, organisationId: organisation.id, managesPeople },
      auth.getUserOrFail(),
      request.ip()
    )
    session.flash(
      'success',
      i18n.t(managesPeople ? 'people.page.manager_granted' : 'people.page.manager_withdrawn')
    )
    return response.redirect().toPath(`/admin/users/${person.id}`)
  }
}
