import TranslatedException from '#exceptions/translated_exception'

/** A change to the results framework that its rules refuse (HTTP 409), e.g. a value for a computed indicator. */
export default class ResultsRefusalException extends TranslatedException {
  static status = 409
  static code = 'E_RESULTS_REFUSED'
}
