/** The indicator table: the period's figure, the year's target and result, attainment. */
import { AlignmentType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import type { TDocumentIndicator } from '../../../../common/contracts/documents';
import { type CellAlign, INDICATOR_ALIGN, INDICATOR_HEADINGS, indicatorCells } from '../lines';
import { run, SIZE, TEXT_WIDTH } from './layout';

/** twips; the PDF takes the same widths */
export const WIDTHS = [600, 3100, 1000, 1150, 1150, 1150];
export const COLUMNS = [...WIDTHS, TEXT_WIDTH - WIDTHS.reduce((s, w) => s + w, 0)];

const cell = (text: string, column: number, options: { bold?: boolean; align?: CellAlign } = {}) =>
  new TableCell({
    width: { size: COLUMNS[column]!, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment:
          options.align === 'right'
            ? AlignmentType.RIGHT
            : options.align === 'left'
              ? AlignmentType.LEFT
              : AlignmentType.CENTER,
        spacing: { before: 40, after: 40 },
        children: [run(text, { size: SIZE.table, bold: options.bold })],
      }),
    ],
  });

export function indicatorTable(indicators: TDocumentIndicator[]): Table {
  const head = new TableRow({
    tableHeader: true,
    children: INDICATOR_HEADINGS.map((h, i) => cell(h, i, { bold: true })),
  });
  const rows = indicators.map(
    (indicator, i) =>
      new TableRow({
        cantSplit: true,
        children: indicatorCells(indicator, i).map((text, column) =>
          cell(text, column, { align: INDICATOR_ALIGN[column] }),
        ),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    rows: [head, ...rows],
  });
}
