import { Exception } from '@adonisjs/core/exceptions'

/** A rule forbids this action in the current state (HTTP 409). */
export default class DomainConflictException extends Exception {
  static status = 409
  static code = 'E_CONFLICT'
}
