/**
 * Bank accounts of an organisation (ADR 0020): one of them is the primary
 * account that payment orders name. The first account becomes primary; the
 * primary account is removed only when it is the last one (make another one
 * primary first), so an organisation with accounts always has a primary.
 */
export function isPrimaryOnAdd(existingAccounts: number, asked: boolean | undefined) {
  return existingAccounts === 0 || asked === true
}

export function mayRemove(account: { isPrimary: boolean }, accountsOfOrganisation: number) {
  return !account.isPrimary || accountsOfOrganisation === 1
}

/** ISO 4217 codes the programme pays in; the InforEuro table converts the others. */
export const accountCurrencies = ['EUR', 'USD', 'CHF', 'GBP', 'ALL', 'MKD', 'RSD'] as const
