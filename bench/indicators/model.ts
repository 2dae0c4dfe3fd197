/**
 * The synthetic world of the indicator benchmark, all deterministic (fixed seed, no clock):
 * an org tree built from the official province and commune lists (bench/data), a catalogue of
 * indicators, and a value for every (indicator, reporting unit, month) computed by a hash, so
 * any value can be recomputed without storing it (the checks of the benchmark rely on that).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OrgAggregation, OrgUnitKind, TimeAggregation, ValueType } from '../../common/enums';
import { periodsBetween } from '../../common/periods';
import { parseCsvRecords } from '../../server/demo/csv';

export const SCALES = ['national', 'province', 'small'] as const;
export type Scale = (typeof SCALES)[number];

export interface ScaleSpec {
  scale: Scale;
  /** province codes kept; null = all 34 */
  provinces: readonly string[] | null;
  /** communes kept per province (first n in the order of Công văn 1027); null = all */
  communesPerProvince: number | null;
  bodiesPerProvince: number;
  /** stored (entered) indicators; computed ones come on top */
  storedIndicators: number;
  computedIndicators: number;
  firstMonth: string;
  lastMonth: string;
  /** values in the CSV sent to POST /api/data-values/import */
  importValues: number;
  /** single-value writes per concurrency level */
  writes: number;
  /** writes followed by a read of the province's figure */
  visibilitySamples: number;
  /** requests per analytics case (after warm-up) */
  analyticsRequests: number;
  analyticsWarmup: number;
}

export const SCALE_SPECS: Record<Scale, ScaleSpec> = {
  national: {
    scale: 'national',
    provinces: null,
    communesPerProvince: null,
    bodiesPerProvince: 20,
    storedIndicators: 140,
    computedIndicators: 10,
    firstMonth: '2021M01',
    lastMonth: '2025M12',
    importValues: 1_000_000,
    writes: 2_000,
    visibilitySamples: 100,
    analyticsRequests: 200,
    analyticsWarmup: 20,
  },
  province: {
    scale: 'province',
    provinces: ['40'],
    communesPerProvince: null,
    bodiesPerProvince: 20,
    storedIndicators: 140,
    computedIndicators: 10,
    firstMonth: '2021M01',
    lastMonth: '2025M12',
    importValues: 100_000,
    writes: 2_000,
    visibilitySamples: 100,
    analyticsRequests: 200,
    analyticsWarmup: 20,
  },
  small: {
    scale: 'small',
    provinces: ['01', '40', '79'],
    communesPerProvince: 8,
    bodiesPerProvince: 4,
    storedIndicators: 14,
    computedIndicators: 2,
    firstMonth: '2024M01',
    lastMonth: '2025M12',
    importValues: 2_000,
    writes: 200,
    visibilitySamples: 20,
    analyticsRequests: 30,
    analyticsWarmup: 5,
  },
};

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

const SEED = 0x4c54_2026; // "LT" 2026

/** A 32-bit integer hash of a few integers (murmur3 finaliser over a running mix). */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  let h = SEED ^ Math.imul(a + 0x9e37_79b9, 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb_352d) ^ Math.imul(b + 0x632b_e5ab, 0xc2b2_ae35);
  h = Math.imul(h ^ (h >>> 15), 0x846c_a68b) ^ Math.imul(c + 0x1b87_3593, 0x27d4_eb2f);
  h = Math.imul(h ^ (h >>> 13), 0x1656_67b1) ^ Math.imul(d + 0x5bd1_e995, 0x9e37_79b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) from the hash. */
export const unit01 = (a: number, b = 0, c = 0, d = 0) => hash32(a, b, c, d) / 4_294_967_296;

/** Deterministic UUIDs (version 4 layout) so that every run has the same ids and data sort by them. */
export function benchUuid(prefix: string, n: number): string {
  return `${prefix}000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Org tree

export interface BenchUnit {
  /** position in `units`; also the id's counter */
  index: number;
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgUnitKind;
  parentIndex: number | null;
  /** index of the province it lies in (itself for a province); null for the root */
  provinceIndex: number | null;
}

export interface BenchTree {
  units: BenchUnit[];
  root: BenchUnit;
  provinces: BenchUnit[];
  /** communes, wards and special zones */
  communes: BenchUnit[];
  /** provincial bodies (kind department) */
  bodies: BenchUnit[];
}

const DATA_DIR = path.resolve(import.meta.dirname, '../data');

const KIND_BY_TYPE: Record<string, OrgUnitKind> = {
  xã: 'commune',
  phường: 'ward',
  'đặc khu': 'special_zone',
};

/** ~20 bodies of a provincial People's Committee after the 2025 reorganisation (codes are ours). */
const BODIES: readonly [string, string][] = [
  ['VPUBND', 'Văn phòng Ủy ban nhân dân'],
  ['SKHCN', 'Sở Khoa học và Công nghệ'],
  ['STC', 'Sở Tài chính'],
  ['SNV', 'Sở Nội vụ'],
  ['SGDDT', 'Sở Giáo dục và Đào tạo'],
  ['SYT', 'Sở Y tế'],
  ['SCT', 'Sở Công Thương'],
  ['SNNMT', 'Sở Nông nghiệp và Môi trường'],
  ['SXD', 'Sở Xây dựng'],
  ['SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['STP', 'Sở Tư pháp'],
  ['SDTTG', 'Sở Dân tộc và Tôn giáo'],
  ['SNGV', 'Sở Ngoại vụ'],
  ['TTR', 'Thanh tra tỉnh'],
  ['CA', 'Công an tỉnh'],
  ['BCHQS', 'Bộ Chỉ huy Quân sự tỉnh'],
  ['VPDDBQH', 'Văn phòng Đoàn ĐBQH và HĐND tỉnh'],
  ['BQLKKT', 'Ban Quản lý các khu kinh tế và khu công nghiệp'],
  ['BHXH', 'Bảo hiểm xã hội tỉnh'],
  ['THUE', 'Thuế tỉnh'],
];

export function buildTree(spec: ScaleSpec): BenchTree {
  const provinceRows = parseCsvRecords(readFileSync(path.join(DATA_DIR, 'vn-provinces-2025.csv'), 'utf8'));
  const communeRows = parseCsvRecords(readFileSync(path.join(DATA_DIR, 'vn-communes-2025.csv'), 'utf8'));
  const units: BenchUnit[] = [];
  const add = (unit: Omit<BenchUnit, 'index' | 'id'>): BenchUnit => {
    const index = units.length;
    const full = { ...unit, index, id: benchUuid('0a', index) };
    units.push(full);
    return full;
  };
  const root = add({
    code: 'VN',
    name: 'Việt Nam',
    shortName: 'Việt Nam',
    kind: 'other',
    parentIndex: null,
    provinceIndex: null,
  });
  const provinces: BenchUnit[] = [];
  for (const row of provinceRows) {
    if (spec.provinces && !spec.provinces.includes(row.code!)) continue;
    const province = add({
      code: row.code!,
      name: row.name!.normalize('NFC'),
      shortName: row.short_name!.normalize('NFC'),
      kind: 'province',
      parentIndex: root.index,
      provinceIndex: null,
    });
    province.provinceIndex = province.index;
    provinces.push(province);
  }
  if (provinces.length === 0) throw new Error('No province kept: check the scale and bench/data');
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const communes: BenchUnit[] = [];
  const perProvince = new Map<string, number>();
  for (const row of communeRows) {
    const province = provinceByCode.get(row.province_code!);
    if (!province) continue;
    const seen = perProvince.get(province.code) ?? 0;
    if (spec.communesPerProvince !== null && seen >= spec.communesPerProvince) continue;
    perProvince.set(province.code, seen + 1);
    const kind = KIND_BY_TYPE[row.type!];
    if (!kind || !/^\d{5}$/.test(row.code!)) throw new Error(`Bad commune row: ${JSON.stringify(row)}`);
    communes.push(
      add({
        code: row.code!,
        name: row.name!.normalize('NFC'),
        shortName: row.short_name ? row.short_name.normalize('NFC') : null,
        kind,
        parentIndex: province.index,
        provinceIndex: province.index,
      }),
    );
  }
  const bodies: BenchUnit[] = [];
  for (const province of provinces) {
    for (const [abbreviation, name] of BODIES.slice(0, spec.bodiesPerProvince)) {
      bodies.push(
        add({
          code: `${province.code}.${abbreviation}`,
          name: `${name} ${province.shortName}`,
          shortName: null,
          kind: 'department',
          parentIndex: province.index,
          provinceIndex: province.index,
        }),
      );
    }
  }
  return { units, root, provinces, communes, bodies };
}

// ---------------------------------------------------------------------------------------------
// Indicator catalogue

/** Who enters an indicator: the commune level, the provincial bodies, or both. */
export type ReportingGroup = 'communes' | 'bodies' | 'both';

const KINDS_BY_GROUP: Record<ReportingGroup, OrgUnitKind[]> = {
  communes: ['commune', 'ward', 'special_zone'],
  bodies: ['department'],
  both: ['commune', 'ward', 'special_zone', 'department'],
};

/** What a stored indicator looks like and how its synthetic values behave. */
interface Profile {
  aggregation: OrgAggregation;
  timeAggregation: TimeAggregation;
  valueType: ValueType;
  unit: string;
  noun: string;
  /** typical value of one unit in the first month; boolean: probability of 1 */
  magnitude: number;
  /** decimals kept: 0 for counts and money */
  decimals: number;
  growthPerYear: number;
}

/**
 * Eight profiles, cycled: a mix of the aggregations over the tree (sum, average, latest, min,
 * max) and over time (sum, latest, average). Integer sums (profiles 0, 1, 3, 6) are the ones
 * the read-after-write check uses, since their province figure moves by exactly the delta.
 */
const PROFILES: readonly Profile[] = [
  {
    aggregation: 'sum',
    timeAggregation: 'sum',
    valueType: 'count',
    unit: 'hồ sơ',
    noun: 'Số hồ sơ trực tuyến',
    magnitude: 120,
    decimals: 0,
    growthPerYear: 0.15,
  },
  {
    aggregation: 'sum',
    timeAggregation: 'latest',
    valueType: 'count',
    unit: 'thôn',
    noun: 'Số thôn có hạ tầng số',
    magnitude: 12,
    decimals: 0,
    growthPerYear: 0.08,
  },
  {
    aggregation: 'average',
    timeAggregation: 'average',
    valueType: 'percent',
    unit: '%',
    noun: 'Tỷ lệ',
    magnitude: 55,
    decimals: 1,
    growthPerYear: 0.06,
  },
  {
    aggregation: 'sum',
    timeAggregation: 'sum',
    valueType: 'money',
    unit: 'triệu đồng',
    noun: 'Chi cho chuyển đổi số',
    magnitude: 850,
    decimals: 0,
    growthPerYear: 0.1,
  },
  {
    aggregation: 'latest',
    timeAggregation: 'latest',
    valueType: 'number',
    unit: 'điểm',
    noun: 'Chỉ số',
    magnitude: 62,
    decimals: 2,
    growthPerYear: 0.03,
  },
  {
    aggregation: 'max',
    timeAggregation: 'latest',
    valueType: 'percent',
    unit: '%',
    noun: 'Tỷ lệ cao nhất',
    magnitude: 70,
    decimals: 1,
    growthPerYear: 0.04,
  },
  {
    aggregation: 'sum',
    timeAggregation: 'latest',
    valueType: 'boolean',
    unit: 'đơn vị',
    noun: 'Có cán bộ chuyên trách',
    magnitude: 0.4,
    decimals: 0,
    growthPerYear: 0.1,
  },
  {
    aggregation: 'min',
    timeAggregation: 'average',
    valueType: 'number',
    unit: 'ngày',
    noun: 'Thời gian xử lý ngắn nhất',
    magnitude: 9,
    decimals: 1,
    growthPerYear: -0.05,
  },
];

/** Reporting group by position, a 14-cycle of 7 × communes, 5 × bodies, 2 × both: ~20 M values nationally. */
const GROUP_CYCLE: readonly ReportingGroup[] = [
  'communes',
  'bodies',
  'communes',
  'bodies',
  'communes',
  'both',
  'communes',
  'bodies',
  'communes',
  'bodies',
  'communes',
  'both',
  'communes',
  'bodies',
];

export interface BenchIndicator {
  index: number;
  id: string;
  code: string;
  name: string;
  unit: string;
  valueType: ValueType;
  aggregation: OrgAggregation;
  timeAggregation: TimeAggregation;
  /** computed only */
  formula: string | null;
  group: ReportingGroup;
  reportedBy: OrgUnitKind[];
  /** stored only: how its values are made */
  profile: Profile | null;
  /** stored, integer-valued, summed up the tree: its province figure moves by exactly a write's delta */
  exactSum: boolean;
}

export function buildCatalogue(spec: ScaleSpec): BenchIndicator[] {
  const indicators: BenchIndicator[] = [];
  for (let i = 0; i < spec.storedIndicators; i++) {
    const profile = PROFILES[i % PROFILES.length]!;
    const group = GROUP_CYCLE[i % GROUP_CYCLE.length]!;
    indicators.push({
      index: i,
      id: benchUuid('1c', i),
      code: `CT${String(i + 1).padStart(3, '0')}`,
      name: `${profile.noun} (chỉ tiêu thử ${i + 1})`,
      unit: profile.unit,
      valueType: profile.valueType,
      aggregation: profile.aggregation,
      timeAggregation: profile.timeAggregation,
      formula: null,
      group,
      reportedBy: KINDS_BY_GROUP[group],
      profile,
      exactSum: profile.aggregation === 'sum' && profile.decimals === 0,
    });
  }
  // Computed: 100 * A / B over two integer sums entered by the same group (share of one in the other).
  const sums = indicators.filter((ind) => ind.exactSum && ind.valueType !== 'boolean');
  for (let k = 0; k < spec.computedIndicators; k++) {
    const a = sums[(2 * k) % sums.length]!;
    const b = sums.find((s, j) => j > (2 * k) % sums.length && s.group === a.group) ?? sums[0]!;
    const i = indicators.length;
    indicators.push({
      index: i,
      id: benchUuid('1c', i),
      code: `CT${String(i + 1).padStart(3, '0')}`,
      name: `Tỷ lệ ${a.code} trên ${b.code} (chỉ tiêu tính toán thử ${k + 1})`,
      unit: '%',
      valueType: 'percent',
      aggregation: 'none',
      timeAggregation: 'latest',
      formula: `100 * ${a.code} / ${b.code}`,
      group: a.group,
      reportedBy: KINDS_BY_GROUP[a.group],
      profile: null,
      exactSum: false,
    });
  }
  return indicators;
}

// ---------------------------------------------------------------------------------------------
// Values

export function months(spec: ScaleSpec): string[] {
  return periodsBetween('month', spec.firstMonth, spec.lastMonth);
}

/** The units that enter an indicator, in id order. */
export function reportingUnits(tree: BenchTree, indicator: BenchIndicator): BenchUnit[] {
  if (indicator.group === 'communes') return tree.communes;
  if (indicator.group === 'bodies') return tree.bodies;
  return [...tree.communes, ...tree.bodies];
}

/** Month number since 2021M01 (any month id). */
export function monthOrdinal(period: string): number {
  return (Number(period.slice(0, 4)) - 2021) * 12 + Number(period.slice(5, 7)) - 1;
}

const POW10 = [1, 10, 100, 1000];

/**
 * The value of a stored indicator for a unit and month, as the text PostgreSQL reads:
 * a unit-specific size, a yearly trend and ±15 % noise; booleans flip to 1 over time.
 * `salt` > 0 gives another value for the same cell (writes through the API).
 */
export function cellValue(indicator: BenchIndicator, unitIndex: number, month: number, salt = 0): number {
  const p = indicator.profile!;
  const trend = (1 + p.growthPerYear) ** (month / 12);
  if (p.valueType === 'boolean') {
    return unit01(indicator.index, unitIndex, month, salt) < Math.min(0.98, p.magnitude * trend) ? 1 : 0;
  }
  const size = 0.3 + 1.4 * unit01(indicator.index, unitIndex, 0xffff, salt);
  const noise = 1 + 0.3 * (unit01(indicator.index, unitIndex, month, salt) - 0.5);
  let value = p.magnitude * size * trend * noise;
  if (p.valueType === 'percent') value = Math.min(100, value);
  const scale = POW10[p.decimals]!;
  return Math.round(value * scale) / scale;
}
