import { BaseSchema } from '@adonisjs/lucid/schema'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

const oldKinds = "'contracting_authority', 'lead_grantee', 'ngo', 'ministry'"
const newKinds = `${oldKinds}, 'audit_firm'`

/**
 * The organisation registry: the kind `audit_firm`, the legal
 * representative, and one organisation per registration number in the
 * Kosovo NGO register (several organisations may still have none).
 *
 * SQLite keeps a CHECK constraint inside the CREATE TABLE text, and
 * rebuilding `organisations` would fight every foreign key pointing at it.
 * Widening the list of allowed values cannot invalidate a stored row, so the
 * stored table definition is edited in place (the documented
 * `writable_schema` procedure) and the schema version bumped so the
 * connection reloads it.
 */
export default class extends BaseSchema {
  async up() {
    this.defer((db) => setKinds(db, newKinds, "'ministry'"))
    this.schema.alterTable('organisations', (table) => {
      table.string('legal_representative', 160).nullable()
      table.dropIndex(['registration_number'])
      table.unique(['registration_number'], {
        indexName: 'organisations_registration_number_unique',
      })
    })
  }

  async down() {
    this.schema.alterTable('organisations', (table) => {
      table.dropUnique(['registration_number'], 'organisations_registration_number_unique')
      table.index(['registration_number'])
    })
    this.schema.raw('ALTER TABLE organisations DROP COLUMN legal_representative')
    this.defer(async (db) => {
      await db.from('organisations').where('kind', 'audit_firm').update({ kind: 'ngo' })
      await setKinds(db, oldKinds, "'audit_firm'")
    })
  }
}

async function setKinds(db: QueryClientContract, kinds: string, lastOfCurrent: string) {
  if (db.dialect.name === 'postgres') {
    await db.rawQuery('ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check')
    await db.rawQuery(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN (${kinds}))`
    )
    return
  }
  const table = await db
    .from('sqlite_master')
    .where({ type: 'table', name: 'organisations' })
    .select('sql')
    .firstOrFail()
  const current = String(table.sql)
  const list = /organisations_kind_check check \(`kind` in \(([^)]*)\)\)/i.exec(current)
  if (!list) throw new Error(`Unexpected organisations definition: ${current}`)
  if (!list[1].includes(lastOfCurrent)) throw new Error(`Unexpected kinds: ${list[1]}`)
  const updated = current.replace(list[0], list[0].replace(list[1], kinds))
  const rows = (await db.rawQuery('PRAGMA schema_version')) as { schema_version: number }[]
  const version = rows[0].schema_version
  await db.rawQuery('PRAGMA writable_schema = ON')
  await db.rawQuery(
    `UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'organisations'`,
    [updated]
  )
  await db.rawQuery(`PRAGMA schema_version = ${version + 1}`)
  await db.rawQuery('PRAGMA writable_schema = OFF')
}
