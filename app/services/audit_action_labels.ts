interface Reader {
  hasMessage(key: string): boolean
  t(key: string): string
}

/**
 * An audit action in the reader's words (`texts.audit_actions.<code>`,
 * e.g. "Service statistics saved" for `expense_report.statistics_saved`);
 * a code without a label is shown as it is.
 */
export function auditActionLabel(action: string, reader: Reader) {
  const key = `texts.audit_actions.${action}`
  return reader.hasMessage(key) ? reader.t(key) : action
}
