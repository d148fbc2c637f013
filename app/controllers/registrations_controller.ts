import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { RegisterNgo } from '#actions/organisations/register_ngo'
import { ConfirmEmail } from '#actions/users/confirm_email'
import { acceptedDocumentTypes, type DocumentType } from '#domain/documents'
import Municipality from '#models/municipality'
import { FileStore, type StoredFile } from '#services/file_store'
import { ngoRegistrationValidator } from '#validators/registration'
import { todayInKosovo } from '#services/clock'

/** Documents an NGO uploads with its registration (once, into its organisation documents). */
const registrationDocuments: DocumentType[] = ['registration_certificate', 'statute']

/** Public NGO self-registration and the email confirmation link. */
export default class RegistrationsController {
  async create({ view }: HttpContext) {
    return view.render('pages/registrations/create', {
      municipalities: await Municipality.offeredOn(todayInKosovo()),
      documentTypes: registrationDocuments,
    })
  }

  @inject()
  async store({ request, response, session, i18n }: HttpContext, registerNgo: RegisterNgo) {
    const data = await request.validateUsing(ngoRegistrationValidator)
    const uploads = registrationDocuments.map((type) => ({ type, file: request.file(type) }))
    const missing = uploads.find((upload) => !upload.file)
    if (missing) {
      session.flashExcept(['_csrf', 'password', 'passwordConfirmation'])
      session.flashErrors({ [missing.type]: i18n.t('messages.files.empty') })
      return response.redirect().back()
    }
    const checked = []
    for (const upload of uploads) {
      const check = await FileStore.check(upload.file!, acceptedDocumentTypes)
      if (!check.ok) {
        session.flashExcept(['_csrf', 'password', 'passwordConfirmation'])
        session.flashErrors({ [upload.type]: i18n.t(`messages.files.${check.reason}`) })
        return response.redirect().back()
      }
      checked.push({ upload, check })
    }
    const documents: { type: DocumentType; file: StoredFile }[] = []
    for (const { upload, check } of checked) {
      documents.push({
        type: upload.type,
        file: await FileStore.store('registrations', upload.file!, check.bytes, check.contentType),
      })
    }

    const result = await registerNgo.handle(
      { ...data, locale: i18n.locale },
      documents,
      request.ip()
    )
    if (!result.ok) {
      session.flashExcept(['_csrf', 'password', 'passwordConfirmation'])
      session.flashErrors({ userEmail: i18n.t('onboarding.registration.email_taken') })
      return response.redirect().back()
    }
    session.flash('success', i18n.t('onboarding.registration.check_email'))
    return response.redirect().toPath('/login')
  }

  @inject()
  async confirm(
    { params, request, response, session, i18n }: HttpContext,
    confirmEmail: ConfirmEmail
  ) {
    const result = await confirmEmail.handle(String(params.token), request.ip())
    if (!result.ok) {
      session.flash('error', i18n.t('onboarding.registration.link_invalid'))
      return response.redirect().toPath('/login')
    }
    session.flash('success', i18n.t('onboarding.registration.confirmed'))
    return response.redirect().toPath('/login')
  }
}
