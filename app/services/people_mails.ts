import i18nManager from '@adonisjs/i18n/services/main'
import mail from '@adonisjs/mail/services/main'
import { appUrl } from '#config/app'
import type { Role } from '#domain/roles'
import { firstOfferedLocale } from '#services/programme_settings'

interface Recipient {
  email: string
  fullName: string
  locale: string | null
}

/**
 * The emails about a person's account and roles, in the recipient's
 * language (en, sq, sr-Latn). Each template is `people.mails.<name>_subject`
 * and `<name>_text`; `peopleMailTemplates` lists them with the parameters
 * they take, so a test renders every one in every language.
 */
export const peopleMailTemplates = {
  invited_new: ['name', 'by', 'role', 'organisation', 'link'],
  invited_known: ['name', 'by', 'role', 'organisation', 'link'],
  revoked: ['name', 'by'],
  deactivated: ['name', 'by'],
  reactivated: ['name', 'by', 'link'],
  role_added: ['name', 'by', 'role', 'organisation', 'roles', 'link'],
  role_removed: ['name', 'by', 'role', 'organisation', 'roles', 'link'],
  manager_granted: ['name', 'by', 'organisation', 'link'],
  manager_withdrawn: ['name', 'by', 'organisation', 'link'],
} as const
export type PeopleMailTemplate = keyof typeof peopleMailTemplates

/** The subject key of a template (the two invitation texts share one subject). */
function subjectKey(template: PeopleMailTemplate) {
  return template.startsWith('invited_') ? 'invited' : template
}

export function renderPeopleMail(
  template: PeopleMailTemplate,
  locale: string | null,
  params: Record<string, string>
) {
  const i18n = i18nManager.locale(firstOfferedLocale([locale]))
  return {
    subject: i18n.t(`people.mails.${subjectKey(template)}_subject`, params),
    text: i18n.t(`people.mails.${template}_text`, params),
  }
}

/** A role's name and a list of roles in the recipient's language. */
export function roleLabels(locale: string | null, roles: readonly Role[]) {
  const i18n = i18nManager.locale(firstOfferedLocale([locale]))
  return {
    label: (role: Role) => i18n.t(`messages.roles.${role}`),
    list:
      roles.length === 0
        ? i18n.t('people.mails.no_roles')
        : roles.map((role) => i18n.t(`messages.roles.${role}`)).join(', '),
  }
}

export const PeopleMails = {
  async send(
    to: Recipient,
    template: PeopleMailTemplate,
    params: Record<string, string>
  ): Promise<void> {
    const { subject, text } = renderPeopleMail(template, to.locale, {
      name: to.fullName,
      link: `${appUrl}/login`,
      ...params,
    })
    await mail.send((message) => {
      message.to(to.email, to.fullName).subject(subject).text(text)
    })
  },

  /** A role given or removed: the role and the roles held afterwards in that organisation. */
  async roleChanged(
    to: Recipient,
    change: 'role_added' | 'role_removed',
    params: { by: string; organisation: string; role: Role; rolesAfter: Role[] }
  ) {
    const labels = roleLabels(to.locale, params.rolesAfter)
    await PeopleMails.send(to, change, {
      by: params.by,
      organisation: params.organisation,
      role: labels.label(params.role),
      roles: labels.list,
    })
  },
}
