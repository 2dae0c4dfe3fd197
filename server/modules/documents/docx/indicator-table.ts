/** The indicator table: the period's figure, the year's target and result, attainment. */
import { AlignmentType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import type { TDocumentIndicator } from '../../../../common/contracts/documents';
import { ATTAINMENT_LABELS, formatNumber } from '../format';
import { run, SIZE, TEXT_WIDTH } from './layout';

const HEADINGS = [
  'STT',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kết quả trong kỳ',
  'Chỉ tiêu năm',
  'Thực hiện năm',
  'Đánh giá',
];
const WIDTHS = [600, 3100, 1000, 1150, 1150, 1150];
const COLUMNS = [...WIDTHS, TEXT_WIDTH - WIDTHS.reduce((s, w) => s + w, 0)];

const cell = (
  text: string,
  column: number,
  options: { bold?: boolean; align?: 'left' | 'center' | 'right' } = {},
) =>
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
    children: HEADINGS.map((h, i) => cell(h, i, { bold: true })),
  });
  const rows = indicators.map(
    (indicator, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1), 0),
          cell(indicator.name, 1, { align: 'left' }),
          cell(indicator.unit, 2),
          cell(formatNumber(indicator.periodValue), 3, { align: 'right' }),
          cell(formatNumber(indicator.yearTarget), 4, { align: 'right' }),
          cell(formatNumber(indicator.yearActual), 5, { align: 'right' }),
          cell(ATTAINMENT_LABELS[indicator.attainment], 6),
        ],
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    rows: [head, ...rows],
  });
}
