/** Organisation documents and the files the system accepts. */
export const documentTypes = [
  'statute',
  'registration_certificate',
  'financial_statements',
  'audit_report',
] as const
export type DocumentType = (typeof documentTypes)[number]

/** Content types accepted for documents, checked on the bytes of the file. */
export const acceptedDocumentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const

export const maxUploadBytes = 10 * 1024 * 1024
