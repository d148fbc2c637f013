import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sends action point reminders that are due (7 days before, on the due
 * date, 1 and 14 days after). Safe to run daily from cron: each goes out once.
 */
export default class ActionPointsRemind extends BaseCommand {
  static commandName = 'action-points:remind'
  static description = 'Send due reminders of open action points of monitoring visits, once each'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Run as if today were this date (YYYY-MM-DD)' })
  declare today?: string

  async run() {
    const { SendActionPointReminders } =
      await import('#actions/monitoring/send_action_point_reminders')
    const { todayInKosovo } = await import('#services/clock')
    const today = this.today ?? todayInKosovo()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
      this.logger.error('--today must be a date as YYYY-MM-DD')
      this.exitCode = 1
      return
    }
    const sent = await new SendActionPointReminders().handle(today)
    this.logger.success(`Action point reminders for ${today}: ${sent} mail(s) sent.`)
  }
}
