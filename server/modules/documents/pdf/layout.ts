/**
 * The .docx layout (docx/layout.ts: A4, margins, type sizes, indents, spacing) in PDF points, and
 * the embedded Liberation Serif (metric-compatible with Times New Roman, so lines break where Word
 * breaks them). Word counts twips (1/20 pt) and half-points; PDF counts points.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type PDFDocument from 'pdfkit';
import { FIRST_LINE_INDENT, LINE_SPACING, PAGE, PARAGRAPH_AFTER, SIZE, TEXT_WIDTH } from '../docx/layout';

export type Pdf = InstanceType<typeof PDFDocument>;

/** twips → points */
export const pt = (twips: number) => twips / 20;

export const GEOMETRY = {
  width: pt(PAGE.width),
  height: pt(PAGE.height),
  top: pt(PAGE.top),
  bottom: pt(PAGE.bottom),
  left: pt(PAGE.left),
  right: pt(PAGE.right),
  /** the page number's line, from the top edge */
  pageNumberTop: pt(PAGE.header),
  textWidth: pt(TEXT_WIDTH),
  firstLineIndent: pt(FIRST_LINE_INDENT),
  paragraphAfter: pt(PARAGRAPH_AFTER),
  /** Word's left and right cell margins (108 twips) */
  cellPadding: pt(108),
};

/** type sizes in points */
export const POINTS = Object.fromEntries(Object.entries(SIZE).map(([k, v]) => [k, v / 2])) as Record<
  keyof typeof SIZE,
  number
>;

const FONT_FILES = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
} as const;
type Face = keyof typeof FONT_FILES;

let faces: Record<Face, Buffer> | null = null;

/** The four faces, read once (about 1.5 MB) at the first PDF rather than at every server start. */
function fontBytes(): Record<Face, Buffer> {
  if (!faces) {
    const dir = fileURLToPath(new URL('./fonts/', import.meta.url));
    faces = Object.fromEntries(
      Object.entries(FONT_FILES).map(([face, file]) => [face, fs.readFileSync(dir + file)]),
    ) as Record<Face, Buffer>;
  }
  return faces;
}

/** Registers the faces on a new document; pdfkit embeds the glyphs used, as a subset with a ToUnicode map. */
export function registerFonts(doc: Pdf) {
  for (const [face, bytes] of Object.entries(fontBytes())) doc.registerFont(face, bytes);
}

export interface TextStyle {
  /** points; body size when left out */
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

export function applyStyle(doc: Pdf, style: TextStyle = {}) {
  const face: Face = style.bold
    ? style.italics
      ? 'boldItalic'
      : 'bold'
    : style.italics
      ? 'italic'
      : 'regular';
  doc.font(face).fontSize(style.size ?? POINTS.body);
}

/**
 * Text as it goes on the page: NFC (decomposed marks would be drawn apart from their letters and
 * extracted as separate characters) and without control characters, which pdfkit would read as
 * line breaks or draw as boxes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is removed
export const clean = (text: string) => text.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ');

/** The extra space between lines for Word's "auto" spacing of 1.2 (docx LINE_SPACING / 240). */
export const bodyLineGap = (doc: Pdf) => (LINE_SPACING / 240 - 1) * doc.currentLineHeight(true);

/**
 * A line or paragraph in a box of the given width at (x, y): returns the y below it. pdfkit
 * breaks the page by itself when a long paragraph reaches the bottom margin.
 */
export function write(
  doc: Pdf,
  text: string,
  box: { x: number; y: number; width: number },
  style: TextStyle & {
    align?: 'left' | 'center' | 'right' | 'justify';
    indent?: number;
    lineGap?: number;
  } = {},
): number {
  applyStyle(doc, style);
  doc.text(clean(text), box.x, box.y, {
    width: box.width,
    align: style.align ?? 'left',
    indent: style.indent,
    lineGap: style.lineGap ?? 0,
    underline: style.underline,
  });
  return doc.y;
}

/** Height of a text in a box of the given width, with the style it will be written in. */
export function measure(
  doc: Pdf,
  text: string,
  width: number,
  style: TextStyle & { indent?: number; lineGap?: number } = {},
): number {
  applyStyle(doc, style);
  return doc.heightOfString(clean(text), { width, indent: style.indent, lineGap: style.lineGap ?? 0 });
}

/** The short solid rule under the issuing body and the title: a third of the width it sits in, centred. */
export function shortRule(doc: Pdf, x: number, y: number, width: number) {
  doc
    .save()
    .lineWidth(0.75)
    .moveTo(x + width / 3, y)
    .lineTo(x + (2 * width) / 3, y)
    .stroke()
    .restore();
}

/** The bottom of the writable area. */
export const maxY = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;
