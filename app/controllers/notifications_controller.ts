import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Notification from '#models/notification'
import { instant } from '#services/sql'

/** Each person's own notifications. */
export default class NotificationsController {
  async index({ auth, view, request }: HttpContext) {
    const user = auth.getUserOrFail()
    const notifications = await Notification.query()
      .where('user_id', user.id)
      .orderBy('id', 'desc')
      .paginate(Number(request.input('page', 1)) || 1, 25)
    notifications.baseUrl('/notifications')
    return view.render('pages/notifications/index', { notifications })
  }

  /** Marks all of the user's notifications as read. */
  async markRead({ auth, response }: HttpContext) {
    const user = auth.getUserOrFail()
    await Notification.query()
      .where('user_id', user.id)
      .whereNull('read_at')
      .update({ read_at: instant(DateTime.now()) })
    return response.redirect().toPath('/notifications')
  }
}
