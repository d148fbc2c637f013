/** Which lines a bulk admission takes: the ticked ones, or every undecided line with (or without) flags. */
export const bulkScopes = ['selected', 'flagged', 'unflagged'] as const
/** The one rule of a bulk admission: admit as claimed, or admit 0 (not eligible). */
export const bulkRules = ['claimed', 'zero'] as const
