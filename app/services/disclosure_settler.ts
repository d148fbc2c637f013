import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { SettleDisclosure } from '#actions/reports/settle_disclosure'

/**
 * Settles suppression patterns after the change that needs them (ADR 0025,
 * ADR 0033), one run at a time in this process.
 *
 * - **After a commit** (statistics saved, a report approved, a publication
 *   minimum in force today): `settle` queues the grants and returns at
 *   once; the request does not wait for the audit. Until the run ends,
 *   views find no pattern for the new data and show the pattern cut short
 *   within the view budget (safe: it hides more).
 * - **Lazily** (a view found no pattern for the data and the minimum in
 *   force, e.g. the first view after a later-dated minimum took effect):
 *   `settleLater` queues the grant, or every grant for the roll-ups, so
 *   the next view reads the settled pattern without anyone running
 *   `disclosure:settle`.
 *
 * Requests made during a run are merged into the next one. A failed run
 * is logged; views keep the safe fallback and the next request retries.
 *
 * In tests (`inline`) `settle` runs before returning, as the tests read
 * the stored pattern right after a save, and views queue nothing; a test
 * of the production behaviour sets `mode = 'deferred'` and awaits `idle()`.
 */
/** How long a run waits after it is queued, for the response to be sent first. */
const startDelayMs = 100
/** The shortest time between two lazy runs over every grant. */
const everyGrantPause = 10 * 60_000

export class DisclosureSettler {
  mode: 'deferred' | 'inline' = app.inTest ? 'inline' : 'deferred'
  #grants = new Set<number>()
  #everyGrant = false
  #running: Promise<void> | null = null
  /** When the last lazy run over every grant was asked for (ms since the epoch). */
  #everyAskedAt = Number.NEGATIVE_INFINITY

  /** Settles the grants' patterns (and every roll-up) after the caller's commit. */
  async settle(grantIds: readonly number[]) {
    if (this.mode === 'inline') return new SettleDisclosure().handle(grantIds)
    this.#queue(grantIds)
  }

  /** A view found nothing stored for its data and minimum: settle it in the background. */
  settleLater(grantIds: readonly number[] | 'every') {
    if (this.mode === 'inline') return
    if (grantIds === 'every') {
      // A viewer whose roll-ups no run stores (a member of two shelters'
      // organisations) would otherwise ask at every view.
      if (Date.now() - this.#everyAskedAt < everyGrantPause) return
      this.#everyAskedAt = Date.now()
    }
    this.#queue(grantIds)
  }

  /** Resolves once nothing is queued or running (tests, shutdown). */
  async idle() {
    while (this.#running) await this.#running
  }

  #queue(grantIds: readonly number[] | 'every') {
    if (grantIds === 'every') this.#everyGrant = true
    else for (const id of grantIds) this.#grants.add(id)
    this.#running ??= this.#drain()
  }

  async #drain() {
    // Let the request that queued this answer first: the audit is CPU-bound in this process.
    await new Promise((resolve) => setTimeout(resolve, startDelayMs))
    try {
      while (this.#everyGrant || this.#grants.size > 0) {
        const every = this.#everyGrant
        let ids = [...this.#grants]
        this.#everyGrant = false
        this.#grants.clear()
        if (every) {
          const rows = await db.from('grants').select('id').orderBy('id')
          ids = rows.map((row) => Number(row.id))
        }
        try {
          await new SettleDisclosure().handle(ids)
        } catch (error) {
          logger.error({ err: error, grants: ids }, 'disclosure: settling patterns failed')
        }
      }
    } finally {
      this.#running = null
    }
  }
}

/** The process's settler. */
export const disclosureSettler = new DisclosureSettler()
