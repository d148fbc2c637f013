import type { Knex } from 'knex'

/**
 * A money column: integer cents in a bigint with a CHECK constraint that
 * refuses negative amounts unless `allowNegative` is set. Every table that
 * stores money keeps a `currency` column beside it (see `currencyColumn`).
 */
export function moneyColumn(
  table: Knex.CreateTableBuilder,
  tableName: string,
  name: `${string}_cents`,
  options: { nullable?: boolean; allowNegative?: boolean } = {}
) {
  const column = table.bigInteger(name)
  if (options.nullable) column.nullable()
  else column.notNullable()
  if (!options.allowNegative) {
    table.check(`${name} >= 0`, {}, `${tableName}_${name}_non_negative`)
  }
  return column
}

/** An ISO 4217 currency code, EUR by default. */
export function currencyColumn(table: Knex.CreateTableBuilder, name = 'currency') {
  return table.string(name, 3).notNullable().defaultTo('EUR')
}
