import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib'

interface ZipPart {
  name: string
  /** Deflated bytes. */
  data: Buffer
  crc: number
  size: number
  /** The size written in the headers; the true size unless a test lies. */
  declaredSize?: number
  /** What the local header says instead of the central directory, when a test makes them disagree. */
  local?: { name?: string; size?: number; method?: number }
}

/** Deflates `size` zero bytes a megabyte at a time, never holding them all. */
async function deflatedZeros(size: number): Promise<ZipPart> {
  const chunk = Buffer.alloc(Math.min(size, 1024 * 1024))
  const deflate = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  deflate.on('data', (data: Buffer) => out.push(data))
  const ended = new Promise((resolve) => deflate.on('end', resolve))
  let crc = 0
  for (let written = 0; written < size; written += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, size - written))
    crc = crc32(piece, crc)
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await ended
  return { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(out), crc, size }
}

/** A ZIP (deflate, no data descriptors) written by hand, so its headers can lie. */
function zipOf(parts: ZipPart[], options: { overlap?: boolean } = {}) {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [index, part] of parts.entries()) {
    const name = Buffer.from(part.name, 'utf8')
    const declared = part.declaredSize ?? part.size
    const localName = Buffer.from(part.local?.name ?? part.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(part.local?.method ?? 8, 8)
    local.writeUInt32LE(part.crc >>> 0, 14)
    local.writeUInt32LE(part.data.length, 18)
    local.writeUInt32LE(part.local?.size ?? declared, 22)
    local.writeUInt16LE(localName.length, 26)
    // Overlapping: every later central entry points at the first local header.
    const shared = options.overlap && index > 0
    if (!shared) locals.push(local, localName, part.data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(part.crc >>> 0, 16)
    central.writeUInt32LE(part.data.length, 20)
    central.writeUInt32LE(declared, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(shared ? 0 : offset, 42)
    centrals.push(central, name)
    if (!shared) offset += local.length + localName.length + part.data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** An "XLSX" whose one sheet entry inflates to `size` bytes of zeros (200 MB by default). */
export async function zipBombXlsx(size = 200 * 1024 * 1024) {
  return zipOf([await deflatedZeros(size)])
}

/** The same bomb, with headers that claim the sheet is only 1 kB once inflated. */
export async function lyingZipBombXlsx(size = 200 * 1024 * 1024) {
  return zipOf([{ ...(await deflatedZeros(size)), declaredSize: 1024 }])
}

/** Deflated `text` as one part of a ZIP. */
function deflatedPart(name: string, text: string): ZipPart {
  const raw = Buffer.from(text, 'utf8')
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length }
}

export type ZipDisagreement = 'name' | 'size' | 'method' | 'overlap' | 'none'

/**
 * A small "XLSX" whose local file headers disagree with its central
 * directory in one way: another file name, another size or another
 * compression method in the local header, or two directory entries that
 * point at the same local header (overlapping entries). `none` gives the
 * same parts with headers that agree.
 */
export function craftedXlsx(disagreement: ZipDisagreement) {
  const sheet = deflatedPart(
    'xl/worksheets/sheet1.xml',
    '<?xml version="1.0"?><worksheet><sheetData/></worksheet>'.repeat(20)
  )
  const types = deflatedPart('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
  if (disagreement === 'name') sheet.local = { name: 'xl/worksheets/sheet2.xml' }
  if (disagreement === 'size') sheet.local = { size: 100 * 1024 * 1024 }
  if (disagreement === 'method') sheet.local = { method: 0 }
  return zipOf([types, sheet], { overlap: disagreement === 'overlap' })
}
