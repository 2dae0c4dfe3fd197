import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OrgUnitKind } from '../../common/enums';
import { parseCsvRecords } from './csv';

/** One org unit of the demo province, referring to its parent by code. */
export interface DemoOrgUnit {
  code: string;
  name: string;
  shortName: string | null;
  kind: OrgUnitKind;
  parentCode: string | null;
}

export const PROVINCE_CODE = '40';
/** The provincial Party Committee; the party bodies sit under it. */
export const PARTY_COMMITTEE_CODE = '40.TU';

export const PROVINCE: DemoOrgUnit = {
  code: PROVINCE_CODE,
  name: 'Tỉnh Nghệ An',
  shortName: 'Nghệ An',
  kind: 'province',
  parentCode: null,
};

function body(code: string, name: string, shortName: string, kind: OrgUnitKind, parentCode = PROVINCE_CODE) {
  return { code, name, shortName, kind, parentCode } satisfies DemoOrgUnit;
}

/**
 * Provincial bodies after the 2025 reorganisation (merged departments from 1/3/2025, merged
 * press agency from 1/7/2025). The codes are our own: "40." and an abbreviation.
 */
export const PROVINCIAL_BODIES: readonly DemoOrgUnit[] = [
  // Party
  body(PARTY_COMMITTEE_CODE, 'Tỉnh ủy Nghệ An', 'Tỉnh ủy', 'party_body'),
  body('40.VPTU', 'Văn phòng Tỉnh ủy', 'VP Tỉnh ủy', 'party_body', PARTY_COMMITTEE_CODE),
  body('40.BTCTU', 'Ban Tổ chức Tỉnh ủy', 'Ban Tổ chức TU', 'party_body', PARTY_COMMITTEE_CODE),
  body('40.BTGDVTU', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Ban TG&DV TU', 'party_body', PARTY_COMMITTEE_CODE),
  body('40.UBKTTU', 'Ủy ban Kiểm tra Tỉnh ủy', 'UBKT Tỉnh ủy', 'party_body', PARTY_COMMITTEE_CODE),
  body('40.BNCTU', 'Ban Nội chính Tỉnh ủy', 'Ban Nội chính TU', 'party_body', PARTY_COMMITTEE_CODE),
  // Provincial People's Committee and its departments
  body('40.VPUBND', 'Văn phòng Ủy ban nhân dân tỉnh', 'VP UBND tỉnh', 'department'),
  body('40.SKHCN', 'Sở Khoa học và Công nghệ', 'Sở KH&CN', 'department'),
  body('40.STC', 'Sở Tài chính', 'Sở Tài chính', 'department'),
  body('40.SNV', 'Sở Nội vụ', 'Sở Nội vụ', 'department'),
  body('40.SGDDT', 'Sở Giáo dục và Đào tạo', 'Sở GD&ĐT', 'department'),
  body('40.SYT', 'Sở Y tế', 'Sở Y tế', 'department'),
  body('40.SCT', 'Sở Công Thương', 'Sở Công Thương', 'department'),
  body('40.SNNMT', 'Sở Nông nghiệp và Môi trường', 'Sở NN&MT', 'department'),
  body('40.SXD', 'Sở Xây dựng', 'Sở Xây dựng', 'department'),
  body('40.SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở VHTT&DL', 'department'),
  body('40.STP', 'Sở Tư pháp', 'Sở Tư pháp', 'department'),
  body('40.SDTTG', 'Sở Dân tộc và Tôn giáo', 'Sở DT&TG', 'department'),
  body('40.TTR', 'Thanh tra tỉnh', 'Thanh tra tỉnh', 'department'),
  body('40.BQLKKT', 'Ban Quản lý Khu kinh tế Đông Nam Nghệ An', 'BQL KKT Đông Nam', 'department'),
  // Security and defence forces, counted among the provincial sectors
  body('40.CA', 'Công an tỉnh Nghệ An', 'Công an tỉnh', 'department'),
  body('40.BCHQS', 'Bộ Chỉ huy Quân sự tỉnh Nghệ An', 'BCH Quân sự tỉnh', 'department'),
  // Front, unions, press, universities
  body('40.MTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An', 'UBMTTQ tỉnh', 'other'),
  body('40.TDTN', 'Tỉnh đoàn Nghệ An', 'Tỉnh đoàn', 'other'),
  body('40.LHH', 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Nghệ An', 'Liên hiệp các Hội KH&KT', 'other'),
  body('40.BPTTH', 'Báo và Phát thanh, Truyền hình Nghệ An', 'Báo và PT-TH Nghệ An', 'other'),
  body('40.DHV', 'Trường Đại học Vinh', 'ĐH Vinh', 'other'),
  body('40.DHYKV', 'Trường Đại học Y khoa Vinh', 'ĐH Y khoa Vinh', 'other'),
  body('40.DHKTNA', 'Trường Đại học Kinh tế Nghệ An', 'ĐH Kinh tế Nghệ An', 'other'),
  // Telecom and postal operators
  body(
    '40.VIETTEL',
    'Viettel Nghệ An – Chi nhánh Tập đoàn Công nghiệp – Viễn thông Quân đội',
    'Viettel Nghệ An',
    'enterprise',
  ),
  body('40.VNPT', 'Viễn thông Nghệ An (VNPT Nghệ An)', 'VNPT Nghệ An', 'enterprise'),
  body(
    '40.MOBIFONE',
    'MobiFone Nghệ An – Tổng công ty Viễn thông MobiFone',
    'MobiFone Nghệ An',
    'enterprise',
  ),
  body('40.BDT', 'Bưu điện tỉnh Nghệ An', 'Bưu điện tỉnh', 'enterprise'),
];

/** The communes and wards file shipped with the product (see data/README.md). */
export const COMMUNES_CSV_PATH = path.join(import.meta.dirname, 'data', 'nghe-an-communes-2025.csv');

const KIND_BY_TYPE: Record<string, OrgUnitKind> = {
  xã: 'commune',
  phường: 'ward',
  'đặc khu': 'special_zone',
};

/** The 130 communes and wards of Nghệ An from the CSV, under the province. */
export function loadDemoCommunes(csvText: string = readFileSync(COMMUNES_CSV_PATH, 'utf8')): DemoOrgUnit[] {
  return parseCsvRecords(csvText).map((row) => {
    const code = row.code ?? '';
    const kind = KIND_BY_TYPE[row.type ?? ''];
    if (!/^\d{5}$/.test(code)) throw new Error(`Invalid commune code: "${code}"`);
    if (!kind) throw new Error(`Unknown unit type "${row.type}" for ${code}`);
    return {
      code,
      name: (row.name ?? '').normalize('NFC'),
      shortName: row.short_name ? row.short_name.normalize('NFC') : null,
      kind,
      parentCode: PROVINCE_CODE,
    };
  });
}

/** Every demo org unit: the province, its bodies, then its communes and wards. */
export function demoOrgUnits(): DemoOrgUnit[] {
  return [PROVINCE, ...PROVINCIAL_BODIES, ...loadDemoCommunes()];
}
