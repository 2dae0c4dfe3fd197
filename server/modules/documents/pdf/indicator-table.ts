/**
 * The indicator table of docx/indicator-table.ts: the same columns and widths, 12 pt, thin grid,
 * cells centred vertically. A row is never split (docx cantSplit); the heading row is repeated at
 * the top of each further page (docx tableHeader).
 */
import type { TDocumentIndicator } from '../../../../common/contracts/documents';
import { COLUMNS } from '../docx/indicator-table';
import { type CellAlign, INDICATOR_ALIGN, INDICATOR_HEADINGS, indicatorCells } from '../lines';
import { GEOMETRY, maxY, measure, type Pdf, POINTS, pt, write } from './layout';

const WIDTHS = COLUMNS.map(pt);
/** docx: 2 pt before and after the cell's paragraph */
const CELL_SPACING = 2;

interface Row {
  cells: string[];
  bold: boolean;
  align: CellAlign[];
}

interface Measured extends Row {
  heights: number[];
  height: number;
}

const INNER = WIDTHS.map((w) => w - 2 * GEOMETRY.cellPadding);

function measureRow(doc: Pdf, row: Row): Measured {
  const heights = row.cells.map((text, i) =>
    measure(doc, text, INNER[i]!, { size: POINTS.table, bold: row.bold }),
  );
  return { ...row, heights, height: Math.max(...heights) + 2 * CELL_SPACING };
}

function drawRow(doc: Pdf, row: Measured, y: number): number {
  let x = GEOMETRY.left;
  doc.save().lineWidth(0.5);
  row.cells.forEach((text, i) => {
    const width = WIDTHS[i]!;
    doc.rect(x, y, width, row.height).stroke();
    write(
      doc,
      text,
      { x: x + GEOMETRY.cellPadding, y: y + (row.height - row.heights[i]!) / 2, width: INNER[i]! },
      { size: POINTS.table, bold: row.bold, align: row.align[i] },
    );
    x += width;
  });
  doc.restore();
  return y + row.height;
}

export function drawIndicatorTable(doc: Pdf, indicators: TDocumentIndicator[], y: number): number {
  const head = measureRow(doc, {
    cells: INDICATOR_HEADINGS,
    bold: true,
    align: INDICATOR_HEADINGS.map(() => 'center'),
  });
  let at = y;
  let headDrawn = false;
  for (const [i, indicator] of indicators.entries()) {
    const row = measureRow(doc, { cells: indicatorCells(indicator, i), bold: false, align: INDICATOR_ALIGN });
    // the heading row never stands alone at the foot of a page
    if (at + (headDrawn ? 0 : head.height) + row.height > maxY(doc)) {
      doc.addPage();
      at = doc.page.margins.top;
      headDrawn = false;
    }
    if (!headDrawn) {
      at = drawRow(doc, head, at);
      headDrawn = true;
    }
    at = drawRow(doc, row, at);
  }
  return at;
}
