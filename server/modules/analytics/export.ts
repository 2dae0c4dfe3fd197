/**
 * An indicator's figures as XLSX: by commune for a period, and by period with the target path and
 * the forecast. Every text cell goes through escapeSpreadsheetCell (formula injection: a name or a
 * note starting with "=" stays text).
 */
import type { stream } from 'exceljs';
import type { TBreakdown, TPerformance } from '../../../common/contracts/analytics';
import { periodLabel } from '../../../common/periods';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { concurrencyLimit, cpuCount } from '../../concurrency';
import { writeXlsx } from '../../xlsx';

/** As the round export: at most one file per CPU (and 2) being built at once. */
const exportSlot = concurrencyLimit(Math.min(cpuCount(), 2));

export interface IndicatorLabel {
  code: string;
  name: string;
  unit: string;
}

const text = (v: string | number | null) => (typeof v === 'string' ? escapeSpreadsheetCell(v) : (v ?? ''));

type Sheet = ReturnType<stream.xlsx.WorkbookWriter['addWorksheet']>;

function addRows(sheet: Sheet, rows: (string | number | null)[][], boldFirst = 0) {
  rows.forEach((cells, i) => {
    const row = sheet.addRow(cells.map(text));
    if (i < boldFirst) row.font = { bold: true };
    row.commit();
  });
}

const KIND_LABELS: Record<string, string> = { commune: 'Xã', ward: 'Phường', special_zone: 'Đặc khu' };

export function breakdownWorkbook(indicator: IndicatorLabel, b: TBreakdown): Promise<Buffer> {
  return exportSlot(() =>
    writeXlsx((workbook) => {
      const sheet = workbook.addWorksheet('Theo xã, phường', { views: [{ state: 'frozen', ySplit: 3 }] });
      sheet.columns = [6, 12, 36, 10, 16, 14].map((width) => ({ width }));
      addRows(
        sheet,
        [[`${indicator.code} — ${indicator.name} (${indicator.unit}), ${periodLabel(b.period)}`], []],
        1,
      );
      addRows(
        sheet,
        [['STT', 'Mã đơn vị', 'Xã, phường', 'Loại', `Giá trị (${indicator.unit})`, 'Số kỳ đã báo cáo']],
        1,
      );
      addRows(
        sheet,
        b.rows.map((r, i) => [
          i + 1,
          r.orgUnit.code,
          r.orgUnit.name,
          KIND_LABELS[r.orgUnit.kind] ?? '',
          r.value,
          r.reported === null ? '' : `${r.reported}/${b.expected}`,
        ]),
      );
      sheet.commit();
    }),
  );
}

export function seriesWorkbook(
  indicator: IndicatorLabel,
  unitName: string,
  p: TPerformance,
): Promise<Buffer> {
  return exportSlot(() =>
    writeXlsx((workbook) => {
      const sheet = workbook.addWorksheet('Theo kỳ', { views: [{ state: 'frozen', ySplit: 3 }] });
      sheet.columns = [20, 18, 18].map((width) => ({ width }));
      addRows(sheet, [[`${indicator.code} — ${indicator.name} (${indicator.unit}), ${unitName}`], []], 1);
      addRows(sheet, [['Kỳ', `Giá trị (${indicator.unit})`, 'Mã kỳ']], 1);
      addRows(
        sheet,
        p.series.map((s) => [periodLabel(s.period), s.value, s.period]),
      );
      addRows(sheet, [[], ['Lộ trình chỉ tiêu'], ['Năm', 'Giá trị', 'Loại']]);
      const kinds = { baseline: 'Số gốc', target: 'Chỉ tiêu', interpolated: 'Nội suy' } as const;
      addRows(
        sheet,
        p.targetPath.map((t) => [String(t.year), t.value, kinds[t.kind]]),
      );
      const f = p.forecast;
      addRows(sheet, [[], ['Dự báo'], ['Năm', 'Dự báo', 'Thấp', 'Cao']]);
      for (const [year, e] of [
        [String(p.year), f.yearEnd],
        ['2030', f.year2030],
      ] as const) {
        addRows(sheet, [[year, e?.value ?? null, e?.low ?? null, e?.high ?? null]]);
      }
      addRows(sheet, [[f.method], [f.interval], [f.domain.note ?? ''], [p.attainment.rule]]);
      sheet.commit();
    }),
  );
}
