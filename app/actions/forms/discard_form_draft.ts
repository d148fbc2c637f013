import FormDraft from '#models/form_draft'
import type { DraftForm } from '#validators/form_draft'

/** Deletes a person's own draft of a form (sent, or discarded by them). */
export class DiscardFormDraft {
  async handle(userId: number, form: DraftForm, objectKey: string) {
    await FormDraft.query().where({ userId, form, objectKey }).delete()
  }
}
