import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An organisation's own people managers (ADR 0020): a member whose
 * membership carries `manages_people` invites, deactivates and changes the
 * roles of the people of that organisation, within the roles its kind
 * allows and never a programme-wide one. The flag is kept alike on every
 * membership a person holds in the organisation.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('memberships', (table) => {
      table.boolean('manages_people').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.raw('ALTER TABLE memberships DROP COLUMN manages_people')
  }
}
