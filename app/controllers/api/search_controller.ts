import type { HttpContext } from '@adonisjs/core/http'
import { Search } from '#queries/search'
import { cleanQuery } from '#validators/task'
import { searchValidator } from '#validators/search'

/** GET /api/v1/search: the same search as the page, 25 rows a page. */
export default class SearchController {
  async index({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    await user.loadMemberships()
    const input = await request.validateUsing(searchValidator, { data: cleanQuery(request.qs()) })
    const result = await new Search(user).run(input)
    return {
      data: result.rows,
      meta: {
        type: result.type,
        total: result.total,
        page: result.page,
        lastPage: result.lastPage,
        counts: result.counts,
      },
    }
  }
}
