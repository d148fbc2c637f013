import type { HttpContext } from '@adonisjs/core/http'
import { visibleGrant } from '#queries/grant_access'
import { grantListQuery } from '#queries/grant_list'
import { fstpRollup, grantFinances, ledgerTotals } from '#queries/grant_finances'
import { grantDetailJson, grantSummaryJson } from '#transformers/grant_transformer'
import { FigureCache } from '#services/figure_cache'

/**
 * GET /api/v1/grants and /api/v1/grants/:id: the grants a person may see.
 * The answers are kept by data version (ADR 0034): any write reads them again.
 */
export default class GrantsController {
  async index({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const status = request.input('status')
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    /* What a person sees follows their memberships, which are data too. */
    const key = `api-grants:${user.id}:${typeof status === 'string' ? status : ''}:${page}`
    return FigureCache.read(key, async () => {
      const grants = await grantListQuery(user, status).paginate(page, 50)
      return {
        data: grants.all().map(grantSummaryJson),
        meta: { total: grants.total, page: grants.currentPage, lastPage: grants.lastPage },
      }
    })
  }

  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const grant = await visibleGrant(user, params.id)
    return FigureCache.read(`api-grant:${grant.id}`, async () => {
      await grant.load((loader) => loader.load('grantee').load('funder'))
      const finances = await grantFinances(grant)
      const fstp = grant.isSubGrant ? null : await fstpRollup(grant, finances.lines)
      return {
        data: grantDetailJson(
          grant,
          finances,
          await ledgerTotals(grant.id),
          fstp && fstp.lineCents > 0 ? fstp : null
        ),
      }
    })
  }
}
