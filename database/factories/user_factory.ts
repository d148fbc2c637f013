import factory from '@adonisjs/lucid/factories'
import User from '#models/user'

export const TEST_PASSWORD = 'Correct-Horse-9'

export const UserFactory = factory
  .define(User, ({ faker }) => ({
    // Without apostrophes (O'Keefe): tests find names in pages, where HTML escapes them.
    fullName: faker.person.fullName().replaceAll("'", ''),
    email: faker.internet
      .email()
      .toLowerCase()
      .replace('@', `.${faker.string.alphanumeric(6).toLowerCase()}@`),
    password: TEST_PASSWORD,
    isActive: true,
  }))
  .build()
