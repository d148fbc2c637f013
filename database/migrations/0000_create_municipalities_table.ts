import { BaseSchema } from '@adonisjs/lucid/schema'
import { municipalities } from '#database/data/municipalities'

/** Reference data: the 38 municipalities of Kosovo in three languages. */
export default class extends BaseSchema {
  protected tableName = 'municipalities'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('code', 40).primary()
      table.string('name_en', 80).notNullable()
      table.string('name_sq', 80).notNullable()
      table.string('name_sr', 80).notNullable()
    })
    this.defer(async (db) => {
      await db.table(this.tableName).multiInsert(
        municipalities.map((m) => ({
          code: m.code,
          name_en: m.nameEn,
          name_sq: m.nameSq,
          name_sr: m.nameSr,
        }))
      )
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
