import { appendFile, mkdir } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * The development mail transport: nothing leaves the machine. Each message
 * is written to the application log and appended to tmp/mail.log, where the
 * links of password resets and invitations can be read.
 */
export class LogTransport extends JSONTransport {
  async send(message: NodeMailerMessage) {
    const response = await super.send(message)
    const text = [
      `--- ${new Date().toISOString()}`,
      `To: ${JSON.stringify(message.to)}`,
      `Subject: ${message.subject ?? ''}`,
      '',
      String(message.text ?? ''),
      '',
    ].join('\n')
    logger.info({ to: message.to, subject: message.subject }, 'mail (log transport)')
    if (!app.inTest) {
      await mkdir(app.tmpPath(), { recursive: true })
      await appendFile(app.tmpPath('mail.log'), text)
    }
    return response
  }
}
