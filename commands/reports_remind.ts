import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sends expense report reminders that are due. Safe to run as often as
 * wanted (daily from cron): each reminder goes out once.
 */
export default class ReportsRemind extends BaseCommand {
  static commandName = 'reports:remind'
  static description =
    'Send due expense report reminders (14 and 3 days before the due date, 1 and 14 days after it), once each'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Run as if today were this date (YYYY-MM-DD)' })
  declare today?: string

  async run() {
    const { SendReportReminders } = await import('#actions/reports/send_report_reminders')
    const { todayInKosovo } = await import('#services/clock')
    const today = this.today ?? todayInKosovo()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
      this.logger.error('--today must be a date as YYYY-MM-DD')
      this.exitCode = 1
      return
    }
    const sent = await new SendReportReminders().handle(today)
    this.logger.success(`Expense report reminders for ${today}: ${sent} mail(s) sent.`)
  }
}
