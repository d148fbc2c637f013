import type { DocumentLabels } from '#services/pdf/grant_contract'

type Pdf = PDFKit.PDFDocument

/**
 * What the top of every page of a document says about its funding: the
 * EU emblem with "Funded by the European Union" (the EU's communication and
 * visibility requirements), or, for a grant whose documents would reveal a
 * shelter, a confidentiality mark and no emblem.
 */
export type VisibilityMark =
  { kind: 'eu_funded'; statement: string } | { kind: 'confidential'; statement: string }

/** The mark for a document of a grant (or of the programme, without one), in the reader's language. */
export function visibilityMark(
  labels: Pick<DocumentLabels, 't'>,
  grant?: { documentsConfidential: boolean } | null
): VisibilityMark {
  if (grant?.documentsConfidential) {
    return { kind: 'confidential', statement: labels.t('visibility.confidential_mark') }
  }
  return { kind: 'eu_funded', statement: labels.t('visibility.funded_by_eu') }
}

/** The emblem's colours, as the EU's graphic guide gives them. */
const REFLEX_BLUE = '#003399'
const EU_YELLOW = '#FFCC00'

/**
 * The European flag: a blue rectangle of proportions 3:2, twelve
 * five-pointed gold stars on a circle whose radius is a third of the height,
 * each star's points on a circle of a eighteenth of the height, one point up.
 */
export function drawEuEmblem(doc: Pdf, x: number, y: number, height: number) {
  const width = (height * 3) / 2
  const centreX = x + width / 2
  const centreY = y + height / 2
  const ring = height / 3
  const outer = height / 18
  const inner = outer * 0.382
  doc.save()
  doc.rect(x, y, width, height).fill(REFLEX_BLUE)
  for (let star = 0; star < 12; star++) {
    const angle = (star * Math.PI) / 6
    const starX = centreX + ring * Math.sin(angle)
    const starY = centreY - ring * Math.cos(angle)
    const points: [number, number][] = []
    for (let point = 0; point < 10; point++) {
      const radius = point % 2 === 0 ? outer : inner
      const turn = (point * Math.PI) / 5
      points.push([starX + radius * Math.sin(turn), starY - radius * Math.cos(turn)])
    }
    doc.polygon(...points).fill(EU_YELLOW)
  }
  doc.restore()
  return width
}

interface FontState {
  _font?: unknown
  _fontSize?: number
}

/**
 * Draws the mark in the top margin of the current page and of every page
 * added later, leaving the text position, font and size as they were.
 */
export function stampEveryPage(
  doc: Pdf,
  fonts: { regular: string; bold: string },
  mark: VisibilityMark
) {
  const stamp = () => {
    const state = doc as unknown as FontState
    const saved = { x: doc.x, y: doc.y, font: state._font, size: state._fontSize }
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const left = doc.page.margins.left
    const top = 16
    doc.save()
    if (mark.kind === 'eu_funded') {
      const width = drawEuEmblem(doc, left, top, 20)
      doc.font(fonts.bold).fontSize(9).fillColor('#000000')
      doc.text(mark.statement, left + width + 8, top + 6, { lineBreak: false })
    } else {
      doc.font(fonts.bold).fontSize(9).fillColor('#8A1C1C')
      doc.text(mark.statement, left, top + 6, { lineBreak: false })
    }
    doc.restore()
    doc.fillColor('#000000')
    doc.page.margins.bottom = bottom
    state._font = saved.font
    if (saved.size !== undefined) doc.fontSize(saved.size)
    doc.x = saved.x
    doc.y = saved.y
  }
  stamp()
  doc.on('pageAdded', stamp)
}
