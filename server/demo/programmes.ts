/**
 * Demo programmes, support policies and budget lines for Plan 328-KH/TU. The programme themes follow
 * the plan's groups 2–5 (funds, the operations centre, mobile coverage, start-ups, SMEs going
 * digital); names, texts, periods and every amount are our own inventions for the demo, not
 * figures of the province. Contacts name offices only, without phone or e-mail: the portal must
 * never show a person's data, and invented numbers could belong to someone. Some records are
 * public, some internal, so the portal's filter has something to leave out.
 */
import type { FundingSource, PolicyStatus, ProgrammeStatus } from '../../common/contracts/programmes';
import type { Transaction } from '../db/client';
import { budgetLines, programmePlanItems, programmes, supportPolicies } from '../modules/programmes/tables';

const PLAN_BASIS = { number: '328-KH/TU', date: '2025-04-24', issuer: 'Ban Chấp hành Đảng bộ tỉnh Nghệ An' };
const BILLION = 1_000_000_000;

interface DemoProgramme {
  code: string;
  name: string;
  owner: string;
  items: string[];
  from: number;
  to: number;
  status: ProgrammeStatus;
  isPublic: boolean;
  description: string;
}

const PROGRAMMES: DemoProgramme[] = [
  {
    code: 'CT-CDS-2030',
    name: 'Chương trình chuyển đổi số tỉnh Nghệ An giai đoạn 2025–2030',
    owner: '40.SKHCN',
    items: ['3.1.5', '3.2.11'],
    from: 2025,
    to: 2030,
    status: 'ongoing',
    isPublic: true,
    description:
      'Đầu tư hạ tầng dữ liệu dùng chung của tỉnh và giúp doanh nghiệp nhỏ, hợp tác xã, hộ kinh doanh đưa giải pháp số vào sản xuất, kinh doanh.',
  },
  {
    code: 'DA-IOC',
    name: 'Đề án Trung tâm giám sát, điều hành thông minh của tỉnh',
    owner: '40.SKHCN',
    items: ['3.1.8'],
    from: 2025,
    to: 2027,
    status: 'ongoing',
    isPublic: true,
    description:
      'Đưa Trung tâm điều hành thông minh vào vận hành và nối tới Ủy ban nhân dân các xã, phường để theo dõi số liệu điều hành hằng ngày.',
  },
  {
    code: 'CT-DMST',
    name: 'Chương trình hỗ trợ khởi nghiệp đổi mới sáng tạo tỉnh Nghệ An đến năm 2030',
    owner: '40.SKHCN',
    items: ['2.6', '4.1', '4.3', '4.4'],
    from: 2026,
    to: 2030,
    status: 'planned',
    isPublic: true,
    description:
      'Hình thành Trung tâm Đổi mới sáng tạo của tỉnh, các quỹ hỗ trợ và mạng lưới cố vấn cho nhóm khởi nghiệp.',
  },
  {
    code: 'DA-PHSONG',
    name: 'Đề án phủ sóng di động các xã biên giới miền núi',
    owner: '40.SKHCN',
    items: ['3.1.3'],
    from: 2025,
    to: 2026,
    status: 'ongoing',
    isPublic: false,
    description: 'Đang hoàn thiện danh sách thôn, bản còn lõm sóng cùng các doanh nghiệp viễn thông.',
  },
  {
    code: 'CT-DTC-KHCN',
    name: 'Chương trình đầu tư công về KH,CN, ĐMST và chuyển đổi số giai đoạn 2026–2030',
    owner: '40.STC',
    items: ['2.8'],
    from: 2026,
    to: 2030,
    status: 'planned',
    isPublic: false,
    description: 'Dự thảo danh mục dự án, chưa trình Hội đồng nhân dân tỉnh.',
  },
];

interface DemoPolicy {
  name: string;
  programme: string | null;
  owner: string;
  eligibility: string;
  supportLevel: string;
  maxAmount: number | null;
  maxPercent: number | null;
  howToApply: string;
  applyAt: string;
  deadline: string | null;
  contactOffice: string;
  status: PolicyStatus;
  isPublic: boolean;
}

const ONE_STOP = 'Trung tâm Phục vụ hành chính công tỉnh Nghệ An';
const ONLINE = 'Nộp hồ sơ trực tuyến trên Cổng dịch vụ công của tỉnh, hoặc nộp trực tiếp, qua bưu điện.';

const POLICIES: DemoPolicy[] = [
  {
    name: 'Hỗ trợ doanh nghiệp nhỏ và vừa, hợp tác xã chuyển đổi số',
    programme: 'CT-CDS-2030',
    owner: '40.SKHCN',
    eligibility: 'Doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh đăng ký hoạt động trên địa bàn tỉnh.',
    supportLevel: 'Hỗ trợ một nửa chi phí thuê hoặc mua giải pháp số trong năm đầu sử dụng.',
    maxAmount: 100_000_000,
    maxPercent: 50,
    howToApply: ONLINE,
    applyAt: ONE_STOP,
    deadline: null,
    contactOffice: 'Phòng Quản lý công nghệ và Chuyển đổi số, Sở Khoa học và Công nghệ',
    status: 'active',
    isPublic: true,
  },
  {
    name: 'Hỗ trợ đăng ký bảo hộ quyền sở hữu trí tuệ',
    programme: 'CT-DMST',
    owner: '40.SKHCN',
    eligibility: 'Tổ chức, cá nhân có sáng chế, giải pháp hữu ích, kiểu dáng hoặc nhãn hiệu tạo ra tại tỉnh.',
    supportLevel: 'Hỗ trợ chi phí nộp đơn và dịch vụ đại diện sở hữu công nghiệp theo từng loại đối tượng.',
    maxAmount: 30_000_000,
    maxPercent: null,
    howToApply: ONLINE,
    applyAt: ONE_STOP,
    deadline: '2026-12-15',
    contactOffice: 'Phòng Sở hữu trí tuệ và Tiêu chuẩn đo lường chất lượng, Sở Khoa học và Công nghệ',
    status: 'active',
    isPublic: true,
  },
  {
    name: 'Hỗ trợ ươm tạo dự án khởi nghiệp đổi mới sáng tạo',
    programme: 'CT-DMST',
    owner: '40.SKHCN',
    eligibility: 'Nhóm khởi nghiệp và doanh nghiệp khởi nghiệp đổi mới sáng tạo thành lập chưa quá 5 năm.',
    supportLevel:
      'Chỗ làm việc miễn phí 12 tháng tại Trung tâm Đổi mới sáng tạo; hỗ trợ phần lớn chi phí tư vấn, đào tạo.',
    maxAmount: 200_000_000,
    maxPercent: 70,
    howToApply: 'Đăng ký theo đợt tuyển chọn do Sở Khoa học và Công nghệ thông báo.',
    applyAt: 'Sở Khoa học và Công nghệ tỉnh Nghệ An',
    deadline: null,
    contactOffice: 'Trung tâm Đổi mới sáng tạo tỉnh Nghệ An',
    status: 'upcoming',
    isPublic: true,
  },
  {
    name: 'Hỗ trợ chuyên gia, nhà khoa học về làm việc tại tỉnh',
    programme: null,
    owner: '40.SNV',
    eligibility: 'Chuyên gia, nhà khoa học có học vị tiến sĩ trở lên, kể cả người Nghệ An đang ở nước ngoài.',
    supportLevel: 'Hỗ trợ một lần khi nhận công tác và hỗ trợ nhà ở trong thời gian làm việc tại tỉnh.',
    maxAmount: null,
    maxPercent: null,
    howToApply: 'Đang xây dựng dự thảo nghị quyết.',
    applyAt: 'Sở Nội vụ tỉnh Nghệ An',
    deadline: null,
    contactOffice: 'Phòng Công chức, viên chức, Sở Nội vụ',
    status: 'upcoming',
    isPublic: false,
  },
];

/** [programme code | null, task code | null, year, source, allocated, disbursed (in billions), public] */
type DemoLine = [string | null, string | null, number, FundingSource, number, number, boolean];

const LINES: DemoLine[] = [
  ['CT-CDS-2030', null, 2025, 'provincial', 45, 38.2, true],
  ['CT-CDS-2030', null, 2025, 'central', 20, 20, true],
  ['CT-CDS-2030', null, 2026, 'provincial', 60, 21.5, true],
  ['CT-CDS-2030', null, 2026, 'oda', 30, 5, true],
  ['CT-CDS-2030', '3.2.11', 2026, 'private', 8, 3, true],
  ['DA-IOC', null, 2025, 'provincial', 35, 31, true],
  // more disbursed than allocated: 2025's remaining money carried over into 2026
  ['DA-IOC', null, 2026, 'provincial', 15, 16.2, true],
  ['CT-DMST', null, 2026, 'provincial', 12, 0, true],
  ['CT-DMST', '4.1', 2026, 'ppp', 25, 0, true],
  ['DA-PHSONG', null, 2025, 'private', 18, 18, true],
  ['DA-PHSONG', null, 2026, 'provincial', 6, 2.4, false],
  [null, '5.5', 2026, 'provincial', 9, 4, true],
];

/** Loads the demo catalogue in the caller's transaction, after the org units and Plan 328's items. */
export async function seedProgrammes(
  tx: Transaction,
  refs: { orgUnitIdByCode: Map<string, string>; planItemIdByCode: Map<string, string> },
): Promise<void> {
  const unit = (code: string) => {
    const id = refs.orgUnitIdByCode.get(code);
    if (!id) throw new Error(`Demo programmes: no org unit ${code}`);
    return id;
  };
  const item = (code: string) => {
    const id = refs.planItemIdByCode.get(code);
    if (!id) throw new Error(`Demo programmes: no plan item ${code}`);
    return id;
  };
  const programmeIds = new Map<string, string>();
  for (const p of PROGRAMMES) {
    const [row] = await tx
      .insert(programmes)
      .values({
        code: p.code,
        name: p.name,
        legalBasisNumber: PLAN_BASIS.number,
        legalBasisDate: PLAN_BASIS.date,
        legalBasisIssuer: PLAN_BASIS.issuer,
        ownerOrgUnitId: unit(p.owner),
        fromYear: p.from,
        toYear: p.to,
        description: p.description,
        status: p.status,
        isPublic: p.isPublic,
      })
      .returning({ id: programmes.id });
    programmeIds.set(p.code, row!.id);
    await tx
      .insert(programmePlanItems)
      .values(p.items.map((code) => ({ programmeId: row!.id, planItemId: item(code) })));
  }
  await tx.insert(supportPolicies).values(
    POLICIES.map((p) => ({
      name: p.name,
      legalBasisNumber: PLAN_BASIS.number,
      legalBasisDate: PLAN_BASIS.date,
      legalBasisIssuer: PLAN_BASIS.issuer,
      eligibility: p.eligibility,
      supportLevel: p.supportLevel,
      maxAmount: p.maxAmount,
      maxPercent: p.maxPercent,
      howToApply: p.howToApply,
      applyAt: p.applyAt,
      deadline: p.deadline,
      contactOffice: p.contactOffice,
      status: p.status,
      programmeId: p.programme ? programmeIds.get(p.programme)! : null,
      ownerOrgUnitId: unit(p.owner),
      isPublic: p.isPublic,
    })),
  );
  await tx.insert(budgetLines).values(
    LINES.map(([programme, task, year, source, allocated, disbursed, isPublic]) => ({
      programmeId: programme ? programmeIds.get(programme)! : null,
      planItemId: task ? item(task) : null,
      year,
      source,
      allocated: Math.round(allocated * BILLION),
      disbursed: Math.round(disbursed * BILLION),
      isPublic,
    })),
  );
}
