import TranslatedException from '#exceptions/translated_exception'

/**
 * A rule about people or bank accounts forbids the change now (HTTP 409):
 * the last active administrator, the primary account while others exist.
 * The message is the `people.errors.*` key in the reader's language.
 */
export default class PeopleConflictException extends TranslatedException {
  static status = 409
  static code = 'E_CONFLICT'

  constructor(reason: 'last_admin' | 'primary_account') {
    super(`people.errors.${reason}`)
  }
}
