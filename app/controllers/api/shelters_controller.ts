import type { HttpContext } from '@adonisjs/core/http'
import Shelter from '#models/shelter'
import ShelterPolicy from '#policies/shelter_policy'
import { shelterJson } from '#transformers/shelter_transformer'
import { AuditTrail } from '#services/audit_trail'

export default class SheltersController {
  /** The list never carries addresses: it is an export. */
  async index({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const shelters = await Shelter.query()
      .withScopes((s) => s.visibleTo(user))
      .orderBy('name')
    return { data: shelters.map((shelter) => shelterJson(shelter, false)) }
  }

  /** The address only for the shelter's organisation and MLSW officials; each such read is audited. */
  async show({ auth, params, bouncer, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const shelter = await Shelter.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    const mayReadAddress = await bouncer.with(ShelterPolicy).allows('readAddress', shelter)
    if (mayReadAddress) {
      await AuditTrail.recordNow({
        actorId: user.id,
        organisationId: shelter.organisationId,
        action: 'shelter.address_viewed',
        subjectType: 'shelter',
        subjectId: shelter.id,
        after: { outlet: 'api' },
        ip: request.ip(),
      })
    }
    return { data: shelterJson(shelter, mayReadAddress) }
  }
}
