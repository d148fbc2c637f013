import type { HttpContext } from '@adonisjs/core/http'
import { countByKind } from '#domain/tasks'
import { DashboardTasks } from '#queries/dashboard_tasks'
import { TaskInbox } from '#queries/task_inbox'
import { todayInKosovo } from '#services/clock'
import { heldReasonInWords, taskJson } from '#transformers/task_transformer'

/** Each person lands here: the top of their task inbox, then the open tasks of each role they hold. */
export default class DashboardController {
  async show({ auth, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const today = todayInKosovo()
    const tasks = await new TaskInbox(user, today).tasks()
    const panels = await new DashboardTasks(user).panels()
    // A held reason is stored as codes; the page says it in words.
    for (const item of panels.flatMap((panel) => panel.items)) {
      if (item.task === 'tranche_held' && typeof item.params?.reason === 'string') {
        item.params.reason = heldReasonInWords(item.params.reason, i18n)
      }
    }
    return view.render('pages/dashboard', {
      panels,
      inbox: {
        total: tasks.length,
        counts: countByKind(tasks),
        top: tasks.slice(0, 5).map((task) => taskJson(task, i18n, today)),
      },
    })
  }
}
