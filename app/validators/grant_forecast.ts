import vine from '@vinejs/vine'
import { moneyAmount } from '#validators/money'

const cents = () => vine.number().withoutDecimals().min(0).max(Number.MAX_SAFE_INTEGER)
const periodNumber = () => vine.number().withoutDecimals().min(1).max(100)

/** Web form: one amount per reporting period, typed as money. */
export const grantForecastsFormValidator = vine.create({
  forecasts: vine
    .array(vine.object({ periodNumber: periodNumber(), amount: moneyAmount() }))
    .minLength(1)
    .maxLength(100),
})

/** API: `PUT /api/v1/grants/:id/forecasts`, one amount in cents per reporting period. */
export const grantForecastsApiValidator = vine.create({
  forecasts: vine
    .array(vine.object({ periodNumber: periodNumber(), forecastCents: cents() }))
    .minLength(1)
    .maxLength(100),
})
