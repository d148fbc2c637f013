/**
 * Scopes of API access tokens. A read token may call every GET route and
 * the POST routes that only compute an answer; a write token may call
 * everything. Tokens from before scopes existed hold `*` and count as write.
 */
export const tokenScopes = ['read', 'write'] as const
export type TokenScope = (typeof tokenScopes)[number]

/** Lifetime a new token gets unless the holder picks another (days). */
export const defaultTokenDays = 30
export const maxTokenDays = 365

/** The abilities stored on a token of `scope`. */
export function abilitiesFor(scope: TokenScope): string[] {
  return scope === 'write' ? ['read', 'write'] : ['read']
}

/** The scope a token's stored abilities amount to. */
export function scopeOf(abilities: string[]): TokenScope {
  return abilities.includes('*') || abilities.includes('write') ? 'write' : 'read'
}

/** API routes that change nothing although they are not GET. */
const readOnlyRoutes = new Set([
  'api.budget_checks.store',
  'api.tranche_calculations.store',
  'api.tokens.destroy',
])

/** Whether a request needs a write token. */
export function needsWriteScope(method: string, routeName: string | undefined) {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return false
  return !(routeName && readOnlyRoutes.has(routeName))
}
