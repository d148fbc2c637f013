import type { HttpContext } from '@adonisjs/core/http'
import Shelter from '#models/shelter'
import ShelterPolicy from '#policies/shelter_policy'
import { shelterJson } from '#transformers/shelter_transformer'

export default class SheltersController {
  /** The list never carries addresses: it is an export. */
  async index({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const shelters = await Shelter.query()
      .withScopes((s) => s.visibleTo(user))
      .orderBy('name')
    return { data: shelters.map((shelter) => shelterJson(shelter, false)) }
  }

  async show({ auth, params, bouncer }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const shelter = await Shelter.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    return {
      data: shelterJson(shelter, await bouncer.with(ShelterPolicy).allows('readAddress', shelter)),
    }
  }
}
