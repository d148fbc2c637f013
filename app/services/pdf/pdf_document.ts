import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import type { VisibilityMark } from '#services/pdf/eu_visibility'
import { stampEveryPage } from '#services/pdf/eu_visibility'

const dejaVu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
const dejaVuBold = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'

/**
 * A4 documents built in memory with pdfkit. DejaVu Sans (Debian's
 * fonts-dejavu-core) covers Albanian and Serbian letters; without it the
 * built-in Helvetica is used. Every page carries the visibility mark: the
 * EU emblem with "Funded by the European Union", or the confidentiality
 * mark of a grant whose documents would reveal a shelter.
 */
export function createPdf(title: string, mark: VisibilityMark) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: title, Author: 'Shelter Grants' },
  })
  const hasDejaVu = existsSync(dejaVu) && existsSync(dejaVuBold)
  const fonts = {
    regular: hasDejaVu ? dejaVu : 'Helvetica',
    bold: hasDejaVu ? dejaVuBold : 'Helvetica-Bold',
  }
  doc.font(fonts.regular)
  stampEveryPage(doc, fonts, mark)
  return { doc, fonts }
}

export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.end()
  })
}
