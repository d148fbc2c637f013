import type { DutyConflict } from '#domain/grants/payment_duties'
import { dutyConflictKey } from '#domain/grants/payment_duties'
import TranslatedException from '#exceptions/translated_exception'

/**
 * Segregation of duties (HTTP 409): the person already took an earlier step
 * of the same payment request or expense report and cannot take this one.
 */
export default class DutyConflictException extends TranslatedException {
  static status = 409
  static code = 'E_SEGREGATION_OF_DUTIES'

  static of(conflict: DutyConflict) {
    return new DutyConflictException(dutyConflictKey(conflict))
  }

  static reportAdmitter() {
    return new DutyConflictException('duties.report.approve_after_admit')
  }
}
