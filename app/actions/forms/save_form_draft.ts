import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import FormDraft, { type DraftField } from '#models/form_draft'
import type { DraftForm } from '#validators/form_draft'

/** Most drafts one person keeps; the oldest go first. */
export const MAX_DRAFTS_PER_USER = 100

/**
 * Reads the fields the autosave script sent: a JSON list of [name, value]
 * pairs of strings, at most 2 000 of them. Anything else is refused (null).
 */
export function parseDraftFields(text: string): DraftField[] | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (!Array.isArray(value) || value.length > 2000) return null
  const fields: DraftField[] = []
  for (const pair of value) {
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      typeof pair[1] !== 'string' ||
      pair[0].length > 200 ||
      ['_csrf', '_method'].includes(pair[0])
    )
      return null
    fields.push([pair[0], pair[1]])
  }
  return fields
}

/**
 * Saves what a person typed in a long form, replacing their earlier draft
 * of the same form and object. Drafts are not decisions: nothing is
 * audited, and only the author ever reads them.
 */
export class SaveFormDraft {
  async handle(
    userId: number,
    form: DraftForm,
    objectKey: string,
    fields: DraftField[],
    now = DateTime.utc()
  ) {
    return db.transaction(async (trx) => {
      const existing = await FormDraft.query({ client: trx })
        .where({ userId, form, objectKey })
        .first()
      const draft = existing ?? new FormDraft()
      draft.useTransaction(trx)
      draft.merge({ userId, form, objectKey, fields, updatedAt: now })
      await draft.save()
      const stale = await FormDraft.query({ client: trx })
        .where('user_id', userId)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .offset(MAX_DRAFTS_PER_USER)
        .select('id')
      if (stale.length > 0) {
        await FormDraft.query({ client: trx })
          .whereIn(
            'id',
            stale.map((row) => row.id)
          )
          .delete()
      }
      return draft
    })
  }
}
