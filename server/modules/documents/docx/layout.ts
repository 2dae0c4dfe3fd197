/**
 * Page and type of Decree 30/2020/NĐ-CP Appendix I: A4 portrait, margins top and bottom 20 mm,
 * left 30 mm, right 15 mm; Times New Roman; body 14 pt justified, first line indented 1.27 cm,
 * 6 pt after each paragraph, line spacing 1.2. Word counts lengths in twips (1/1440 inch,
 * 1 mm ≈ 56.7) and type sizes in half-points.
 */
import { AlignmentType, BorderStyle, LineRuleType, Paragraph, type ParagraphChild, TextRun } from 'docx';

export const FONT = 'Times New Roman';
const MM = 1440 / 25.4;
export const PAGE = {
  width: 11906,
  height: 16838,
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
  /** distance of the page-number header from the top edge */
  header: Math.round(10 * MM),
};
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** half-points */
export const SIZE = {
  body: 28,
  header: 26,
  nationalTitle: 24,
  recipients: 22,
  recipientsLabel: 24,
  table: 24,
};
export const FIRST_LINE_INDENT = 720;
export const PARAGRAPH_AFTER = 120;
export const LINE_SPACING = 288;

export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

export const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    text: text.normalize('NFC'),
    font: FONT,
    size: style.size ?? SIZE.body,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
  });

/** A centred line, as in the header blocks and the title. */
export const centred = (children: ParagraphChild[], spacing: { before?: number; after?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, ...spacing }, children });

/**
 * The short solid rule under the issuing body and under the title: an empty paragraph whose bottom
 * border is narrowed by its indents to about a third of the width it sits in.
 */
export const shortRule = (width: number) =>
  new Paragraph({
    indent: { left: Math.round(width / 3), right: Math.round(width / 3) },
    spacing: { before: 0, after: 120, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });

/** A body paragraph: justified, first line indented, 6 pt after. */
export const bodyParagraph = (children: ParagraphChild[], options: { keepNext?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 0, after: PARAGRAPH_AFTER, line: LINE_SPACING, lineRule: LineRuleType.AUTO },
    keepNext: options.keepNext,
    children,
  });
