import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Writes a signed checkpoint of the audit chain (event count, last id, head
 * hash, time) to AUDIT_CHECKPOINT_DIR, after verifying the chain against
 * the previous checkpoint. Meant for cron; refuses (exit 1) on a broken chain.
 */
export default class AuditCheckpoint extends BaseCommand {
  static commandName = 'audit:checkpoint'
  static description =
    'Verify the audit chain and write a signed checkpoint of its length and head outside the database'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { AuditCheckpoints, describeBreak } = await import('#services/audit_checkpoints')
    const checkpoints = await this.app.container.make(AuditCheckpoints)
    const { verification, previous, written } = await checkpoints.verifyAndWrite()
    if (verification.broken) {
      this.logger.error(
        `No checkpoint written. ${describeBreak(verification.broken, verification, previous)}`
      )
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Checkpoint written: ${written!.checkpoint.rowCount} events up to event ${written!.checkpoint.lastId}, head ${written!.checkpoint.headHash}, in ${written!.file}`
    )
  }
}
