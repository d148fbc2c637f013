import { test } from '@japa/runner'
import PDFDocument from 'pdfkit'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drawEuEmblem, visibilityMark } from '#services/pdf/eu_visibility'
import { createPdf, pdfToBuffer } from '#services/pdf/pdf_document'

function uncompressed(draw: (doc: PDFKit.PDFDocument) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: false })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    doc.on('error', reject)
    draw(doc)
    doc.end()
  })
}

test.group('EU visibility', () => {
  test('the emblem is a reflex-blue 3:2 rectangle with twelve five-pointed gold stars', async ({
    assert,
  }) => {
    let width = 0
    const content = await uncompressed((doc) => {
      width = drawEuEmblem(doc, 10, 10, 20)
    })
    assert.equal(width, 30)
    // #003399 and #FFCC00 as PDF fill colours.
    assert.match(content, /0 0\.2 0\.6 scn/)
    assert.equal(content.match(/1 0\.8 0 scn/g)?.length, 12)
    // Each star is a closed polygon of ten points: one move, nine lines, closed, then filled gold.
    const number = String.raw`-?[\d.]+`
    const star = new RegExp(
      `${number} ${number} m\n(?:${number} ${number} l\n){9}h\n/DeviceRGB cs\n1 0\.8 0 scn\nf`,
      'g'
    )
    assert.equal(content.match(star)?.length, 12)
  })

  test('a grant whose documents would reveal a shelter gets the confidentiality mark', ({
    assert,
  }) => {
    const labels = { t: (key: string) => key }
    assert.deepEqual(visibilityMark(labels), {
      kind: 'eu_funded',
      statement: 'visibility.funded_by_eu',
    })
    assert.deepEqual(visibilityMark(labels, { documentsConfidential: false }), {
      kind: 'eu_funded',
      statement: 'visibility.funded_by_eu',
    })
    assert.deepEqual(visibilityMark(labels, { documentsConfidential: true }), {
      kind: 'confidential',
      statement: 'visibility.confidential_mark',
    })
  })

  test('the mark is on every page, and the text after a page break keeps its font size', async ({
    assert,
  }) => {
    const { doc } = createPdf('Long', {
      kind: 'eu_funded',
      statement: 'Funded by the European Union',
    })
    doc.fontSize(10)
    for (let row = 1; row <= 130; row++) doc.text(`Row ${row}`)
    const dir = mkdtempSync(join(tmpdir(), 'sg-visibility-'))
    writeFileSync(join(dir, 'long.pdf'), await pdfToBuffer(doc))
    const pages = execFileSync('pdftotext', [join(dir, 'long.pdf'), '-'])
      .toString()
      .split('\f')
      .filter((page) => page.trim() !== '')
    assert.isAbove(pages.length, 1)
    for (const page of pages) assert.include(page, 'Funded by the European Union')
    // 130 rows of 10 pt text need three A4 pages; had the mark left its 9 pt on page 2, two would do.
    assert.lengthOf(pages, 3)
  })
})
