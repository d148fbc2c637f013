import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Loads the demo organisations and people. Development only: it refuses to
 * run in production and does nothing when the demo data is already there.
 */
export default class DemoSeed extends BaseCommand {
  static commandName = 'demo:seed'
  static description = 'Load the demo organisations and users (never in production)'
  static options: CommandOptions = { startApp: true }

  async run() {
    if (this.app.inProduction) {
      this.logger.error('Demo data is never loaded in production.')
      this.exitCode = 1
      return
    }
    const { DemoData } = await import('#database/seeders/demo_data')
    const created = await new DemoData().load()
    if (created) this.logger.success('Demo data loaded.')
    else this.logger.info('Demo data is already there.')
  }
}
