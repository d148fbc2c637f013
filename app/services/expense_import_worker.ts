import { parentPort, workerData } from 'node:worker_threads'
import { parseExpenseFile } from '#services/expense_import'
import type { ImportContext } from '#services/expense_import'

/**
 * Worker thread entry: reads and validates one import file off the main
 * event loop (see parseInWorker). Progress and the result go back as
 * messages; nothing here touches the database.
 */
const input = workerData as { bytes: Uint8Array; fileName: string; context: ImportContext }

const result = await parseExpenseFile(
  Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
  input.fileName,
  input.context,
  (done, total) => parentPort!.postMessage({ type: 'progress', done, total })
)
parentPort!.postMessage({ type: 'result', result })
