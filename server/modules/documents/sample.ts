/**
 * `npx tsx server/modules/documents/sample.ts`: writes docs/samples/bao-cao-dinh-ky-mau.docx, its
 * PDF and its annexes (.xlsx) from demo-like content (Plan 328-KH/TU, invented figures, no person's
 * data), through the same builders the API uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TDocumentContent } from '../../../common/contracts/documents';
import { annexWorkbook } from './annexes';
import { reportDocx } from './docx';
import { reportPdf } from './pdf';

const task = (
  code: string,
  title: string,
  group: [string, string],
  lead: string,
  deadline: string,
  progress: number,
  status: TDocumentContent['data']['tasks'][number]['status'],
  outcome: TDocumentContent['data']['tasks'][number]['outcome'],
  results: string[],
) => ({
  code,
  title,
  groupCode: group[0],
  groupTitle: group[1],
  lead,
  deadline,
  progress,
  status,
  outcome,
  results,
  obstacles: [],
  proposals: [],
});

const INFRA: [string, string] = ['1', 'Phát triển hạ tầng số'];
const GOV: [string, string] = ['2', 'Chuyển đổi số trong cơ quan nhà nước'];

export const SAMPLE: TDocumentContent = {
  header: {
    style: 'state',
    parentBody: 'UBND TỈNH NGHỆ AN',
    issuingBody: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
    symbol: 'BC-SKHCN',
    place: 'Nghệ An',
    summary: 'Kết quả thực hiện Kế hoạch 328-KH/TU quý IV/2026',
    recipients: ['Như trên;', 'Thường trực Tỉnh ủy (để b/c);', 'UBND tỉnh (để b/c);', 'Lưu: VT, VP.'],
  },
  sections: [
    {
      kind: 'overall',
      heading: 'I. TÌNH HÌNH CHUNG',
      body:
        'Thực hiện Kế hoạch 328-KH/TU, quý IV/2026, 42/45 đơn vị có báo cáo được tiếp nhận, với 3 nhiệm vụ được báo cáo.\n' +
        'Kết quả: 1 nhiệm vụ đã hoàn thành, 1 nhiệm vụ đang thực hiện, 1 nhiệm vụ chậm tiến độ.',
    },
    { kind: 'results', heading: 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ', body: '' },
    {
      kind: 'group',
      heading: '1. 1 Phát triển hạ tầng số',
      body:
        'a) Nhiệm vụ đã hoàn thành (1):\n- 1.1 Phủ sóng 4G/5G đến 100% thôn, bản (chủ trì: Sở Khoa học và Công nghệ, hạn 31/12/2026): Đã phủ sóng 4G toàn bộ 2.104 thôn, bản.\n' +
        'b) Nhiệm vụ đang thực hiện (1):\n- 1.2 Xây dựng trung tâm dữ liệu tỉnh (chủ trì: Sở Khoa học và Công nghệ, tiến độ 60%, hạn 30/6/2027): Hoàn thành thiết kế kỹ thuật.',
    },
    {
      kind: 'group',
      heading: '2. 2 Chuyển đổi số trong cơ quan nhà nước',
      body: 'c) Nhiệm vụ chậm tiến độ (1):\n- 2.1 Số hóa hồ sơ thủ tục hành chính (chủ trì: Văn phòng UBND tỉnh, tiến độ 45%, hạn 30/9/2026).',
    },
    {
      kind: 'indicators',
      heading: 'III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
      body: 'Các báo cáo được tiếp nhận có số liệu của 2 chỉ tiêu; chi tiết tại bảng dưới đây.',
    },
    {
      kind: 'obstacles',
      heading: 'IV. KHÓ KHĂN, VƯỚNG MẮC',
      body: '- Kinh phí duy trì hạ tầng ở các xã miền núi còn hạn chế.',
    },
    {
      kind: 'proposals',
      heading: 'V. ĐỀ XUẤT, KIẾN NGHỊ',
      body: '- Đề nghị UBND tỉnh bố trí kinh phí số hóa hồ sơ năm 2027.',
    },
    {
      kind: 'next_tasks',
      heading: 'VI. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
      body: '- Tập trung khắc phục chậm trễ, hoàn thành nhiệm vụ 2.1 Số hóa hồ sơ thủ tục hành chính.',
    },
  ],
  data: {
    round: { id: 'mau', title: 'Báo cáo quý IV/2026', period: '2026Q4', periodLabel: 'Quý IV/2026' },
    plan: { number: '328-KH/TU', title: 'Kế hoạch thực hiện Nghị quyết 57-NQ/TW' },
    orgUnit: null,
    acceptedReports: 42,
    expectedReports: 45,
    tasks: [
      task(
        '1.1',
        'Phủ sóng 4G/5G đến 100% thôn, bản',
        INFRA,
        'Sở Khoa học và Công nghệ',
        '2026-12-31',
        100,
        'done',
        'done',
        ['Đã phủ sóng 4G toàn bộ 2.104 thôn, bản.'],
      ),
      task(
        '1.2',
        'Xây dựng trung tâm dữ liệu tỉnh',
        INFRA,
        'Sở Khoa học và Công nghệ',
        '2027-06-30',
        60,
        'in_progress',
        'in_progress',
        ['Hoàn thành thiết kế kỹ thuật.'],
      ),
      task(
        '2.1',
        'Số hóa hồ sơ thủ tục hành chính',
        GOV,
        'Văn phòng UBND tỉnh',
        '2026-09-30',
        45,
        'overdue',
        'late',
        ['=Đã số hóa 45% hồ sơ (một ô bắt đầu bằng "=" vẫn là chữ)'],
      ),
    ],
    indicators: [
      {
        code: 'CT.HT.01',
        name: 'Tỷ lệ thôn, bản có sóng 4G',
        unit: '%',
        periodValue: 100,
        yearTarget: 100,
        yearActual: 100,
        attainment: 'on_track',
      },
      {
        code: 'CT.CQ.02',
        name: 'Tỷ lệ hồ sơ thủ tục hành chính được số hóa',
        unit: '%',
        periodValue: 45.5,
        yearTarget: 80,
        yearActual: 45.5,
        attainment: 'off_track',
      },
    ],
    asOf: '2027-01-05',
  },
  issue: {
    number: '05',
    issuedOn: '2027-01-05',
    signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: '(Họ và tên người ký)' },
  },
};

const out = path.resolve('docs/samples');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'bao-cao-dinh-ky-mau.docx'), await reportDocx(SAMPLE));
fs.writeFileSync(path.join(out, 'bao-cao-dinh-ky-mau.pdf'), await reportPdf(SAMPLE));
fs.writeFileSync(path.join(out, 'bao-cao-dinh-ky-mau-phu-luc.xlsx'), await annexWorkbook(SAMPLE));
fs.writeFileSync(
  path.join(out, 'bao-cao-dinh-ky-mau-dang.docx'),
  await reportDocx({
    ...SAMPLE,
    header: {
      ...SAMPLE.header,
      style: 'party',
      parentBody: 'ĐẢNG BỘ TỈNH NGHỆ AN',
      issuingBody: 'BAN CHỈ ĐẠO',
      symbol: 'BC/BCĐ',
    },
    issue: {
      ...SAMPLE.issue!,
      signer: { authority: 'T/M BAN CHỈ ĐẠO', title: 'PHÓ TRƯỞNG BAN', name: '(Họ và tên người ký)' },
    },
  }),
);
console.log(`samples written to ${out}`);
