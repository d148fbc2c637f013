import type { HttpContext } from '@adonisjs/core/http'
import { countByKind } from '#domain/tasks'
import { DashboardTasks } from '#queries/dashboard_tasks'
import { TaskInbox } from '#queries/task_inbox'
import { todayInKosovo } from '#services/clock'
import { FigureCache } from '#services/figure_cache'
import { taskJson } from '#transformers/task_transformer'

/** Each person lands here: their task inbox first, then per role what it follows and its main pages. */
export default class DashboardController {
  async show({ auth, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const today = todayInKosovo()
    /* Kept by data version (ADR 0034): any write, memberships included, reads them again. */
    const tasks = await FigureCache.read(`task-inbox:${user.id}:${today}`, () =>
      new TaskInbox(user, today).tasks()
    )
    // Below the inbox, what each role follows that is not a task (ADR 0028).
    const panels = await FigureCache.read(
      `dashboard-panels:${user.id}:${i18n.locale}:${today}`,
      () => new DashboardTasks(user, i18n.locale).panels()
    )
    return view.render('pages/dashboard', {
      panels,
      inbox: {
        total: tasks.length,
        counts: countByKind(tasks),
        top: tasks.slice(0, 10).map((task) => taskJson(task, i18n, today)),
      },
    })
  }
}
