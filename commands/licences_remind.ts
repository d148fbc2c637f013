import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Sends licence expiry reminders that are due. Safe to run as often as
 * wanted (daily from cron): each reminder goes out once.
 */
export default class LicencesRemind extends BaseCommand {
  static commandName = 'licences:remind'
  static description =
    'Send due licence expiry reminders (90, 60, 30 days before and on expiry), once each'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Run as if today were this date (YYYY-MM-DD)' })
  declare today?: string

  async run() {
    const { SendLicenceReminders } = await import('#actions/licences/send_licence_reminders')
    const { todayInKosovo } = await import('#services/clock')
    const today = this.today ?? todayInKosovo()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
      this.logger.error('--today must be a date as YYYY-MM-DD')
      this.exitCode = 1
      return
    }
    const sent = await new SendLicenceReminders().handle(today)
    this.logger.success(`Licence reminders for ${today}: ${sent} mail(s) sent.`)
  }
}
