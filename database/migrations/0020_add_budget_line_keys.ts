import { randomUUID } from 'node:crypto'
import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A stable identity for budget lines across budget versions (DOMAIN-RULES
 * §5): `line_key`. Every version of a grant's budget repeats the lines it
 * keeps with the same key, and budget changes carry their lines by key.
 *
 * Backfill, per grant and version in order: a line takes the key of the
 * line of the previous version with the same heading, label and third party
 * (each key once), else a new one. Budget-change proposals (JSON) take the
 * keys of the version they wrote, or of the version they were made on.
 * Expense lines booked on an earlier version's row are moved to the row
 * with the same key in the latest version, as applying a change now does.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('grant_budget_lines', (table) => {
      table.string('line_key', 36).nullable()
    })

    this.defer(async (db) => {
      const rows: Row[] = await db
        .from('grant_budget_lines')
        .select('id', 'grant_id', 'version', 'position', 'heading', 'label', 'third_party')
        .orderBy('grant_id')
        .orderBy('version')
        .orderBy('position')
        .orderBy('id')
      const keyOfRow = new Map<number, string>()
      const byGrant = groupBy(rows, (row) => Number(row.grant_id))
      for (const lines of byGrant.values()) {
        let previous: Row[] = []
        for (const version of groupBy(lines, (row) => Number(row.version)).values()) {
          const free = [...previous]
          for (const row of version) {
            const match = free.findIndex((p) => identity(p) === identity(row))
            const key = match >= 0 ? keyOfRow.get(free.splice(match, 1)[0].id)! : randomUUID()
            keyOfRow.set(row.id, key)
          }
          previous = version
        }
        // Expense lines follow their budget line into the latest version.
        const latest = previous
        for (const row of lines) {
          if (row.version === latest[0]?.version) continue
          const current = latest.find((l) => keyOfRow.get(l.id) === keyOfRow.get(row.id))
          if (!current) continue
          await db
            .from('expense_lines')
            .where('grant_budget_line_id', row.id)
            .update({ grant_budget_line_id: current.id })
        }
      }
      for (const [id, key] of keyOfRow) {
        await db.from('grant_budget_lines').where('id', id).update({ line_key: key })
      }

      const changes = await db
        .from('budget_changes')
        .select('id', 'grant_id', 'from_version', 'to_version', 'proposal_json')
      for (const change of changes) {
        const version = change.to_version ?? change.from_version
        const versionLines = rows.filter(
          (row) =>
            Number(row.grant_id) === Number(change.grant_id) && Number(row.version) === version
        )
        const proposal: ProposalLine[] = JSON.parse(change.proposal_json)
        const free = [...versionLines]
        const keyed = proposal.map((line, position) => {
          let index =
            change.to_version !== null ? free.findIndex((row) => row.position === position) : -1
          if (index < 0) {
            index = free.findIndex(
              (row) =>
                identity(row) ===
                identity({ heading: line.heading, label: line.label, third_party: line.thirdParty })
            )
          }
          const key = index >= 0 ? keyOfRow.get(free.splice(index, 1)[0].id)! : randomUUID()
          return { ...line, lineKey: key }
        })
        await db
          .from('budget_changes')
          .where('id', change.id)
          .update({ proposal_json: JSON.stringify(keyed) })
      }
    })

    if (this.db.dialect.name === 'postgres') {
      // SQLite cannot tighten a column in place (a rebuild would touch the
      // expense lines' foreign key); the model fills the key on create.
      this.schema.raw('ALTER TABLE grant_budget_lines ALTER COLUMN line_key SET NOT NULL')
    }
    this.schema.alterTable('grant_budget_lines', (table) => {
      table.unique(['grant_id', 'version', 'line_key'])
      table.index(['grant_id', 'line_key'])
    })
  }

  /** A plain DROP COLUMN: SQLite's table rebuild would trip over the expense lines' foreign keys. */
  async down() {
    this.schema.alterTable('grant_budget_lines', (table) => {
      table.dropUnique(['grant_id', 'version', 'line_key'])
      table.dropIndex(['grant_id', 'line_key'])
    })
    this.schema.raw('ALTER TABLE grant_budget_lines DROP COLUMN line_key')
  }
}

interface Row {
  id: number
  grant_id: number
  version: number
  position: number
  heading: string
  label: string
  third_party: string | null
}

interface ProposalLine {
  heading: string
  label: string
  thirdParty?: string | null
}

function identity(row: { heading: string; label: string; third_party?: string | null }) {
  return JSON.stringify([row.heading, row.label.trim(), (row.third_party ?? '').trim()])
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number) {
  const groups = new Map<number, T[]>()
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item])
  return groups
}
