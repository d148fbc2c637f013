import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/*
| Receipts and documents. Files are private: they are streamed through
| controllers that check access, never served from a public URL.
*/
const disk = env.get('DRIVE_DISK', 'fs')

const s3 = services.s3({
  credentials: {
    accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
    secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
  },
  region: env.get('S3_REGION', 'eu-central-1'),
  bucket: env.get('S3_BUCKET', ''),
  endpoint: env.get('S3_ENDPOINT'),
  forcePathStyle: true,
  visibility: 'private',
})

/**
 * A disk that is not in use: every disk is resolved at boot, and resolving
 * the S3 one loads the AWS client (about 35 MB of memory), so it is only
 * resolved when DRIVE_DISK=s3 (ADR 0034). Using it otherwise is an error.
 */
function unused<T>(name: string): T {
  return {
    type: 'provider',
    async resolver() {
      return () => {
        throw new Error(`The ${name} disk is not in use: set DRIVE_DISK=${name}`)
      }
    },
  } as T
}

const driveConfig = defineConfig({
  default: disk,
  services: {
    fs: services.fs({
      location: app.inTest ? app.tmpPath('test-storage') : app.makePath('storage'),
      serveFiles: false,
      visibility: 'private',
    }),
    s3: disk === 's3' ? s3 : unused<typeof s3>('s3'),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
