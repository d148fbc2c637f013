import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { signCheckpoint, type ChainBreak, type SignedCheckpoint } from '#domain/audit_chain'
import { auditKey } from '#services/audit_key'
import { AuditTrail, type ChainVerification } from '#services/audit_trail'

export interface StoredCheckpoint {
  file: string
  checkpoint: SignedCheckpoint
}

const FILE_PATTERN = /^checkpoint-\d{8}T\d{9}Z-\d{12}\.json$/

/** AUDIT_CHECKPOINT_DIR (relative to the app root), or tmp/audit-checkpoints. */
export function defaultCheckpointDirectory() {
  const configured = env.get('AUDIT_CHECKPOINT_DIR')
  if (!configured) return app.tmpPath('audit-checkpoints')
  return isAbsolute(configured) ? configured : app.makePath(configured)
}

/**
 * Signed checkpoints of the audit chain, kept as files outside the database
 * (ADR 0012). Each checkpoint anchors the number of events, the last id and
 * the head hash at one moment; verification later refuses a table that
 * holds fewer events or a head that does not extend it. Every checkpoint is
 * a file of its own; `latest.json` is a copy of the newest, for shipping
 * off the machine.
 */
export class AuditCheckpoints {
  constructor(readonly directory: string = defaultCheckpointDirectory()) {}

  /** The newest checkpoint file, or null. An unreadable file comes back unsigned. */
  async latest(): Promise<StoredCheckpoint | null> {
    let names: string[]
    try {
      names = await readdir(this.directory)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    const newest = names
      .filter((name) => FILE_PATTERN.test(name))
      .sort()
      .at(-1)
    if (!newest) return null
    const file = join(this.directory, newest)
    const text = await readFile(file, 'utf8')
    try {
      return { file, checkpoint: JSON.parse(text) as SignedCheckpoint }
    } catch {
      return {
        file,
        checkpoint: {
          format: 'audit-checkpoint/1',
          rowCount: 0,
          lastId: 0,
          headHash: '',
          createdAt: '',
          signature: '',
        },
      }
    }
  }

  /** Signs and writes a checkpoint of a verified, intact chain. */
  async write(verification: ChainVerification, now = DateTime.utc()): Promise<StoredCheckpoint> {
    if (verification.broken) throw new Error('Refusing to checkpoint a broken audit chain')
    const checkpoint = signCheckpoint(
      {
        rowCount: verification.checked,
        lastId: verification.lastId,
        headHash: verification.headHash,
        createdAt: now.toUTC().toISO()!,
      },
      auditKey()
    )
    await mkdir(this.directory, { recursive: true })
    const stamp = now.toUTC().toFormat("yyyyMMdd'T'HHmmssSSS'Z'")
    const name = `checkpoint-${stamp}-${String(verification.lastId).padStart(12, '0')}.json`
    const text = `${JSON.stringify(checkpoint, null, 2)}\n`
    const file = join(this.directory, name)
    await atomicWrite(file, text)
    await atomicWrite(join(this.directory, 'latest.json'), text)
    return { file, checkpoint }
  }

  /**
   * Verifies the chain against the latest checkpoint and, when it is intact,
   * writes a new checkpoint. What `audit:verify` and `audit:checkpoint` run.
   */
  async verifyAndWrite(): Promise<{
    verification: ChainVerification
    previous: StoredCheckpoint | null
    written: StoredCheckpoint | null
  }> {
    const previous = await this.latest()
    const verification = await AuditTrail.verify({ checkpoint: previous?.checkpoint ?? null })
    const written = verification.broken ? null : await this.write(verification)
    return { verification, previous, written }
  }
}

async function atomicWrite(file: string, text: string) {
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, text, 'utf8')
  await rename(temporary, file)
}

/** One sentence (for the console and logs) naming the first bad event and why. */
export function describeBreak(
  broken: ChainBreak,
  verification: ChainVerification,
  previous: StoredCheckpoint | null
) {
  const intact = `${verification.checked} events before it are intact`
  const at = previous ? `the checkpoint of ${previous.checkpoint.createdAt}` : 'the checkpoint'
  switch (broken.reason) {
    case 'hash_mismatch':
      return `Audit chain broken at event ${broken.id} (its content does not match its hash: edited, or hashed without the audit key); ${intact}.`
    case 'prev_hash_mismatch':
      return `Audit chain broken at event ${broken.id} (it does not follow the previous event); ${intact}.`
    case 'version_downgrade':
      return `Audit chain broken at event ${broken.id} (an unkeyed legacy hash after keyed events); ${intact}.`
    case 'checkpoint_missing_events':
      return `Audit chain broken at event ${broken.id} (missing: ${at} counted ${previous?.checkpoint.rowCount} events up to event ${broken.id}; the table now holds ${verification.checked}, the last being ${verification.lastId || 'none'}).`
    case 'checkpoint_head_mismatch':
      return `Audit chain broken at event ${broken.id} (it is not the head anchored by ${at}: the chain was rewritten).`
    case 'checkpoint_signature_invalid':
      return `Audit chain broken at event ${broken.id} (the latest checkpoint${previous ? `, ${previous.file},` : ''} is not signed with the audit key).`
  }
}
