import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { BENCH_AUDIT_HASH_PREFIX, BenchGrowth } from '#database/bench/growth'
import { DemoData } from '#database/seeders/demo_data'

async function indexNames(table: string) {
  const pg = db.connection().dialect.name === 'postgres'
  const result = pg
    ? await db.rawQuery('SELECT indexname AS name FROM pg_indexes WHERE tablename = ?', [table])
    : await db.rawQuery(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`, [
        table,
      ])
  return (pg ? result.rows : result).map((row: { name: string }) => row.name).sort()
}

test.group('Benchmark data growth', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('grows the demo by SQL to the scale, rebuilds the indexes it dropped and marks its audit events', async ({
    assert,
  }) => {
    await new DemoData().load()
    const linesIndexes = await indexNames('expense_lines')
    const auditIndexes = await indexNames('audit_events')

    const counts = await new BenchGrowth(0.002, { tune: false }).grow()

    assert.equal(counts.grants, 20)
    assert.isAtLeast(counts.expense_lines, 2000)
    assert.equal(counts.audit_events, 10_000)
    assert.deepEqual(await indexNames('expense_lines'), linesIndexes)
    assert.deepEqual(await indexNames('audit_events'), auditIndexes)

    const grown = await db
      .from('audit_events')
      .whereLike('hash', `${BENCH_AUDIT_HASH_PREFIX}%`)
      .count('* as c')
      .countDistinct('hash as d')
    assert.isAbove(Number(grown[0].c), 9000)
    assert.equal(Number(grown[0].d), Number(grown[0].c))

    // Each grown report claims the sum of its lines.
    const mismatched = await db.rawQuery(
      `SELECT count(*) AS c FROM expense_reports r JOIN grants g ON g.id = r.grant_id
       WHERE g.reference LIKE '%/BENCH-%' AND r.claimed_cents <>
       (SELECT coalesce(sum(l.claimed_cents), 0) FROM expense_lines l WHERE l.expense_report_id = r.id)`
    )
    const rows = db.connection().dialect.name === 'postgres' ? mismatched.rows : mismatched
    assert.equal(Number(rows[0].c), 0)

    await assert.rejects(() => new BenchGrowth(0.002, { tune: false }).grow(), /already grown/)
  }).timeout(120_000)
})
