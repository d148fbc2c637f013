import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Where the hashes of grown audit events begin: they are placeholders, not a chain. */
export const BENCH_AUDIT_HASH_PREFIX = 'bench'

type SavedIndex = { table: string; name: string; create: string; constraint: boolean }

/**
 * The benchmark's national-scale dataset, grown from the demo by SQL. Every
 * new row copies a demo row (cycled) with fresh keys, so the shapes the
 * pages read stay realistic; money stays integer cents, and each report's
 * claimed amount is the sum of its lines afterwards.
 *
 * Set-based and in one transaction: a number sequence (generate_series on
 * PostgreSQL, a recursive CTE on SQLite) joined to the demo rows. The
 * secondary indexes of the two bulk tables are dropped first and built
 * again after their insert (one sort instead of millions of random index
 * insertions), and foreign keys are not checked row by row (the rows copy
 * rows that satisfied them, pointing at grants and reports made here).
 *
 * The grown audit events are not a hash chain: their hashes are unique
 * placeholders beginning with `bench` (BENCH_AUDIT_HASH_PREFIX), so
 * `audit:verify` on a benchmark database reports the chain broken at the
 * first of them. The audit triggers refuse updates and deletes only; an
 * insert costs no trigger.
 */
export class BenchGrowth {
  private pg = db.connection().dialect.name === 'postgres'
  private trx!: TransactionClientContract
  readonly timings: Record<string, number> = {}

  /**
   * `tune: false` for a caller's transaction (tests): no SQLite pragmas (not
   * allowed inside one) and no VACUUM or ANALYZE afterwards.
   */
  constructor(
    private scale: number,
    private options: { tune?: boolean } = {}
  ) {}

  private get client() {
    return this.trx
  }

  /** Times a step (milliseconds, summed by name) for the command's report. */
  private async timed<T>(name: string, step: () => Promise<T>): Promise<T> {
    const start = performance.now()
    try {
      return await step()
    } finally {
      this.timings[name] = (this.timings[name] ?? 0) + Math.round(performance.now() - start)
    }
  }

  private rowsOf(result: any): any[] {
    return this.pg ? result.rows : result
  }

  /** Drops the secondary indexes (and unique constraints) of a table, returning how to rebuild them. */
  private async dropIndexes(table: string): Promise<SavedIndex[]> {
    const saved: SavedIndex[] = []
    if (this.pg) {
      const rows = this.rowsOf(
        await this.client.rawQuery(
          `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS condef
           FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
           LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype = 'u'
           WHERE i.indrelid = ?::regclass AND NOT i.indisprimary ORDER BY ic.relname`,
          [table]
        )
      )
      for (const row of rows) {
        if (row.constraint_name) {
          saved.push({
            table,
            name: row.constraint_name,
            create: `ALTER TABLE ${table} ADD CONSTRAINT ${row.constraint_name} ${row.condef}`,
            constraint: true,
          })
          await this.client.rawQuery(`ALTER TABLE ${table} DROP CONSTRAINT ${row.constraint_name}`)
        } else {
          saved.push({ table, name: row.name, create: row.def, constraint: false })
          await this.client.rawQuery(`DROP INDEX ${row.name}`)
        }
      }
    } else {
      const rows = this.rowsOf(
        await this.client.rawQuery(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
          [table]
        )
      )
      for (const row of rows) {
        saved.push({ table, name: row.name, create: row.sql, constraint: false })
        await this.client.rawQuery(`DROP INDEX "${row.name}"`)
      }
    }
    return saved
  }

  private async rebuildIndexes(saved: SavedIndex[]) {
    for (const index of saved) {
      await this.timed(`index ${index.table}`, () => this.client.rawQuery(index.create))
    }
  }

  private async count(table: string, where = '') {
    const rows = await this.client.rawQuery(
      `SELECT count(*) AS c, coalesce(max(id), 0) AS m FROM ${table} ${where}`
    )
    const row = this.pg ? rows.rows[0] : rows[0]
    return { count: Number(row.c), max: Number(row.m) }
  }

  private async columns(table: string) {
    /* From the catalogue, in the transaction (knex's columnInfo answers nothing there). */
    const rows = this.rowsOf(
      this.pg
        ? await this.client.rawQuery(
            'SELECT attname AS name FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
            [table]
          )
        : await this.client.rawQuery(`PRAGMA table_info("${table}")`)
    )
    return rows.map((row) => String(row.name))
  }

  /** A unique 64-character text for row n (audit hashes). */
  private hashOf(expr: string) {
    return this.pg
      ? `'${BENCH_AUDIT_HASH_PREFIX}' || lpad((${expr})::text, 59, '0')`
      : `'${BENCH_AUDIT_HASH_PREFIX}' || printf('%059d', ${expr})`
  }

  /** INSERT INTO table SELECT with each column taken from `src` unless overridden. */
  private async insertSelect(
    table: string,
    overrides: Record<string, string | null>,
    from: string
  ) {
    const all = await this.columns(table)
    const columns = all.filter((c) => overrides[c] !== null)
    const select = columns.map((c) => overrides[c] ?? `src.${c}`).join(', ')
    await this.timed(`insert ${table}`, () =>
      this.client.rawQuery(
        `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM ${from}`
      )
    )
  }

  private async fillSequence(upTo: number) {
    await this.client.rawQuery('DROP TABLE IF EXISTS bench_seq')
    await this.timed('sequence', async () => {
      await this.client.rawQuery('CREATE TABLE bench_seq (n integer primary key)')
      if (this.pg) {
        await this.client.rawQuery(`INSERT INTO bench_seq (n) SELECT generate_series(1, ${upTo})`)
      } else {
        await this.client.rawQuery(
          `INSERT INTO bench_seq (n) WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${upTo}) SELECT n FROM s`
        )
      }
    })
  }

  /** The demo rows of a table numbered from 0 (the source rows to cycle over). */
  private numbered(table: string, maxId: number, where = '') {
    return `(SELECT t.*, row_number() OVER (ORDER BY t.id) - 1 AS bench_k FROM ${table} t WHERE t.id <= ${maxId} ${where})`
  }

  private async resetSequence(table: string) {
    if (!this.pg) return
    await this.client.rawQuery(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`
    )
  }

  async grow() {
    const tune = this.options.tune !== false
    if (tune && !this.pg) {
      /* Outside the transaction (SQLite ignores these inside one); the connection is reused. */
      const conn = db.connection()
      await conn.rawQuery('PRAGMA foreign_keys = OFF')
      await conn.rawQuery('PRAGMA synchronous = OFF')
      await conn.rawQuery('PRAGMA cache_size = -262144')
      await conn.rawQuery('PRAGMA temp_store = MEMORY')
    }
    let result: Record<string, number>
    try {
      result = await db.transaction(async (trx) => {
        this.trx = trx
        if (this.pg) {
          /* Foreign keys are checked by triggers on PostgreSQL: not fired in replica mode. */
          await trx.rawQuery('SET LOCAL session_replication_role = replica')
          await trx.rawQuery(`SET LOCAL maintenance_work_mem = '256MB'`)
        }
        return this.growIn()
      })
    } finally {
      if (tune && !this.pg) {
        const conn = db.connection()
        await conn.rawQuery('PRAGMA foreign_keys = ON')
        await conn.rawQuery('PRAGMA synchronous = NORMAL')
      }
    }
    /*
     * Statistics for the planner; on PostgreSQL also the visibility map that
     * autovacuum would set in a live database (index-only scans, e.g. counts).
     */
    if (!tune) return result
    await this.timed('analyze', async () => {
      if (!this.pg) await db.connection().rawQuery('PRAGMA analysis_limit = 1000')
      await db.connection().rawQuery(this.pg ? 'VACUUM (ANALYZE)' : 'ANALYZE')
    })
    return result
  }

  private async growIn() {
    const target = {
      grants: Math.round(10_000 * this.scale),
      lines: Math.round(1_000_000 * this.scale),
      shelters: Math.round(200 * this.scale),
      audit: Math.round(5_000_000 * this.scale),
    }
    const grants = await this.count('grants')
    if (grants.count === 0) throw new Error('Load the demo data first (node ace demo:seed).')
    const grantRefs = await this.count('grants', "WHERE reference LIKE '%/BENCH-%'")
    if (grantRefs.count > 0) throw new Error('This database was already grown.')

    const reports = await this.count('expense_reports')
    const lines = await this.count('expense_lines')
    const shelters = await this.count('shelters')
    const audit = await this.count('audit_events')
    const newGrants = Math.max(0, target.grants - grants.count)
    const newShelters = Math.max(0, target.shelters - shelters.count)
    const longReportLines = Math.max(2000, Math.round(10_000 * this.scale))
    const newLines = Math.max(0, target.lines - lines.count - longReportLines)
    const newAudit = Math.max(0, target.audit - audit.count)
    await this.fillSequence(
      Math.max(newGrants, newShelters, newLines, newAudit, longReportLines, 1)
    )
    const linesIndexes = await this.dropIndexes('expense_lines')

    /* Grants and sub-grants: id = base + n, copying demo grant n mod count. */
    const g = grants.count
    await this.insertSelect(
      'grants',
      {
        id: `${grants.max} + s.n`,
        reference: `src.reference || '/BENCH-' || s.n`,
        application_id: 'NULL',
      },
      `bench_seq s JOIN ${this.numbered('grants', grants.max)} src ON src.bench_k = (s.n - 1) % ${g} WHERE s.n <= ${newGrants}`
    )
    await this.resetSequence('grants')
    const grantMap = `bench_seq s JOIN ${this.numbered('grants', grants.max)} sg ON sg.bench_k = (s.n - 1) % ${g}`
    await this.insertSelect(
      'grant_budget_lines',
      { id: null, grant_id: `${grants.max} + s.n` },
      `${grantMap} JOIN grant_budget_lines src ON src.grant_id = sg.id WHERE s.n <= ${newGrants}`
    )
    await this.insertSelect(
      'ledger_entries',
      { id: null, grant_id: `${grants.max} + s.n`, payment_id: 'NULL', recovery_order_id: 'NULL' },
      `${grantMap} JOIN ledger_entries src ON src.grant_id = sg.id WHERE s.n <= ${newGrants} AND src.kind IN ('commitment', 'decommitment')`
    )
    /* One report per new grant (a copy of its demo grant's first report). */
    await this.insertSelect(
      'expense_reports',
      { id: `${reports.max} + s.n`, grant_id: `${grants.max} + s.n` },
      `${grantMap} JOIN expense_reports src ON src.id = (SELECT min(r.id) FROM expense_reports r WHERE r.grant_id = sg.id) WHERE s.n <= ${newGrants}`
    )
    await this.resetSequence('expense_reports')

    /* The long report: the demo report with the most lines gets many more. */
    const longest = await this.client
      .from('expense_lines')
      .select('expense_report_id')
      .count('* as c')
      .max('position as p')
      .groupBy('expense_report_id')
      .orderBy('c', 'desc')
      .orderBy('expense_report_id')
      .first()
    if (longest) {
      const reportId = Number(longest.expense_report_id)
      const templateCount = Number(longest.c)
      await this.insertSelect(
        'expense_lines',
        { id: null, position: `${Number(longest.p)} + s.n` },
        `bench_seq s JOIN ${this.numbered('expense_lines', lines.max, `AND t.expense_report_id = ${reportId}`)} src ON src.bench_k = (s.n - 1) % ${templateCount} WHERE s.n <= ${longReportLines}`
      )
    }

    /* The other lines, spread over the new reports. */
    const newReports = await this.count('expense_reports', `WHERE id > ${reports.max}`)
    if (newReports.count > 0 && lines.count > 0) {
      const r = newReports.count
      await this.insertSelect(
        'expense_lines',
        {
          id: null,
          expense_report_id: 'rep.id',
          position: `(s.n - 1) / ${r} + 1`,
          grant_budget_line_id: 'NULL',
        },
        `bench_seq s JOIN ${this.numbered('expense_lines', lines.max)} src ON src.bench_k = (s.n - 1) % ${lines.count} JOIN ${this.numbered('expense_reports', Number.MAX_SAFE_INTEGER, `AND t.id > ${reports.max}`)} rep ON rep.bench_k = (s.n - 1) % ${r} WHERE s.n <= ${newLines}`
      )
    }
    await this.rebuildIndexes(linesIndexes)
    await this.client.rawQuery(
      `UPDATE expense_reports SET claimed_cents = (SELECT coalesce(sum(l.claimed_cents), 0) FROM expense_lines l WHERE l.expense_report_id = expense_reports.id), admitted_cents = NULL WHERE id > ${reports.max} OR id IN (SELECT expense_report_id FROM expense_lines WHERE id > ${lines.max})`
    )

    /* Shelters, with their needs, targets and commitments copied. */
    if (newShelters > 0) {
      const sh = shelters.count
      await this.insertSelect(
        'shelters',
        { id: `${shelters.max} + s.n`, name: `src.name || ' ' || s.n` },
        `bench_seq s JOIN ${this.numbered('shelters', shelters.max)} src ON src.bench_k = (s.n - 1) % ${sh} WHERE s.n <= ${newShelters}`
      )
      await this.resetSequence('shelters')
      const shelterMap = `bench_seq s JOIN ${this.numbered('shelters', shelters.max)} ss ON ss.bench_k = (s.n - 1) % ${sh}`
      for (const table of ['handover_needs', 'handover_targets', 'handover_commitments']) {
        await this.insertSelect(
          table,
          { id: null, shelter_id: `${shelters.max} + s.n` },
          `${shelterMap} JOIN ${table} src ON src.shelter_id = ss.id WHERE s.n <= ${newShelters}`
        )
      }
    }

    /* Audit events: copies of the demo events with unique hashes. */
    if (newAudit > 0 && audit.count > 0) {
      const auditIndexes = await this.dropIndexes('audit_events')
      await this.insertSelect(
        'audit_events',
        {
          id: null,
          hash: this.hashOf(`s.n`),
          prev_hash: this.hashOf(`s.n - 1`),
        },
        `bench_seq s JOIN ${this.numbered('audit_events', audit.max)} src ON src.bench_k = (s.n - 1) % ${audit.count} WHERE s.n <= ${newAudit}`
      )
      await this.rebuildIndexes(auditIndexes)
    }
    await this.client.rawQuery('DROP TABLE bench_seq')

    const result: Record<string, number> = {}
    for (const table of [
      'grants',
      'expense_reports',
      'expense_lines',
      'shelters',
      'audit_events',
    ]) {
      const { count } = await this.count(table)
      result[table] = count
    }
    return result
  }
}
