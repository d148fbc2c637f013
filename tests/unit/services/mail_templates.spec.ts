import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import { peopleMailTemplates, renderPeopleMail } from '#services/people_mails'

const locales = ['en', 'sq', 'sr-Latn'] as const

/** Every parameter filled with a value that shows where it lands. */
function sample(names: readonly string[]) {
  return Object.fromEntries(names.map((name) => [name, `«${name}»`]))
}

/**
 * The emails about registration, verification and invitations resent
 * (onboarding namespace), with the parameters each takes.
 */
const onboardingTemplates: Record<string, readonly string[]> = {
  confirm: ['name', 'organisation', 'link'],
  awaiting: ['name', 'organisation', 'link'],
  verified: ['name', 'organisation', 'link'],
  returned: ['name', 'organisation', 'reason', 'link'],
  invitation: ['name', 'by', 'link'],
}

function assertRendered(
  assert: { notInclude(a: string, b: string): void; include(a: string, b: string): void },
  rendered: { subject: string; text: string },
  names: readonly string[]
) {
  for (const part of [rendered.subject, rendered.text]) {
    assert.notInclude(part.toLowerCase(), 'translation missing')
    assert.notInclude(part, 'mails.')
  }
  for (const name of names) {
    assert.include(`${rendered.subject}\n${rendered.text}`, `«${name}»`)
  }
}

test.group('Email templates in the three languages', () => {
  for (const locale of locales) {
    for (const [template, names] of Object.entries(peopleMailTemplates)) {
      test(`people: ${template} renders in ${locale}`, ({ assert }) => {
        const rendered = renderPeopleMail(
          template as keyof typeof peopleMailTemplates,
          locale,
          sample(names)
        )
        assertRendered(assert, rendered, names)
        if (locale !== 'en') {
          const english = renderPeopleMail(
            template as keyof typeof peopleMailTemplates,
            'en',
            sample(names)
          )
          assert.notEqual(rendered.text, english.text)
        }
      })
    }
    for (const [template, names] of Object.entries(onboardingTemplates)) {
      test(`onboarding: ${template} renders in ${locale}`, ({ assert }) => {
        const i18n = i18nManager.locale(locale)
        const params = sample(names)
        const rendered = {
          subject: i18n.t(`onboarding.mails.${template}_subject`, params),
          text: i18n.t(`onboarding.mails.${template}_text`, params),
        }
        assertRendered(
          assert,
          rendered,
          names.filter((name) => name !== 'organisation' || template !== 'confirm')
        )
      })
    }
  }
})
