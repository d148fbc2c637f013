import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import { LogTransport } from '#services/log_mail_transport'

const mailConfig = defineConfig({
  default: env.get('MAIL_MAILER', 'log'),
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'no-reply@shelter-grants.test'),
    name: env.get('MAIL_FROM_NAME', 'Shelter Grants'),
  },
  mailers: {
    /* Development default: messages go to the log and to tmp/mail.log. */
    log: () => new LogTransport(),
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', 'localhost'),
      port: env.get('SMTP_PORT', 587),
      auth: env.get('SMTP_USERNAME')
        ? { type: 'login', user: env.get('SMTP_USERNAME')!, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
