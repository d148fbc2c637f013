import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The warnings shown to the grant manager when eligibility was recorded
 * (amount outside the call's range, documents missing, licence cover short
 * of the grant period), kept with the decision as JSON text.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('applications', (table) => {
      table.text('eligibility_warnings').nullable()
    })
  }

  async down() {
    this.schema.raw('ALTER TABLE applications DROP COLUMN eligibility_warnings')
  }
}
