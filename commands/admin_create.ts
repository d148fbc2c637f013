import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * First run of a deployment: creates the funder organisation (the
 * contracting authority) and its first administrator. Asks for what the
 * flags do not give; scripts pass every flag.
 */
export default class AdminCreate extends BaseCommand {
  static commandName = 'admin:create'
  static description =
    'Create the first administrator and the funder organisation (refuses when an administrator exists)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Email address of the administrator' })
  declare email?: string

  @flags.string({ description: 'Full name of the administrator' })
  declare name?: string

  @flags.string({ description: 'Password (at least 10 characters); asked when missing' })
  declare password?: string

  @flags.string({ description: 'Name of the funder organisation (the contracting authority)' })
  declare organisation?: string

  @flags.boolean({ description: 'Create another administrator even when one exists' })
  declare force?: boolean

  async run() {
    const { errors } = await import('@vinejs/vine')
    const { firstAdminValidator } = await import('#validators/user')
    const { CreateFirstAdmin } = await import('#actions/users/create_first_admin')

    const input = {
      organisationName:
        this.organisation ??
        (await this.prompt.ask('Funder organisation (contracting authority)', {
          default: 'EU Office in Kosovo',
        })),
      fullName: this.name ?? (await this.prompt.ask('Full name of the administrator')),
      email: this.email ?? (await this.prompt.ask('Email address of the administrator')),
      password: this.password ?? (await this.prompt.secure('Password (at least 10 characters)')),
    }

    let data
    try {
      data = await firstAdminValidator.validate(input)
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      for (const message of error.messages as { field: string; message: string }[]) {
        this.logger.error(`${message.field}: ${message.message}`)
      }
      this.exitCode = 1
      return
    }

    const result = await new CreateFirstAdmin().handle(data, { force: Boolean(this.force) })
    if (!result.ok) {
      this.logger.error(
        result.reason === 'admin_exists'
          ? 'An administrator already exists. Sign in as them and invite people from the Users page, or pass --force to add another administrator.'
          : `A user with the email ${data.email} already exists.`
      )
      this.exitCode = 1
      return
    }
    this.logger.success(
      `Administrator ${result.user.email} created for ${result.organisation.name}${result.organisationCreated ? ' (new organisation)' : ''}. Sign in at /login.`
    )
  }
}
