import type { stream } from 'exceljs';
import type {
  DashboardTable,
  TIndicatorAttainment,
  TRoundThemes,
  TTaskList,
  TTaskStatusByGroup,
} from '../../../common/contracts/dashboard';
import type { Attainment, ItemStatus } from '../../../common/enums';
import { ITEM_STATUSES } from '../../../common/enums';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { concurrencyLimit, cpuCount } from '../../concurrency';
import type { ResourceType } from '../../policy';
import { writeXlsx } from '../../xlsx';

const STATUS_LABELS: Record<ItemStatus, string> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  at_risk: 'Có nguy cơ chậm',
  overdue: 'Quá hạn',
  done: 'Hoàn thành',
  done_late: 'Hoàn thành muộn',
};
const ATTAINMENT_LABELS: Record<Attainment, string> = {
  on_track: 'Đạt tiến độ',
  at_risk: 'Có nguy cơ',
  off_track: 'Chậm tiến độ',
  no_target: 'Chưa có chỉ tiêu',
  no_data: 'Chưa có số liệu',
};
const SHEET_TITLES: Record<DashboardTable, string> = {
  groups: 'Nhiệm vụ theo nhóm',
  overdue: 'Nhiệm vụ quá hạn',
  at_risk: 'Nhiệm vụ có nguy cơ',
  due_soon: 'Đến hạn 30 ngày tới',
  indicators: 'Chỉ tiêu',
  themes: 'Khó khăn và đề xuất',
};

export type DashboardTableData =
  | { table: 'groups'; data: TTaskStatusByGroup }
  | { table: 'overdue' | 'at_risk' | 'due_soon'; data: TTaskList }
  | { table: 'indicators'; data: TIndicatorAttainment }
  | { table: 'themes'; data: TRoundThemes };

type Cell = string | number | null;

/** What each table reads, for the policy. */
export const TABLE_TYPES = {
  groups: 'plan_item',
  overdue: 'plan_item',
  at_risk: 'plan_item',
  due_soon: 'plan_item',
  indicators: 'data_value',
  themes: 'report',
} as const satisfies Record<DashboardTable, ResourceType>;

const dmy = (date: string | null) =>
  date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';

/** The header row and the data rows of a table, as the page shows it. */
function rowsOf(input: DashboardTableData): Cell[][] {
  switch (input.table) {
    case 'groups':
      return [
        ['Mã', 'Nhóm nhiệm vụ', 'Tổng số', ...ITEM_STATUSES.map((s) => STATUS_LABELS[s])],
        ...input.data.groups.map((g) => [
          g.code ?? '',
          g.title ?? 'Nhiệm vụ không thuộc nhóm',
          g.total,
          ...ITEM_STATUSES.map((s) => g.counts[s]),
        ]),
        ['', 'Tổng cộng', input.data.total, ...ITEM_STATUSES.map((s) => input.data.counts[s])],
      ];
    case 'overdue':
    case 'at_risk':
    case 'due_soon':
      return [
        ['STT', 'Mã', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn', 'Số ngày đến hạn', 'Tiến độ (%)', 'Trạng thái'],
        ...input.data.items.map((t, i) => [
          i + 1,
          t.code,
          t.title,
          t.lead?.name ?? '',
          dmy(t.deadline),
          t.daysToDeadline,
          t.progress,
          STATUS_LABELS[t.status],
        ]),
      ];
    case 'indicators':
      return [
        [
          'Mã',
          'Chỉ tiêu',
          'Đơn vị tính',
          `Kết quả ${input.data.year}`,
          `Chỉ tiêu ${input.data.year}`,
          'Đánh giá',
        ],
        ...input.data.tiles.map((t) => [
          t.code,
          t.name,
          t.unit,
          t.actual,
          t.target,
          ATTAINMENT_LABELS[t.status],
        ]),
      ];
    case 'themes':
      return [
        ['Loại', 'Nhóm vấn đề', 'Số lần nêu', 'Đơn vị nêu', 'Ví dụ'],
        ...(['obstacles', 'proposals'] as const).flatMap((field) =>
          input.data[field].map((t) => [
            field === 'obstacles' ? 'Khó khăn, vướng mắc' : 'Đề xuất, kiến nghị',
            t.label,
            t.mentions,
            t.units.map((u) => u.name).join('; '),
            t.example,
          ]),
        ),
      ];
  }
}

/** One export at a time per CPU (at most 2), as the round's export: each holds its workbook. */
const exportSlot = concurrencyLimit(Math.min(cpuCount(), 2));

/** A dashboard table as an .xlsx sheet; every text cell escaped against formula injection. */
export function dashboardWorkbook(input: DashboardTableData, subtitle: string): Promise<Buffer> {
  return exportSlot(() => writeXlsx((workbook) => fill(workbook, input, subtitle)));
}

function fill(workbook: stream.xlsx.WorkbookWriter, input: DashboardTableData, subtitle: string) {
  const title = SHEET_TITLES[input.table];
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 4 }] });
  const [header, ...rows] = rowsOf(input);
  sheet.columns = header!.map((_, i) => ({ width: i === 0 ? 10 : 24 }));
  const heading = sheet.addRow([title]);
  heading.font = { bold: true, size: 13 };
  heading.commit();
  sheet.addRow([escapeSpreadsheetCell(subtitle)]).commit();
  sheet.addRow([]).commit();
  const head = sheet.addRow(header!);
  head.font = { bold: true };
  head.commit();
  for (const row of rows) {
    sheet.addRow(row.map((v) => (typeof v === 'string' ? escapeSpreadsheetCell(v) : v))).commit();
  }
  sheet.commit();
}

export const fileNameOf = (table: DashboardTable) => `dieu-hanh-${table.replace(/_/g, '-')}.xlsx`;
