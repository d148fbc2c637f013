import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { DocumentType } from '#domain/documents'
import DocumentVersion from '#models/document_version'
import OrganisationDocument from '#models/organisation_document'
import type Organisation from '#models/organisation'
import type User from '#models/user'
import { AuditTrail } from '#services/audit_trail'
import type { StoredFile } from '#services/file_store'

/** Adds a new version of an organisation document; earlier versions stay. */
export class UploadDocument {
  async handle(
    organisation: Organisation,
    type: DocumentType,
    file: StoredFile,
    validUntil: string | null,
    by: User,
    ip: string
  ) {
    return db.transaction(async (trx) => {
      const document = await OrganisationDocument.firstOrCreate(
        { organisationId: organisation.id, type },
        { organisationId: organisation.id, type },
        { client: trx }
      )
      const last = await trx
        .from('document_versions')
        .where('organisation_document_id', document.id)
        .max('version as latest')
        .first()
      const version = Number(last?.latest ?? 0) + 1
      const created = await DocumentVersion.create(
        {
          organisationDocumentId: document.id,
          version,
          fileKey: file.key,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          validUntil: validUntil ? DateTime.fromISO(validUntil) : null,
          uploadedById: by.id,
        },
        { client: trx }
      )
      await AuditTrail.record(trx, {
        actorId: by.id,
        organisationId: organisation.id,
        action: 'organisation_document.uploaded',
        subjectType: 'document_version',
        subjectId: created.id,
        after: { type, version, fileName: file.fileName, sha256: file.sha256, validUntil },
        ip,
      })
      return created
    })
  }
}
