import type { HttpContext } from '@adonisjs/core/http'
import { searchTypes, sortsOf, viewQuery } from '#domain/search'
import { DeleteView } from '#actions/search/delete_view'
import { SaveView } from '#actions/search/save_view'
import SavedView from '#models/saved_view'
import { Search } from '#queries/search'
import { cleanQuery } from '#validators/task'
import { savedViewValidator, searchValidator } from '#validators/search'

/** GET /search: grants, applications, organisations and reports the person may see; saved views. */
export default class SearchController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail()
    await user.loadMemberships()
    const [error, input] = await searchValidator.tryValidate(cleanQuery(request.qs()))
    const filters = error ? {} : input
    const result = await new Search(user).run(filters)
    const savedViews = await SavedView.query()
      .where('user_id', user.id)
      .where('page', 'search')
      .orderBy('name')
    return view.render('pages/search/index', {
      result,
      filters,
      invalidFilters: error !== null,
      types: searchTypes,
      sorts: sortsOf[result.type],
      savedViews,
      currentQuery: viewQuery(filters),
    })
  }

  /** POST /saved-views: the current filters under a name (the same name replaces them). */
  async storeView({ auth, request, response, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const { name, query } = await request.validateUsing(savedViewValidator)
    // Only what the search page reads is kept: the filters, validated again.
    const parsed = Object.fromEntries(new URLSearchParams(query))
    const [error, input] = await searchValidator.tryValidate(cleanQuery(parsed))
    const kept = error ? '' : viewQuery(input)
    await new SaveView().handle(user, { name, query: kept }, request.ip())
    session.flash('success', i18n.t('inbox.search.saved', { name }))
    return response.redirect().toPath(`/search${kept ? `?${kept}` : ''}`)
  }

  /** DELETE /saved-views/:id: only one's own. */
  async destroyView({ auth, params, request, response, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const saved = await new DeleteView().handle(user, Number(params.id) || 0, request.ip())
    session.flash('success', i18n.t('inbox.search.deleted', { name: saved.name }))
    return response.redirect().toPath('/search')
  }
}
