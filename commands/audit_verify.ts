import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Recomputes the keyed hash chain of the audit trail and compares it with
 * the latest signed checkpoint. Exits non-zero and names the first broken
 * event when any row was edited, inserted or removed, when events the
 * checkpoint counted are gone, or when the chain was recomputed without the
 * key. When intact, it writes a new checkpoint.
 */
export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description =
    'Recompute the keyed hash chain of audit_events, compare it with the latest signed checkpoint, and write a new checkpoint when intact'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { AuditCheckpoints, describeBreak } = await import('#services/audit_checkpoints')
    const checkpoints = await this.app.container.make(AuditCheckpoints)
    const { verification, previous, written } = await checkpoints.verifyAndWrite()
    if (verification.broken) {
      this.logger.error(describeBreak(verification.broken, verification, previous))
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Audit chain intact: ${verification.checked} events verified${previous ? `, extending the checkpoint of ${previous.checkpoint.createdAt} (${previous.checkpoint.rowCount} events)` : ''}.`
    )
    this.logger.info(`Checkpoint written: ${written!.file}`)
  }
}
