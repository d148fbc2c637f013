import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Grows the demo data to a national-scale dataset for the benchmark, in
 * SQL (INSERT … SELECT over a number sequence), on SQLite or PostgreSQL.
 * Scale 1 means 10 000 grants and sub-grants, 1 000 000 expense lines,
 * 200 shelters and 5 000 000 audit events. New rows are copies of the demo
 * rows with fresh keys; one demo expense report also gets a long list of
 * lines (at least 2 000). Benchmark databases only: it refuses to run in
 * production and on a database that has no demo data.
 */
export default class BenchGrow extends BaseCommand {
  static commandName = 'bench:grow'
  static description = 'Grow the demo data to a national-scale dataset (benchmark databases only)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Scale factor: 1 = 10 000 grants, 1 000 000 expense lines' })
  declare scale?: number

  async run() {
    if (this.app.inProduction) {
      this.logger.error('The benchmark data is never grown in production.')
      this.exitCode = 1
      return
    }
    const scale = this.scale ?? 0.01
    if (!(scale > 0 && scale <= 10)) {
      this.logger.error('--scale must be a number above 0 and at most 10')
      this.exitCode = 1
      return
    }
    const { BenchGrowth, BENCH_AUDIT_HASH_PREFIX } = await import('#database/bench/growth')
    const growth = new BenchGrowth(scale)
    const started = performance.now()
    const counts = await growth.grow()
    this.logger.info(
      `Grown in ${((performance.now() - started) / 1000).toFixed(1)} s (${Object.entries(
        growth.timings
      )
        .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`)
        .join(', ')})`
    )
    this.logger.warning(
      `The grown audit events carry placeholder hashes beginning with "${BENCH_AUDIT_HASH_PREFIX}": audit:verify reports the chain broken at the first of them on this benchmark database.`
    )
    this.logger.success(
      `Benchmark data at scale ${scale}: ${Object.entries(counts)
        .map(([table, count]) => `${table} ${count}`)
        .join(', ')}`
    )
  }
}
