import { BaseSchema } from '@adonisjs/lucid/schema'
import { moneyColumn } from '#database/money_columns'

/**
 * Monitoring visits and spot checks (ADR 0031): a visit of a grant, planned
 * by risk; its checklist (minimum standards for an MLSW inspection, sampled
 * admitted expense lines for a financial spot check); and the action points
 * that follow its findings until they are closed with evidence.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('monitoring_visits', (table) => {
      table.increments('id')
      table.integer('grant_id').unsigned().notNullable().references('grants.id')
      /** The grantee visited. */
      table.integer('organisation_id').unsigned().notNullable().references('organisations.id')
      table.string('kind', 20).notNullable()
      table.string('status', 20).notNullable().defaultTo('planned')
      table.date('planned_on').notNullable()
      table.date('visited_on').nullable()
      table.integer('lead_user_id').unsigned().notNullable().references('users.id')
      /** The organisation in whose name the lead plans the visit. */
      table.integer('lead_organisation_id').unsigned().notNullable().references('organisations.id')
      table.integer('risk_score').notNullable().defaultTo(0)
      table.text('risk_reasons').notNullable().defaultTo('[]')
      table.integer('sample_seed').nullable()
      table.integer('sample_size').nullable()
      table.text('purpose').nullable()
      table.text('findings').nullable()
      table.integer('reported_by_id').unsigned().nullable().references('users.id')
      table.timestamp('reported_at').nullable()
      table.integer('created_by_id').unsigned().notNullable().references('users.id')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['grant_id'])
      table.index(['organisation_id', 'status'])
      table.check(`kind IN ('inspection', 'spot_check')`, {}, 'monitoring_visits_kind')
      table.check(`status IN ('planned', 'reported')`, {}, 'monitoring_visits_status')
    })

    this.schema.createTable('monitoring_checks', (table) => {
      table.increments('id')
      table
        .integer('visit_id')
        .unsigned()
        .notNullable()
        .references('monitoring_visits.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable()
      /** A minimum standard (inspection) or a sampled expense line (spot check). */
      table.string('standard_code', 20).nullable()
      table.integer('expense_line_id').unsigned().nullable().references('expense_lines.id')
      table.string('selection', 10).nullable()
      moneyColumn(table, 'monitoring_checks', 'admitted_cents', { nullable: true })
      table.string('currency', 3).nullable()
      table.string('result', 10).nullable()
      table.text('comment').nullable()
      table.unique(['visit_id', 'position'])
      table.check(
        `result IS NULL OR result IN ('met', 'partly', 'not_met', 'ok', 'finding')`,
        {},
        'monitoring_checks_result'
      )
    })

    this.schema.createTable('action_points', (table) => {
      table.increments('id')
      table.integer('grant_id').unsigned().notNullable().references('grants.id')
      /** The grantee concerned (the visited organisation). */
      table.integer('organisation_id').unsigned().notNullable().references('organisations.id')
      table.integer('visit_id').unsigned().notNullable().references('monitoring_visits.id')
      table.integer('check_id').unsigned().nullable().references('monitoring_checks.id')
      table.string('title', 200).notNullable()
      table.text('description').nullable()
      /** Who must act: an organisation, and optionally one person in it. */
      table.integer('owner_organisation_id').unsigned().notNullable().references('organisations.id')
      table.integer('owner_user_id').unsigned().nullable().references('users.id')
      table.date('due_on').notNullable()
      table.string('status', 20).notNullable().defaultTo('open')
      table.timestamp('closed_at').nullable()
      table.integer('closed_by_id').unsigned().nullable().references('users.id')
      table.text('closing_comment').nullable()
      table.integer('created_by_id').unsigned().notNullable().references('users.id')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['grant_id', 'status'])
      table.index(['owner_organisation_id', 'status'])
      table.index(['status', 'due_on'])
      table.check(`status IN ('open', 'answered', 'closed')`, {}, 'action_points_status')
    })

    this.schema.createTable('action_point_notes', (table) => {
      table.increments('id')
      table
        .integer('action_point_id')
        .unsigned()
        .notNullable()
        .references('action_points.id')
        .onDelete('CASCADE')
      table.integer('author_id').unsigned().notNullable().references('users.id')
      table.text('body').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['action_point_id'])
    })
  }

  async down() {
    this.schema.dropTable('action_point_notes')
    this.schema.dropTable('action_points')
    this.schema.dropTable('monitoring_checks')
    this.schema.dropTable('monitoring_visits')
  }
}
