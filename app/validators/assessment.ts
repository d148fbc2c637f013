import vine from '@vinejs/vine'
import { affiliationKinds } from '#domain/calls/conflicts'
import { recordId } from '#validators/ids'

export const assignmentValidator = vine.create({
  assessorId: recordId(),
  stage: vine.enum(['concept_note', 'full_application'] as const),
})

export const waiverValidator = vine.create({
  assessorId: recordId(),
  reason: vine.string().trim().minLength(10).maxLength(2000),
})

export const declineValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(2000),
})

/** Scores as typed (checked against the grid by readScoreSheet, criterion by criterion). */
export const scoresValidator = vine.create({
  scores: vine.record(vine.string().trim().maxLength(10).nullable().optional()),
  comments: vine.record(vine.string().trim().maxLength(5000).nullable()).optional(),
})

export const affiliationValidator = vine.create({
  kind: vine.enum(affiliationKinds),
  organisationId: recordId().exists({ table: 'organisations', column: 'id' }),
  note: vine.string().trim().maxLength(255).optional(),
})

export const adminCheckValidator = vine.create({
  checklist: vine.record(vine.boolean()).optional(),
})

export const eligibilityValidator = vine.create({
  eligible: vine.enum(['yes', 'no'] as const),
  note: vine.string().trim().minLength(3).maxLength(2000),
})
