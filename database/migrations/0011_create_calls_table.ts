import { BaseSchema } from '@adonisjs/lucid/schema'
import { currencyColumn, moneyColumn } from '#database/money_columns'

/**
 * Calls for proposals. Evaluation grids and the eligibility checklist are
 * data (JSON text) validated by app/domain/calls.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('calls', (table) => {
      table.increments('id')
      table.string('reference', 60).notNullable().unique()
      table.string('title_en', 255).notNullable()
      table.string('title_sq', 255).nullable()
      table.string('title_sr', 255).nullable()
      table.text('description_en').nullable()
      table.text('description_sq').nullable()
      table.text('description_sr').nullable()
      table
        .integer('funder_organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
        .index()
      /* The lead grant a sub-granting call spends from (grants come with the grants feature). */
      table.integer('parent_grant_id').unsigned().nullable().index()
      table
        .string('procedure', 16)
        .notNullable()
        .checkIn(['restricted', 'open'], 'calls_procedure_check')
      currencyColumn(table)
      moneyColumn(table, 'calls', 'budget_envelope_cents')
      moneyColumn(table, 'calls', 'min_grant_cents')
      moneyColumn(table, 'calls', 'max_grant_cents')
      table.check('max_grant_cents >= min_grant_cents', {}, 'calls_grant_range_check')
      table.integer('max_funder_share_bp').notNullable().defaultTo(9500)
      table.check('max_funder_share_bp between 1 and 10000', {}, 'calls_share_check')
      moneyColumn(table, 'calls', 'max_per_third_party_cents')
      table.text('eligible_services').notNullable()
      table.text('eligibility_checklist').notNullable()
      table.text('concept_grid').notNullable()
      table.text('full_grid').notNullable()
      table.timestamp('concept_deadline_at', { useTz: true }).notNullable()
      table.timestamp('full_deadline_at', { useTz: true }).nullable()
      table.string('timezone', 40).notNullable().defaultTo('Europe/Belgrade')
      table.integer('min_days_to_concept_deadline').notNullable().defaultTo(45)
      table.integer('min_days_to_full_deadline').notNullable().defaultTo(30)
      table.integer('shortlist_multiple_bp').notNullable().defaultTo(20000)
      table.integer('spread_flag_bp').notNullable().defaultTo(2000)
      table.integer('max_request_change_bp').notNullable().defaultTo(2000)
      table.string('status', 32).notNullable().defaultTo('draft').index()
      table.timestamp('published_at', { useTz: true }).nullable()
      table.integer('created_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.createTable('applications', (table) => {
      table.increments('id')
      table
        .integer('call_id')
        .unsigned()
        .notNullable()
        .references('calls.id')
        .onDelete('RESTRICT')
        .index()
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('RESTRICT')
        .index()
      table.string('status', 32).notNullable().defaultTo('draft').index()
      table.string('title', 255).notNullable()
      table.text('summary').nullable()
      table.text('objectives').nullable()
      table.text('target_groups').nullable()
      currencyColumn(table)
      moneyColumn(table, 'applications', 'estimated_total_cents', { nullable: true })
      moneyColumn(table, 'applications', 'requested_cents', { nullable: true })
      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.timestamp('withdrawn_at', { useTz: true }).nullable()
      table.text('admin_checklist').nullable()
      table.boolean('is_admin_compliant').nullable()
      table.text('licence_check').nullable()
      table.integer('admin_checked_by_id').unsigned().nullable().references('users.id').index()
      table.timestamp('admin_checked_at', { useTz: true }).nullable()
      table.integer('concept_score_hundredths').nullable()
      table.integer('concept_rank').nullable()
      table.date('period_start_on').nullable()
      table.date('period_end_on').nullable()
      table.text('narrative').nullable()
      table.text('logframe').nullable()
      table.text('cofinancing_sources').nullable()
      moneyColumn(table, 'applications', 'full_requested_cents', { nullable: true })
      moneyColumn(table, 'applications', 'full_total_cents', { nullable: true })
      table.timestamp('full_submitted_at', { useTz: true }).nullable()
      table.integer('full_score_hundredths').nullable()
      table.integer('full_rank').nullable()
      table.boolean('is_eliminated').notNullable().defaultTo(false)
      table
        .string('selection', 16)
        .nullable()
        .checkIn(['selected', 'reserve', 'rejected'], 'applications_selection_check')
      table
        .string('eligibility', 16)
        .nullable()
        .checkIn(['eligible', 'ineligible'], 'applications_eligibility_check')
      table.text('eligibility_note').nullable()
      table
        .integer('eligibility_checked_by_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .index()
      table.timestamp('eligibility_checked_at', { useTz: true }).nullable()
      table.integer('decided_by_id').unsigned().nullable().references('users.id').index()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.integer('created_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['call_id', 'organisation_id'])
    })

    this.schema.createTable('application_budget_lines', (table) => {
      table.increments('id')
      table
        .integer('application_id')
        .unsigned()
        .notNullable()
        .references('applications.id')
        .onDelete('CASCADE')
        .index()
      table.integer('position').notNullable()
      table
        .string('heading', 32)
        .notNullable()
        .checkIn(
          [
            'human_resources',
            'travel',
            'equipment_supplies',
            'local_office',
            'other_costs_services',
            'other',
            'indirect',
            'contingency',
          ],
          'application_budget_lines_heading_check'
        )
      table.string('label', 255).notNullable()
      table.string('unit', 40).notNullable()
      table.integer('quantity_hundredths').notNullable()
      table.check('quantity_hundredths >= 0', {}, 'application_budget_lines_quantity_check')
      moneyColumn(table, 'application_budget_lines', 'unit_cost_cents')
      table.string('third_party', 160).nullable()
    })

    this.schema.createTable('assessor_declarations', (table) => {
      table.increments('id')
      table
        .integer('call_id')
        .unsigned()
        .notNullable()
        .references('calls.id')
        .onDelete('CASCADE')
        .index()
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
        .index()
      table.timestamp('signed_at', { useTz: true }).notNullable()
      table.unique(['call_id', 'user_id'])
    })

    this.schema.createTable('affiliations', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
        .index()
      table
        .string('kind', 24)
        .notNullable()
        .checkIn(
          ['employer', 'board_member', 'family', 'financial_interest'],
          'affiliations_kind_check'
        )
      table
        .integer('organisation_id')
        .unsigned()
        .notNullable()
        .references('organisations.id')
        .onDelete('CASCADE')
        .index()
      table.string('note', 255).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('conflict_waivers', (table) => {
      table.increments('id')
      table
        .integer('application_id')
        .unsigned()
        .notNullable()
        .references('applications.id')
        .onDelete('CASCADE')
        .index()
      table.integer('assessor_id').unsigned().notNullable().references('users.id').index()
      table.text('reason').notNullable()
      table.integer('requested_by_id').unsigned().notNullable().references('users.id').index()
      table.integer('approved_by_id').unsigned().nullable().references('users.id').index()
      table.timestamp('approved_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('assessor_assignments', (table) => {
      table.increments('id')
      table
        .integer('application_id')
        .unsigned()
        .notNullable()
        .references('applications.id')
        .onDelete('CASCADE')
        .index()
      table.integer('assessor_id').unsigned().notNullable().references('users.id').index()
      table
        .string('stage', 20)
        .notNullable()
        .checkIn(['concept_note', 'full_application'], 'assignments_stage_check')
      table
        .string('status', 16)
        .notNullable()
        .defaultTo('assigned')
        .checkIn(['assigned', 'declined', 'submitted'], 'assignments_status_check')
        .index()
      table.text('declined_reason').nullable()
      table.integer('waiver_id').unsigned().nullable().references('conflict_waivers.id').index()
      table.integer('assigned_by_id').unsigned().notNullable().references('users.id').index()
      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['application_id', 'assessor_id', 'stage'])
    })

    this.schema.createTable('assessment_scores', (table) => {
      table.increments('id')
      table
        .integer('assignment_id')
        .unsigned()
        .notNullable()
        .references('assessor_assignments.id')
        .onDelete('CASCADE')
        .index()
      table.string('criterion_key', 40).notNullable()
      table.integer('score').notNullable()
      table.check('score >= 0', {}, 'assessment_scores_score_check')
      table.unique(['assignment_id', 'criterion_key'])
    })

    this.schema.createTable('assessment_comments', (table) => {
      table.increments('id')
      table
        .integer('assignment_id')
        .unsigned()
        .notNullable()
        .references('assessor_assignments.id')
        .onDelete('CASCADE')
        .index()
      table.string('section_key', 40).notNullable()
      table.text('comment').notNullable()
      table.unique(['assignment_id', 'section_key'])
    })
  }

  async down() {
    for (const table of [
      'assessment_comments',
      'assessment_scores',
      'assessor_assignments',
      'conflict_waivers',
      'affiliations',
      'assessor_declarations',
      'application_budget_lines',
      'applications',
      'calls',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
