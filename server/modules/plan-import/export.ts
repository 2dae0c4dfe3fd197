/**
 * A plan as its annex: the title lines ("PHỤ LỤC", "Kèm theo Kế hoạch số …", the plan's title and
 * years), then the table STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn
 * thành | Sản phẩm with a frozen, filtered header. Groups are bold, shaded headings (merged across
 * the row when they carry nothing but a title); numbering is I, 1., 1.1, a) where the codes follow
 * the outline, else the codes themselves; deadlines are dates (dd/mm/yyyy), "Hằng năm" for yearly
 * tasks. Every text goes through escapeSpreadsheetCell. Importing this file gives the same plan.
 */
import type { stream } from 'exceljs';
import type { OrgUnitKind } from '../../../common/enums';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { concurrencyLimit } from '../../concurrency';
import { writeXlsx } from '../../xlsx';
import { formatDay } from './deadline';
import { fitsRomanNumbering, romanStt } from './numbering';
import { COLUMN_LABELS } from './parser';
import type { AnnexItem, AnnexPlan } from './queries';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FONT = 'Times New Roman';
const COLUMNS = [
  { label: COLUMN_LABELS.stt, width: 7 },
  { label: COLUMN_LABELS.title, width: 60 },
  { label: COLUMN_LABELS.lead, width: 28 },
  { label: COLUMN_LABELS.cooperators, width: 38 },
  { label: COLUMN_LABELS.deadline, width: 16 },
  { label: COLUMN_LABELS.product, width: 36 },
];
const LAST = 'F';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** One build at a time per CPU pair: the work is CPU-bound. */
const exportSlot = concurrencyLimit(2);

export interface AnnexOptions {
  numbering?: 'roman' | 'outline';
  /** every active unit of each commune-level kind, to write a list of them all as one phrase */
  communeLevel: Map<OrgUnitKind, Set<string>>;
  /** names held by more than one unit: written with the unit's code */
  sharedNames: Set<string>;
}

const text = (value: string | null | undefined) => escapeSpreadsheetCell(value ?? '');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The co-operators as the annex writes them; all communes and wards together as one phrase. */
function cooperatorsText(item: AnnexItem, options: AnnexOptions): string {
  const ids = new Set(item.cooperators.map((u) => u.id));
  const covered = new Set<string>();
  const phrases: string[] = [];
  const all = (kind: OrgUnitKind) => {
    const units = options.communeLevel.get(kind);
    return units !== undefined && units.size > 0 && [...units].every((id) => ids.has(id));
  };
  if (all('commune') && all('ward')) {
    const kinds: OrgUnitKind[] = all('special_zone')
      ? ['commune', 'ward', 'special_zone']
      : ['commune', 'ward'];
    for (const kind of kinds) for (const id of options.communeLevel.get(kind)!) covered.add(id);
    phrases.push(kinds.length === 3 ? 'UBND các xã, phường, đặc khu' : 'UBND các xã, phường');
  }
  for (const unit of item.cooperators) {
    if (!covered.has(unit.id)) phrases.push(unitName(unit, options));
  }
  return phrases.join('; ');
}

const unitName = (unit: { name: string; code: string }, options: AnnexOptions) =>
  options.sharedNames.has(unit.name) ? `${unit.name} (${unit.code})` : unit.name;

function deadlineCell(item: AnnexItem, horizonEnd: number): string | Date | null {
  if (!item.deadline) return null;
  if (item.recurrence === 'yearly') {
    return item.deadline === `${horizonEnd}-12-31` ? 'Hằng năm' : `Hằng năm, đến ${formatDay(item.deadline)}`;
  }
  return day(item.deadline);
}

function titleLines(plan: AnnexPlan): string[] {
  const attached = [
    `Kèm theo Kế hoạch số ${plan.number}`,
    plan.issueDate ? ` ngày ${formatDay(plan.issueDate)}` : '',
    ` của ${plan.issuingBody}`,
  ].join('');
  return [
    'PHỤ LỤC',
    'DANH MỤC NHIỆM VỤ',
    `(${attached})`,
    plan.title,
    `Giai đoạn ${plan.horizonStartYear}–${plan.horizonEndYear}`,
  ];
}

export function annexWorkbook(plan: AnnexPlan, options: AnnexOptions): Promise<Buffer> {
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const codes = plan.items.map((i) => ({
    code: i.code,
    parentCode: i.parentId ? (byId.get(i.parentId)?.code ?? '?') : null,
  }));
  const roman = options.numbering !== 'outline' && fitsRomanNumbering(codes);
  const parents = new Set(plan.items.map((i) => i.parentId));
  return exportSlot(() =>
    writeXlsx((workbook) => {
      const sheet = addSheet(workbook, plan);
      for (const item of plan.items) {
        const heading = item.kind === 'group' || parents.has(item.id);
        const deadline = deadlineCell(item, plan.horizonEndYear);
        const cells = [
          roman ? romanStt(item.code) : item.code,
          text(item.title),
          item.lead ? text(unitName(item.lead, options)) : '',
          text(cooperatorsText(item, options)),
          deadline,
          text(item.expectedProduct),
        ];
        const row = sheet.addRow(cells);
        row.alignment = { vertical: 'top', wrapText: true };
        row.font = { name: FONT, size: 12, bold: heading };
        row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
        if (deadline instanceof Date) row.getCell(5).numFmt = 'dd/mm/yyyy';
        row.getCell(5).alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
        row.eachCell({ includeEmpty: true }, (cell) => {
          cell.border = BORDER;
          if (heading) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
        });
        // a heading with nothing but its title reads across the row, as annexes print it
        if (heading && cells.slice(2).every((c) => c === '' || c === null)) {
          sheet.mergeCells(`B${row.number}:${LAST}${row.number}`);
        }
        row.commit();
      }
      sheet.commit();
    }),
  );
}

function addSheet(workbook: stream.xlsx.WorkbookWriter, plan: AnnexPlan) {
  const lines = titleLines(plan);
  const headerRow = lines.length + 2;
  const sheet = workbook.addWorksheet('Phụ lục', {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.autoFilter = `A${headerRow}:${LAST}${headerRow}`;
  lines.forEach((line, i) => {
    const row = sheet.addRow([text(line)]);
    row.font = { name: FONT, size: i === 3 ? 13 : 12, bold: i !== 2 && i !== 4, italic: i === 2 || i === 4 };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (i === 3) row.height = 48;
    sheet.mergeCells(`A${row.number}:${LAST}${row.number}`);
    row.commit();
  });
  sheet.addRow([]).commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.label));
  header.font = { name: FONT, size: 12, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.border = BORDER;
  });
  header.commit();
  return sheet;
}

/** "phu-luc-328-KH-TU.xlsx": the plan's number, safe in a file name. */
export function annexFileName(number: string): string {
  const safe = number
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `phu-luc-${safe || 'ke-hoach'}.xlsx`;
}
