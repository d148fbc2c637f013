import vine from '@vinejs/vine'

/** A calendar date typed as YYYY-MM-DD, checked to exist, and kept as that text. */
export const isoDate = () =>
  vine.date({ formats: ['YYYY-MM-DD'] }).transform((date) => {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  })
