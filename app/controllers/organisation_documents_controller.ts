import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { UploadDocument } from '#actions/organisations/upload_document'
import { acceptedDocumentTypes, documentTypes } from '#domain/documents'
import DocumentVersion from '#models/document_version'
import Organisation from '#models/organisation'
import OrganisationPolicy from '#policies/organisation_policy'
import { FileStore } from '#services/file_store'

const documentValidator = vine.create({
  type: vine.enum(documentTypes),
  validUntil: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .transform((d) => d.toISOString().slice(0, 10))
    .optional(),
})

/** Organisation documents: uploaded once, reused by every application, versioned. */
export default class OrganisationDocumentsController {
  @inject()
  async store(
    { auth, params, request, response, session, bouncer, i18n }: HttpContext,
    upload: UploadDocument
  ) {
    const user = auth.getUserOrFail()
    const organisation = await Organisation.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    await bouncer.with(OrganisationPolicy).authorize('uploadDocument', organisation)
    const data = await request.validateUsing(documentValidator)
    const file = request.file('file')
    if (!file) {
      session.flashErrors({ file: i18n.t('messages.files.empty') })
      return response.redirect().back()
    }
    const check = await FileStore.check(file, acceptedDocumentTypes)
    if (!check.ok) {
      session.flashErrors({ file: i18n.t(`messages.files.${check.reason}`) })
      return response.redirect().back()
    }
    const stored = await FileStore.store(
      `organisations/${organisation.id}`,
      file,
      check.bytes,
      check.contentType
    )
    await upload.handle(
      organisation,
      data.type,
      stored,
      data.validUntil ?? null,
      user,
      request.ip()
    )
    session.flash('success', i18n.t('messages.documents.uploaded'))
    return response.redirect().toPath(`/organisations/${organisation.id}#documents`)
  }

  async show({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const organisation = await Organisation.query()
      .withScopes((s) => s.visibleTo(user))
      .where('id', Number(params.id) || 0)
      .firstOrFail()
    const found = await DocumentVersion.query()
      .join(
        'organisation_documents',
        'organisation_documents.id',
        'document_versions.organisation_document_id'
      )
      .where('document_versions.id', Number(params.versionId) || 0)
      .where('organisation_documents.organisation_id', organisation.id)
      .select('document_versions.*')
      .firstOrFail()
    const bytes = await FileStore.read(found.fileKey)
    response.header('content-type', found.contentType)
    response.header(
      'content-disposition',
      `attachment; filename="${found.fileName.replace(/["\r\n]/g, '')}"`
    )
    return response.send(Buffer.from(bytes))
  }
}
