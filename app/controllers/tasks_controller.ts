import type { HttpContext } from '@adonisjs/core/http'
import { taskKinds } from '#domain/tasks'
import { TaskInbox } from '#queries/task_inbox'
import { todayInKosovo } from '#services/clock'
import { toCsv } from '#services/csv'
import { asDownload, csvType } from '#services/downloads'
import { taskCsv, taskJson } from '#transformers/task_transformer'
import { cleanQuery, taskFiltersValidator, toFilters } from '#validators/task'

/** Each person's task inbox: the open work of every role they hold. */
export default class TasksController {
  /** GET /tasks (and /tasks.csv) */
  async index({ auth, request, response, view, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const [error, input] = await taskFiltersValidator.tryValidate(cleanQuery(request.qs()))
    const filters = error ? {} : toFilters(input)
    const today = todayInKosovo()
    const found = await new TaskInbox(user, today).tasks(filters)
    const tasks = found.map((task) => taskJson(task, i18n, today))
    if (request.url().endsWith('.csv')) {
      asDownload(response, `tasks-${today}.csv`, csvType)
      const { header, rows } = taskCsv(tasks, i18n)
      return toCsv(header, rows)
    }
    return view.render('pages/tasks/index', {
      tasks,
      kinds: taskKinds,
      filters: error ? {} : input,
      invalidFilters: error !== null,
    })
  }
}
