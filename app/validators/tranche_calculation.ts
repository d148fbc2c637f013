import vine from '@vinejs/vine'

const cents = () => vine.number().withoutDecimals().min(0).max(Number.MAX_SAFE_INTEGER)

export const trancheCalculationValidator = vine.create({
  funderCents: cents(),
  totalEligibleCents: cents().min(1),
  prefinancingCapBp: vine.number().withoutDecimals().min(0).max(10000).optional(),
  forecastsCents: vine.array(cents()).maxLength(20),
  paidCents: vine.array(cents()).maxLength(20),
  acceptedCostsCents: cents(),
  final: vine.boolean().optional(),
  /** Option 1 (one pre-financing of 80 % of (TEC − C) × share); option 2 by default. */
  paymentOption: vine.enum(['option_1', 'option_2'] as const).optional(),
  /** C, the contingency reserve (option 1 never pre-finances it). */
  contingencyCents: cents().optional(),
})
