import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Computes and stores what outsiders see of every grant's statistics
 * (ADR 0025), as a save does for one grant: run it after a new publication
 * minimum takes effect, or after a deployment that changed the method, so
 * that no view has to fall back to a pattern cut short.
 */
export default class DisclosureSettle extends BaseCommand {
  static commandName = 'disclosure:settle'
  static description = 'Compute and store the suppression patterns of every grant (ADR 0025)'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: Grant } = await import('#models/grant')
    const { SettleDisclosure } = await import('#actions/reports/settle_disclosure')
    const grants = await Grant.query().select('id').orderBy('id')
    const started = performance.now()
    await new SettleDisclosure().handle(grants.map((grant) => grant.id))
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    this.logger.success(
      `Suppression patterns settled for ${grants.length} grant(s) in ${seconds} s.`
    )
  }
}
