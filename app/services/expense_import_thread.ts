import { extname } from 'node:path'
import { Worker } from 'node:worker_threads'
import {
  fileError,
  importText,
  type ImportContext,
  type ImportResult,
} from '#services/expense_import'

export const importWorkerLimits = {
  /** Heap of the worker; a file that needs more is refused, the server lives on. */
  maxOldGenerationSizeMb: 256,
  timeoutMs: 120_000,
} as const

/** The worker's file, as .ts under the TypeScript loader and .js once built. */
const extension = extname(new URL(import.meta.url).pathname)
const workerUrl = new URL(`./expense_import_worker${extension}`, import.meta.url).href

/**
 * The worker's bootstrap. Under the TypeScript loader (development and
 * tests) the worker registers it again, so that its `#services/…` imports
 * resolve to .ts files as they do on the main thread.
 */
const workerBootstrap =
  extension === '.ts'
    ? `import(${JSON.stringify(import.meta.resolve('@poppinss/ts-exec'))}).then(() => import(${JSON.stringify(workerUrl)}))`
    : `import(${JSON.stringify(workerUrl)})`

function failed(key: string, values: Record<string, string | number>): ImportResult {
  return { lines: [], errors: [fileError(importText(key, values))] }
}

/**
 * Reads and validates an import file in a worker thread, so the event loop
 * that answers requests stays free, with a heap limit and a timeout: a file
 * that needs more memory or time fails its import and nothing else.
 */
export function parseInWorker(
  bytes: Buffer,
  fileName: string,
  context: ImportContext,
  onProgress?: (done: number, total: number) => void,
  limits: { timeoutMs?: number } = {}
): Promise<ImportResult> {
  return new Promise((resolve) => {
    const copy = new Uint8Array(bytes)
    const worker = new Worker(workerBootstrap, {
      eval: true,
      workerData: { bytes: copy, fileName, context },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: importWorkerLimits.maxOldGenerationSizeMb },
      stdout: false,
      stderr: false,
    })
    let settled = false
    const settle = (result: ImportResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      resolve(result)
    }
    const timeoutMs = limits.timeoutMs ?? importWorkerLimits.timeoutMs
    const timer = setTimeout(
      () =>
        settle(
          failed('texts.imports.too_slow', {
            file: fileName,
            seconds: Math.round(timeoutMs / 1000),
          })
        ),
      timeoutMs
    )
    worker.on(
      'message',
      (message: { type: string; done: number; total: number; result: ImportResult }) => {
        if (message.type === 'progress') onProgress?.(message.done, message.total)
        else if (message.type === 'result') settle(message.result)
      }
    )
    worker.on('error', (error: Error & { code?: string }) => {
      settle(
        failed(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? 'texts.imports.out_of_memory'
            : 'texts.imports.unreadable',
          { file: fileName }
        )
      )
    })
    worker.on('exit', () => settle(failed('texts.imports.unreadable', { file: fileName })))
  })
}
