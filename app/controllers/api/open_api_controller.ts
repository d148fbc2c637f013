import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument } from '#services/openapi'

export default class OpenApiController {
  async show({ response }: HttpContext) {
    return response.json(openApiDocument)
  }
}
