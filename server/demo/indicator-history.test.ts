import { beforeAll, describe, expect, it } from 'vitest';
import { cutoffWindow, periodsBetween } from '../../common/periods';
import { type CatalogueEntry, type UnitEntry, validateDataValue } from '../modules/data-values/validate';
import {
  demoHistoryUnits,
  generateHistory,
  type HistoryRow,
  type HistoryUnit,
  historyEntryTimes,
  historyPeriods,
  historyState,
  isStoredIndicator,
} from './indicator-history';
import { DEMO_INDICATORS, type DemoIndicator } from './indicators';

const TODAY = '2026-11-27';
const COMMUNE_KINDS = new Set(['commune', 'ward', 'special_zone']);

/** The catalogue as the API loads it (service.ts loadCatalogue), ids being the codes. */
function catalogueEntry(i: DemoIndicator): CatalogueEntry {
  return {
    id: i.code,
    code: i.code,
    name: i.name,
    valueType: i.valueType,
    direction: i.direction,
    aggregation: i.aggregation,
    frequency: i.frequency,
    formula: i.formula ?? null,
    reportedBy: [...i.reportedBy],
    targets: { ...i.targets },
    ruleMin: i.rules?.min ?? null,
    ruleMax: i.rules?.max ?? null,
    ruleInteger: i.rules?.integer ?? false,
    ruleNotAboveId: i.rules?.notAbove ?? null,
    ruleCommentWhenOffTarget: i.rules?.commentWhenOffTarget ?? false,
    archived: false,
  };
}

const unitEntry = (u: HistoryUnit): UnitEntry => ({
  id: u.code,
  code: u.code,
  name: u.name,
  kind: u.kind,
  active: true,
});

const keyOf = (code: string, unit: string, period: string) => `${code}|${unit}|${period}`;

/** The first row errors validate.ts finds in the rows, as text. */
function validationErrors(rows: HistoryRow[], units: HistoryUnit[], today: string): string[] {
  const catalogue = new Map(DEMO_INDICATORS.map((i) => [i.code, catalogueEntry(i)]));
  const unitsByCode = new Map(units.map((u) => [u.code, unitEntry(u)]));
  const errors = rows.flatMap((r, i) =>
    validateDataValue(
      {
        indicatorCode: r.indicatorCode,
        orgUnitCode: r.orgUnitCode,
        period: r.period,
        value: r.value,
        comment: r.comment,
      },
      i + 1,
      catalogue.get(r.indicatorCode),
      unitsByCode.get(r.orgUnitCode),
      today,
    ).map((e) => `${r.indicatorCode} ${r.orgUnitCode} ${r.period} ${r.value}: ${e.code}`),
  );
  return errors.slice(0, 10);
}

describe('generateHistory', () => {
  let units: HistoryUnit[];
  let rows: HistoryRow[];
  let byKey: Map<string, number>;
  const communes = () => units.filter((u) => COMMUNE_KINDS.has(u.kind));
  const rowsOf = (code: string) => rows.filter((r) => r.indicatorCode === code);

  beforeAll(() => {
    units = demoHistoryUnits();
    rows = generateHistory({ indicators: DEMO_INDICATORS, units, today: TODAY });
    byKey = new Map(rows.map((r) => [keyOf(r.indicatorCode, r.orgUnitCode, r.period), r.value]));
  });

  it('is deterministic', () => {
    const again = generateHistory({ indicators: DEMO_INDICATORS, units: demoHistoryUnits(), today: TODAY });
    expect(again).toEqual(rows);
    // An indicator's values do not depend on which other indicators are generated with it.
    const alone = generateHistory({
      indicators: DEMO_INDICATORS.filter((i) => i.code === 'HS.TIEPNHAN'),
      units,
      today: TODAY,
    });
    expect(alone).toEqual(rowsOf('HS.TIEPNHAN'));
  });

  it('writes one row per stored indicator, reporting unit and period, and nothing else', () => {
    expect(new Set(byKey.keys()).size).toBe(rows.length);
    const stored = DEMO_INDICATORS.filter(isStoredIndicator);
    expect(new Set(rows.map((r) => r.indicatorCode))).toEqual(new Set(stored.map((i) => i.code)));
    for (const indicator of stored) {
      const reporting = units.filter((u) => (indicator.reportedBy as readonly string[]).includes(u.kind));
      const periods = historyPeriods(indicator.frequency, TODAY);
      const expected = reporting.length * periods.length;
      const count = rowsOf(indicator.code).length;
      // monthly: the latest month of the late communes is missing (and what is bounded by it)
      if (indicator.frequency === 'month') expect(count, indicator.code).toBeLessThan(expected);
      else expect(count, indicator.code).toBe(expected);
    }
  });

  it('passes the validation the API applies to every value', () => {
    expect(validationErrors(rows, units, TODAY)).toEqual([]);
    // comments only where the rule asks for one
    const commented = new Set(rows.filter((r) => r.comment).map((r) => r.indicatorCode));
    expect(commented.size).toBeGreaterThan(0);
    for (const code of commented) {
      expect(DEMO_INDICATORS.find((i) => i.code === code)?.rules?.commentWhenOffTarget, code).toBe(true);
    }
  });

  it('passes it on other days too: early 2024, mid 2025, a new year', () => {
    expect(generateHistory({ indicators: DEMO_INDICATORS, units, today: '2024-01-14' })).toEqual([]);
    for (const today of ['2024-03-20', '2025-07-01', '2027-01-20']) {
      const other = generateHistory({ indicators: DEMO_INDICATORS, units, today });
      expect(other.length, today).toBeGreaterThan(0);
      expect(validationErrors(other, units, today), today).toEqual([]);
    }
  });

  it('keeps every value within its "not above" bound, and 5G ≤ 4G ≤ villages per commune', () => {
    for (const indicator of DEMO_INDICATORS.filter((i) => isStoredIndicator(i) && i.rules?.notAbove)) {
      const above = rowsOf(indicator.code).filter((r) => {
        const bound = byKey.get(keyOf(indicator.rules!.notAbove!, r.orgUnitCode, r.period));
        return bound === undefined || r.value > bound;
      });
      expect(above, indicator.code).toEqual([]);
    }
    let checked = 0;
    for (const r of rowsOf('HT.THON_TONG')) {
      const at = (code: string) => byKey.get(keyOf(code, r.orgUnitCode, r.period))!;
      const [fibre, g4, g5, noSignal] = [
        'HT.THON_CAPQUANG',
        'HT.THON_4G',
        'HT.THON_5G',
        'HT.THON_LOMSONG',
      ].map(at);
      expect(r.value).toBeGreaterThan(0);
      expect(g5).toBeLessThanOrEqual(g4!);
      expect(g4).toBeLessThanOrEqual(r.value);
      expect(fibre).toBeLessThanOrEqual(r.value);
      expect(noSignal).toBeLessThanOrEqual(r.value);
      checked++;
    }
    expect(checked).toBe(130 * historyPeriods('quarter', TODAY).length);
  });

  it('gives all 130 communes history of a monthly commune indicator, a third of them late for the latest month', () => {
    expect(communes()).toHaveLength(130);
    const months = historyPeriods('month', TODAY);
    expect(months[0]).toBe('2024M01');
    expect(months.at(-1)).toBe('2026M11');
    const latest = months.at(-1)!;
    let late = 0;
    for (const commune of communes()) {
      const periods = rowsOf('HS.TIEPNHAN')
        .filter((r) => r.orgUnitCode === commune.code)
        .map((r) => r.period);
      expect(periods.slice(0, months.length - 1), commune.code).toEqual(months.slice(0, -1));
      if (!periods.includes(latest)) late++;
    }
    expect(late).toBeGreaterThan(130 * 0.2);
    expect(late).toBeLessThan(130 * 0.45);
    // departments are never late
    const departments = units.filter((u) => u.kind === 'department');
    const latestRows = rowsOf('HS.TIEPNHAN').filter((r) => r.period === latest);
    for (const d of departments)
      expect(
        latestRows.some((r) => r.orgUnitCode === d.code),
        d.code,
      ).toBe(true);
  });

  it('writes nothing for a period whose cut-off window has not ended', () => {
    const windowEnds = new Map([...new Set(rows.map((r) => r.period))].map((p) => [p, cutoffWindow(p).end]));
    expect([...windowEnds].filter(([, end]) => end >= TODAY)).toEqual([]);
    // the latest period of each frequency is there, the one being collected is not
    const latest = (frequency: DemoIndicator['frequency']) => historyPeriods(frequency, TODAY).at(-1);
    expect([latest('month'), latest('quarter'), latest('half_year'), latest('year')]).toEqual([
      '2026M11',
      '2026Q3',
      '2026S1',
      '2025',
    ]);
    for (const p of ['2026M12', '2026Q4', '2026'])
      expect(
        rows.some((r) => r.period === p),
        p,
      ).toBe(false);
    // a window ends on its last day: on 14/11 November is still being collected, on 15/11 it is not
    expect(historyPeriods('month', '2026-11-14').at(-1)).toBe('2026M10');
    expect(historyPeriods('month', '2026-11-15').at(-1)).toBe('2026M11');
    expect(historyPeriods('month', '2024-01-14')).toEqual([]);
  });

  it('moves yes/no answers one way and keeps villages and stocks steady', () => {
    const quarters = historyPeriods('quarter', TODAY);
    for (const code of ['CB.CHUYENTRACH_XA', 'IOC.XA_KETNOI']) {
      const yes = quarters.map((q) => rowsOf(code).filter((r) => r.period === q && r.value === 1).length);
      for (const commune of communes()) {
        const values = quarters.map((q) => byKey.get(keyOf(code, commune.code, q))!);
        expect(values.every((v) => v === 0 || v === 1)).toBe(true);
        expect(values.indexOf(1) === -1 || values.slice(values.indexOf(1)).every((v) => v === 1)).toBe(true);
      }
      expect(yes.at(-1)!, code).toBeGreaterThan(yes[0]!);
    }
    for (const commune of communes()) {
      const total = quarters.map((q) => byKey.get(keyOf('HT.THON_TONG', commune.code, q)));
      expect(new Set(total).size, commune.code).toBe(1);
    }
  });

  it('lands near the catalogue baselines and varies by commune', () => {
    const sum = (code: string, period: (p: string) => boolean) =>
      rowsOf(code)
        .filter((r) => period(r.period))
        .reduce((s, r) => s + r.value, 0);
    const near = (value: number, expected: number, tolerance: number) =>
      expect(Math.abs(value / expected - 1)).toBeLessThan(tolerance);
    near(
      sum('DS.DANSO', (p) => p === '2024'),
      3_510_000,
      0.05,
    );
    near(
      sum('HT.THON_TONG', (p) => p === '2024Q4'),
      4725,
      0.05,
    );
    near(
      sum('HS.TIEPNHAN', (p) => p.startsWith('2024M')),
      1_650_000,
      0.15,
    );
    near(
      sum('CB.KYNANGSO', (p) => p.startsWith('2024M')),
      14_500,
      0.2,
    );
    near(
      sum('DN.HOATDONG', (p) => p === '2024Q4'),
      13_400,
      0.1,
    );
    // commune shares spread out: some communes lag well behind others
    const shares = rowsOf('DS.VNEID_MUC2_TYLE')
      .filter((r) => r.period === '2026Q3')
      .map((r) => r.value)
      .sort((a, b) => a - b);
    expect(shares[shares.length - 1]! - shares[0]!).toBeGreaterThan(20);
  });
});

describe('states and entry times', () => {
  it('approves periods before the current quarter and leaves the latest ones as drafts', () => {
    expect(historyState('2026M09', TODAY)).toBe('approved');
    expect(historyState('2026Q3', TODAY)).toBe('approved');
    expect(historyState('2026S1', TODAY)).toBe('approved');
    expect(historyState('2025', TODAY)).toBe('approved');
    expect(historyState('2026M10', TODAY)).toBe('draft');
    expect(historyState('2026M11', TODAY)).toBe('draft');
  });

  it('dates each value after its window closed and before today', () => {
    const enteredAt = historyEntryTimes(TODAY);
    const todayStart = Date.parse(`${TODAY}T00:00:00+07:00`);
    for (const period of [...periodsBetween('month', '2024M01', '2026M11'), '2026Q3', '2025']) {
      const at = enteredAt({
        indicatorCode: 'HS.TIEPNHAN',
        orgUnitCode: '17329',
        period,
        value: 1,
        comment: null,
      });
      const closed = Date.parse(`${nextDay(cutoffWindow(period).end)}T00:00:00+07:00`);
      expect(at, period).toBeGreaterThanOrEqual(Math.min(closed, todayStart - 86_400_000));
      expect(at, period).toBeLessThan(todayStart);
    }
  });
});

function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
