import vine from '@vinejs/vine'
import { cents, totalWithinRange } from '#validators/money'

export const trancheCalculationValidator = vine.create({
  funderCents: cents(),
  totalEligibleCents: cents({ min: 1 }),
  prefinancingCapBp: vine.number().withoutDecimals().min(0).max(10000).optional(),
  forecastsCents: vine.array(cents()).maxLength(20).use(totalWithinRange({})),
  paidCents: vine.array(cents()).maxLength(20).use(totalWithinRange({})),
  acceptedCostsCents: cents(),
  final: vine.boolean().optional(),
})
