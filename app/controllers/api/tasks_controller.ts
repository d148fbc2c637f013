import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { countByKind } from '#domain/tasks'
import { TaskInbox } from '#queries/task_inbox'
import { todayInKosovo } from '#services/clock'
import { taskJson } from '#transformers/task_transformer'
import { cleanQuery, taskFiltersValidator, toFilters } from '#validators/task'
import { firstOfferedLocale } from '#services/programme_settings'

/** GET /api/v1/tasks: the caller's open tasks, in the caller's language. */
export default class TasksController {
  async index({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const input = await request.validateUsing(taskFiltersValidator, {
      data: cleanQuery(request.qs()),
    })
    const locale = firstOfferedLocale([user.locale])
    const i18n = i18nManager.locale(locale)
    const today = todayInKosovo()
    const tasks = await new TaskInbox(user, today).tasks(toFilters(input))
    return {
      data: tasks.map((task) => taskJson(task, i18n, today)),
      meta: { total: tasks.length, counts: countByKind(tasks), today },
    }
  }
}
