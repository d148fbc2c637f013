import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Recomputes the hash chain of the audit trail. Exits non-zero and names
 * the first broken event when any row was edited, inserted or removed.
 */
export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description =
    'Recompute the SHA-256 chain of audit_events and report the first broken event'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { AuditTrail } = await import('#services/audit_trail')
    const { broken, checked } = await AuditTrail.verify()
    if (broken) {
      this.logger.error(
        `Audit chain broken at event ${broken.id} (${broken.reason === 'hash_mismatch' ? 'its content does not match its hash' : 'it does not follow the previous event'}); ${checked} events before it are intact.`
      )
      this.exitCode = 1
      return
    }
    this.logger.success(`Audit chain intact: ${checked} events verified.`)
  }
}
