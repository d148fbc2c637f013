import type { HttpContext } from '@adonisjs/core/http'
import { DashboardTasks } from '#queries/dashboard_tasks'

/** Each person lands here: the open tasks of each role they hold. */
export default class DashboardController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const panels = await new DashboardTasks(user).panels()
    return view.render('pages/dashboard', { panels })
  }
}
