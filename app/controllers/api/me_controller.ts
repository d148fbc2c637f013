import type { HttpContext } from '@adonisjs/core/http'
import { meJson } from '#transformers/organisation_transformer'

export default class MeController {
  async show({ auth }: HttpContext) {
    return meJson(auth.use('api').getUserOrFail())
  }
}
