import { formatMoney, type Money } from '@tandem/core'
import PDFDocument from 'pdfkit'

export interface StatementLine {
  date: string
  description: string
  amount: Money
}

export interface Statement {
  title: string
  period: string
  partner: { name: string; email: string; address: string[]; taxLines: string[] }
  program: string | null
  lines: StatementLine[]
  totals: { label: string; amount: Money }[]
  notes: string[]
}

/** A statement as a PDF (pdfkit, its built-in Helvetica: no font files to ship). */
export function statementPdf(s: Statement, generatedAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: s.title, Author: 'Tandem' } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)

    doc.fontSize(18).font('Helvetica-Bold').text(s.title)
    doc.moveDown(0.2).fontSize(10).font('Helvetica').fillColor('#555').text(s.period)
    if (s.program) doc.text(`Program: ${s.program}`)
    doc.moveDown()
    doc.fillColor('#000').font('Helvetica-Bold').text(s.partner.name)
    doc.font('Helvetica')
    for (const line of [s.partner.email, ...s.partner.address, ...s.partner.taxLines]) doc.text(line)
    doc.moveDown()

    const left = 50
    const amountRight = 545
    const header = (y: number) => {
      doc.font('Helvetica-Bold').fontSize(9)
      doc.text('Date', left, y, { width: 80 })
      doc.text('Description', left + 85, y, { width: 300 })
      doc.text('Amount', amountRight - 110, y, { width: 110, align: 'right' })
      doc
        .moveTo(left, y + 13)
        .lineTo(amountRight, y + 13)
        .strokeColor('#ccc')
        .stroke()
      doc.font('Helvetica').fontSize(9)
      return y + 18
    }
    let y = header(doc.y)
    for (const line of s.lines) {
      const height = Math.max(12, doc.heightOfString(line.description, { width: 300 }))
      if (y + height > 770) {
        doc.addPage()
        y = header(50)
      }
      doc.text(line.date, left, y, { width: 80 })
      doc.text(line.description, left + 85, y, { width: 300 })
      doc.text(formatMoney(line.amount), amountRight - 110, y, { width: 110, align: 'right' })
      y += height + 4
    }
    if (s.lines.length === 0) {
      doc.text('No entries in this period.', left, y)
      y += 16
    }
    doc
      .moveTo(left, y + 2)
      .lineTo(amountRight, y + 2)
      .strokeColor('#ccc')
      .stroke()
    y += 10
    doc.font('Helvetica-Bold')
    for (const t of s.totals) {
      doc.text(t.label, left + 85, y, { width: 300 })
      doc.text(formatMoney(t.amount), amountRight - 110, y, { width: 110, align: 'right' })
      y += 14
    }
    doc.font('Helvetica').fillColor('#555').fontSize(8)
    y += 10
    for (const note of [
      ...s.notes,
      `Generated ${generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC by Tandem.`,
    ]) {
      doc.text(note, left, y, { width: amountRight - left })
      y = doc.y + 2
    }
    doc.end()
  })
}
