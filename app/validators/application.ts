import vine from '@vinejs/vine'
import { moneyAmount } from '#validators/money'

export const conceptNoteValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(255),
  summary: vine.string().trim().maxLength(20000).optional(),
  objectives: vine.string().trim().maxLength(20000).optional(),
  targetGroups: vine.string().trim().maxLength(5000).optional(),
  estimatedTotal: moneyAmount().optional(),
  requested: moneyAmount().optional(),
})
