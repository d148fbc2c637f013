import { BaseSchema } from '@adonisjs/lucid/schema'

const before = "'commitment','disbursement','recovery'"
const after = "'commitment','decommitment','disbursement','recovery'"

/**
 * A budget change that lowers a signed grant's funder contribution
 * releases part of the commitment: the ledger records it as a
 * `decommitment`, so the commitments less decommitments always equal F.
 *
 * PostgreSQL swaps the CHECK constraint. SQLite cannot alter one, so the
 * table is rebuilt from its own DDL with the wider list (no table
 * references `ledger_entries`, so the rebuild is safe), indexes included.
 */
export default class extends BaseSchema {
  async up() {
    await this.widen(before, after)
  }

  async down() {
    this.defer(async (db) => {
      await db.from('ledger_entries').where('kind', 'decommitment').delete()
    })
    await this.widen(after, before)
  }

  private async widen(from: string, to: string) {
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw('ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind')
      this.schema.raw(
        `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind CHECK (kind IN (${to}))`
      )
      return
    }
    this.defer(async (db) => {
      const table = await db
        .from('sqlite_master')
        .where({ type: 'table', name: 'ledger_entries' })
        .select('sql')
        .firstOrFail()
      const indexes = await db
        .from('sqlite_master')
        .where({ type: 'index', tbl_name: 'ledger_entries' })
        .whereNotNull('sql')
        .select('sql')
      const ddl = String(table.sql)
      if (!ddl.includes(from)) throw new Error(`ledger_entries has no kind list (${from})`)
      await db.rawQuery(
        ddl
          .replace(from, to)
          .replace(/^CREATE TABLE [`"]?ledger_entries[`"]?/, 'CREATE TABLE ledger_entries_next')
      )
      await db.rawQuery('INSERT INTO ledger_entries_next SELECT * FROM ledger_entries')
      await db.rawQuery('DROP TABLE ledger_entries')
      await db.rawQuery('ALTER TABLE ledger_entries_next RENAME TO ledger_entries')
      for (const index of indexes) await db.rawQuery(String(index.sql))
    })
  }
}
