import { createHash, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { fileTypeFromBuffer } from 'file-type'
import { maxUploadBytes } from '#domain/documents'

export interface StoredFile {
  key: string
  fileName: string
  contentType: string
  sizeBytes: number
  sha256: string
}

export type FileCheck =
  | { ok: true; bytes: Buffer; contentType: string }
  | { ok: false; reason: 'too_large' | 'wrong_type' | 'empty' }

/**
 * Uploaded files go to the configured drive disk (local folder or S3). The
 * content type is read from the bytes (file-type), never from the name or
 * the browser's claim.
 */
export class FileStore {
  static async check(file: MultipartFile, accepted: readonly string[]): Promise<FileCheck> {
    if (!file.tmpPath || file.size === 0) return { ok: false, reason: 'empty' }
    if (file.size > maxUploadBytes) return { ok: false, reason: 'too_large' }
    const bytes = await readFile(file.tmpPath)
    const detected = await fileTypeFromBuffer(bytes)
    if (!detected || !accepted.includes(detected.mime)) return { ok: false, reason: 'wrong_type' }
    return { ok: true, bytes, contentType: detected.mime }
  }

  static store(
    folder: string,
    file: MultipartFile,
    bytes: Buffer,
    contentType: string
  ): Promise<StoredFile> {
    return FileStore.put(folder, file.clientName, bytes, contentType)
  }

  /** Keeps bytes under a new key in `folder`. */
  static async put(
    folder: string,
    fileName: string,
    bytes: Buffer,
    contentType: string
  ): Promise<StoredFile> {
    const key = `${folder}/${randomUUID()}`
    await drive.use().put(key, bytes, { contentType })
    return {
      key,
      fileName: fileName.slice(0, 255),
      contentType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    }
  }

  /**
   * An optional upload, checked and stored: no file gives `file: null`, a
   * file of the wrong kind gives the reason.
   */
  static async accept(
    upload: MultipartFile | null,
    folder: string,
    accepted: readonly string[]
  ): Promise<
    | { ok: true; file: StoredFile | null }
    | { ok: false; reason: 'too_large' | 'wrong_type' | 'empty' }
  > {
    if (!upload) return { ok: true, file: null }
    const check = await FileStore.check(upload, accepted)
    if (!check.ok) return check
    return { ok: true, file: await FileStore.store(folder, upload, check.bytes, check.contentType) }
  }

  static read(key: string) {
    return drive.use().getBytes(key)
  }
}
