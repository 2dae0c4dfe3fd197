/**
 * A year of reporting rounds for the demo plan, so the leaders' pages have something to show: the
 * quarters of the year that are over, closed, and the quarter still being collected, open with
 * part of its reports in. Deterministic: every draw comes from a generator keyed by period and
 * unit (or task), so the same plan, units and "today" always give the same rows.
 *
 * Rounds are opened and closed by the real services (rounds/service.ts). The steps of the reports
 * (saves, submissions, approvals, returns, acceptances, evidence) are played in memory and written
 * set-based, one statement per table and round: through reports/service.ts, step by step, a round
 * of ~160 reports takes ~9 s on PGlite. The set-based steps write the rows the services write
 * (reports, items, snapshots with the content reportContent() reads, comments, value states and their revisions,
 * task progress and its history, return notices, audit events), only with the times of the story
 * instead of now(); round-history.test.ts replays reports through the services and compares.
 * Audit events keep the time they were written (the audit log stamps it itself): the seed's.
 */
import { crc32, deflateSync } from 'node:zlib';
import { Param, sql } from 'drizzle-orm';
import type { ReportAction, ReportStatus } from '../../common/enums';
import { cutoffWindow, nextPeriod, periodInSentence } from '../../common/periods';
import type { Role } from '../../common/roles';
import { addDays, addWorkingDays, isWorkingDay } from '../../common/working-days';
import type { Transaction } from '../db/client';
import { rowsOf } from '../db/sql';
import { attachEvidence } from '../modules/evidence/service';
import { type EvidenceStore, sha256Of } from '../modules/evidence/store';
import { loadAssignments } from '../modules/identity/sessions';
import { noticeReportSentBack } from '../modules/reports/notices';
import { saveReport, transitionReport } from '../modules/reports/service';
import { stepOf } from '../modules/reports/workflow';
import { closeRound, DEFAULT_DUE_WORKING_DAYS, loadHolidays, openRound } from '../modules/rounds/service';
import type { Actor } from '../policy';
import { withMoreSaid } from './synthesis-texts';
import { DEMO_USERS } from './users';

// ── Random numbers ────────────────────────────────────────────────────────────────────────────

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** mulberry32 seeded from a key. */
class Random {
  private state: number;
  constructor(key: string) {
    this.state = hash32(`round-history|${key}`);
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ── What units write ──────────────────────────────────────────────────────────────────────────

/** Obstacles and proposals by theme, several wordings each, so that units say the same in different words. */
const THEMES = {
  funding: {
    obstacles: [
      'Kinh phí được giao trong năm chưa đủ để triển khai hết các hạng mục.',
      'Nguồn vốn đầu tư công cho dự án chưa được bố trí, còn chờ điều chỉnh kế hoạch vốn.',
      'Dự toán chi cho nhiệm vụ chưa được phê duyệt nên chưa ký được hợp đồng.',
      'Chưa có kinh phí duy trì, thuê dịch vụ sau khi kết thúc giai đoạn thí điểm.',
      'Ngân sách xã hạn hẹp, không cân đối được phần vốn đối ứng.',
    ],
    proposals: [
      'Đề nghị Sở Tài chính bổ sung dự toán để hoàn thành nhiệm vụ trong năm.',
      'Đề nghị tỉnh ưu tiên bố trí vốn đầu tư công trung hạn cho hạ tầng số cấp xã.',
      'Kiến nghị cho sử dụng kinh phí sự nghiệp khoa học để thuê dịch vụ công nghệ thông tin.',
      'Đề nghị cấp bổ sung kinh phí cho các xã miền núi có nguồn thu thấp.',
    ],
  },
  staff: {
    obstacles: [
      'Đơn vị chưa có cán bộ chuyên trách chuyển đổi số, người phụ trách phải kiêm nhiệm nhiều việc.',
      'Thiếu nhân lực có chuyên môn công nghệ thông tin để vận hành, quản trị hệ thống.',
      'Cán bộ phụ trách vừa chuyển công tác, người mới chưa nắm hết nhiệm vụ.',
      'Biên chế hạn chế nên chưa bố trí được người theo dõi riêng nhiệm vụ này.',
    ],
    proposals: [
      'Đề nghị Sở Nội vụ hướng dẫn bố trí vị trí việc làm chuyên trách chuyển đổi số.',
      'Đề nghị có chế độ hỗ trợ cho cán bộ kiêm nhiệm công nghệ thông tin ở cấp xã.',
      'Kiến nghị tăng cường cán bộ kỹ thuật của tỉnh hỗ trợ các xã trong giai đoạn đầu.',
    ],
  },
  infrastructure: {
    obstacles: [
      'Đường truyền mạng tại trụ sở chưa ổn định, thường xuyên bị gián đoạn.',
      'Máy tính, thiết bị ở bộ phận một cửa đã cũ, cấu hình thấp, hay hỏng.',
      'Một số thôn, bản vùng cao chưa có sóng 4G nên người dân chưa dùng được dịch vụ trực tuyến.',
      'Thiếu máy quét và thiết bị ký số để số hóa hồ sơ.',
      'Phòng máy chủ chưa đáp ứng yêu cầu về điện dự phòng và làm mát.',
    ],
    proposals: [
      'Đề nghị các doanh nghiệp viễn thông mở rộng vùng phủ sóng tới các bản còn lõm sóng.',
      'Đề nghị tỉnh hỗ trợ trang bị máy tính, máy quét cho bộ phận một cửa cấp xã.',
      'Đề nghị nâng cấp đường truyền số liệu chuyên dùng đến trụ sở xã.',
    ],
  },
  procedures: {
    obstacles: [
      'Chưa có hướng dẫn cụ thể về quy trình và biểu mẫu thực hiện nhiệm vụ.',
      'Thủ tục lựa chọn nhà thầu kéo dài, qua nhiều bước thẩm định.',
      'Văn bản hướng dẫn của bộ, ngành Trung ương ban hành chậm, địa phương còn lúng túng.',
      'Quy định về thuê dịch vụ công nghệ thông tin chưa rõ, khó áp dụng.',
    ],
    proposals: [
      'Đề nghị Sở Khoa học và Công nghệ ban hành hướng dẫn thống nhất trong toàn tỉnh.',
      'Kiến nghị rút gọn thủ tục thẩm định đối với dự án công nghệ thông tin quy mô nhỏ.',
      'Đề nghị tổ chức hội nghị hướng dẫn nghiệp vụ cho các đơn vị trước khi triển khai.',
    ],
  },
  data: {
    obstacles: [
      'Dữ liệu dân cư, đất đai chưa được làm sạch, còn sai lệch giữa các hệ thống.',
      'Phần mềm chuyên ngành chưa kết nối, liên thông với hệ thống dùng chung của tỉnh.',
      'Chưa chia sẻ được dữ liệu giữa các sở, ngành; cán bộ phải nhập lại nhiều lần.',
      'Cơ sở dữ liệu chuyên ngành chưa đầy đủ, thiếu cập nhật.',
    ],
    proposals: [
      'Đề nghị sớm hoàn thiện nền tảng tích hợp, chia sẻ dữ liệu của tỉnh.',
      'Đề nghị ban hành quy chế chia sẻ và danh mục dữ liệu dùng chung.',
      'Kiến nghị bộ, ngành mở kết nối phần mềm chuyên ngành với hệ thống của tỉnh.',
    ],
  },
  training: {
    obstacles: [
      'Kỹ năng số của một bộ phận cán bộ, công chức còn hạn chế.',
      'Người dân, nhất là người cao tuổi, chưa quen dùng dịch vụ công trực tuyến.',
      'Chưa tổ chức được lớp bồi dưỡng chuyên sâu về an toàn thông tin cho cán bộ.',
      'Tổ công nghệ số cộng đồng hoạt động chưa đều vì thành viên chưa được tập huấn.',
    ],
    proposals: [
      'Đề nghị mở thêm lớp đào tạo kỹ năng số cho cán bộ, công chức cấp xã.',
      'Đề nghị hỗ trợ tài liệu, video hướng dẫn sử dụng dịch vụ công trực tuyến cho người dân.',
      'Đề nghị tỉnh tổ chức tập huấn cho tổ công nghệ số cộng đồng theo từng cụm xã.',
    ],
  },
} as const;
type Theme = keyof typeof THEMES;
const THEME_NAMES = Object.keys(THEMES) as Theme[];
/** Mountain communes speak more of coverage and money; departments more of procedures and data. */
const THEME_WEIGHTS: Record<'commune' | 'body', Record<Theme, number>> = {
  commune: { funding: 3, staff: 3, infrastructure: 4, procedures: 1, data: 1, training: 3 },
  body: { funding: 3, staff: 2, infrastructure: 1, procedures: 3, data: 4, training: 1 },
};

const RESULTS = [
  (r: Random) => `Đã khảo sát hiện trạng tại ${r.int(4, 30)} đơn vị, tổng hợp báo cáo đánh giá.`,
  (r: Random) => `Đã tổ chức ${r.int(2, 9)} lớp tập huấn với ${r.int(60, 420)} lượt người tham gia.`,
  () => 'Đã xây dựng dự thảo kế hoạch, đang lấy ý kiến các sở, ngành và địa phương.',
  (r: Random) => `Đã số hóa ${r.int(300, 5000).toLocaleString('vi-VN')} hồ sơ, giấy tờ lưu trữ.`,
  () => 'Đã ký hợp đồng triển khai; nhà thầu đang lắp đặt thiết bị và cài đặt phần mềm.',
  () => 'Đã ban hành văn bản hướng dẫn và triển khai đến các đơn vị trực thuộc.',
  () => 'Đang hoàn thiện hồ sơ trình phê duyệt chủ trương đầu tư.',
  (r: Random) => `Đã vận hành thử nghiệm, tiếp nhận và xử lý ${r.int(40, 600)} phản ánh của người dân.`,
  (r: Random) => `Tỷ lệ hồ sơ trực tuyến toàn trình đạt ${r.int(35, 92)}% trong kỳ.`,
  () => 'Đã hoàn thành lựa chọn đơn vị tư vấn, đang lập đề cương chi tiết.',
  (r: Random) => `Đã kết nối ${r.int(2, 8)} phần mềm chuyên ngành với nền tảng dùng chung của tỉnh.`,
  () => 'Đã tổ chức hội nghị quán triệt, giao nhiệm vụ cụ thể cho từng bộ phận.',
];
const RESULTS_CORRECTED = [
  (r: Random) => ` Cụ thể: hoàn thành tại ${r.int(3, 12)} thôn, tổ dân phố.`,
  (r: Random) => ` Khối lượng đạt ${r.int(40, 85)}% so với kế hoạch năm.`,
  () => ' Kèm theo biên bản kiểm tra của đơn vị.',
];
const NO_PROGRESS_RESULTS = 'Chưa triển khai trong kỳ; đang chuẩn bị các điều kiện cần thiết.';

const RETURNS = [
  {
    reason: 'Kết quả còn chung chung, đề nghị nêu rõ số liệu cụ thể đã đạt được.',
    field: 'results',
    comment: 'Nêu rõ số lượng, địa bàn đã triển khai trong kỳ.',
  },
  {
    reason: 'Tiến độ kê khai chưa khớp với sản phẩm đã hoàn thành, đề nghị rà soát lại.',
    field: 'progress',
    comment: 'Tiến độ cao hơn khối lượng thực tế nêu ở phần kết quả.',
  },
  {
    reason: 'Phần khó khăn, vướng mắc chưa nêu nguyên nhân và đề xuất cụ thể.',
    field: 'obstacles',
    comment: 'Nêu rõ nguyên nhân và cơ quan đề nghị hỗ trợ.',
  },
] as const;

// ── The story of a round ──────────────────────────────────────────────────────────────────────

/** How a report ends in a closed round, or where it stands in the open one. */
export type Outcome =
  | 'on_time'
  | 'late'
  | 'returned'
  | 'missing'
  | 'waiting_head'
  | 'waiting_secretariat'
  | 'returned_open'
  | 'draft'
  | 'untouched';

const CLOSED_OUTCOMES: readonly [Outcome, number][] = [
  ['on_time', 0.66],
  ['late', 0.14],
  ['returned', 0.07],
  ['missing', 0.06],
  ['waiting_head', 0.04],
  ['waiting_secretariat', 0.03],
];
const OPEN_OUTCOMES: readonly [Outcome, number][] = [
  ['on_time', 0.22],
  ['waiting_secretariat', 0.12],
  ['waiting_head', 0.14],
  ['returned_open', 0.04],
  ['draft', 0.23],
  ['untouched', 0.25],
];
/** The demo accounts' units get a fixed story (oldest round first; the open round last). */
const FIXED_OUTCOMES: Readonly<Record<string, readonly Outcome[]>> = {
  '16690': ['on_time', 'returned', 'late', 'draft'],
  '16681': ['late', 'on_time', 'on_time', 'untouched'],
  '40.SKHCN': ['on_time', 'on_time', 'returned', 'waiting_secretariat'],
  '40.STC': ['on_time', 'late', 'on_time', 'waiting_head'],
};
const ACCEPTED: ReadonlySet<Outcome> = new Set(['on_time', 'late', 'returned']);

export function outcomeOf(
  period: string,
  unitCode: string,
  open: boolean,
  roundIndex: number,
  rounds: number,
) {
  const fixed = FIXED_OUTCOMES[unitCode];
  if (fixed) {
    const i = fixed.length - (rounds - roundIndex);
    if (i >= 0) return fixed[i]!;
  }
  const draw = new Random(`outcome|${period}|${unitCode}`).next();
  let sum = 0;
  for (const [outcome, p] of open ? OPEN_OUTCOMES : CLOSED_OUTCOMES) {
    sum += p;
    if (draw < sum) return outcome;
  }
  return open ? 'untouched' : 'on_time';
}

export interface DemoRound {
  period: string;
  /** still collecting on `today` */
  open: boolean;
}

/**
 * The quarters of the story: the first quarter whose due date is not past (open, if its cut-off
 * is near enough to be collecting) and the three before it (closed).
 */
export function demoRoundPeriods(today: string, holidays: ReadonlySet<string>): DemoRound[] {
  let period = `${Number(today.slice(0, 4)) - 1}Q1`;
  const due = (p: string) => addWorkingDays(cutoffWindow(p).end, DEFAULT_DUE_WORKING_DAYS, holidays);
  while (due(period) < today) period = nextPeriod(period);
  const collecting = addDays(cutoffWindow(period).end, -30) <= today;
  const periods: DemoRound[] = collecting ? [{ period, open: true }] : [];
  let previous = period;
  while (periods.length < (collecting ? 4 : 3)) {
    previous = previousQuarter(previous);
    periods.unshift({ period: previous, open: false });
  }
  return periods;
}

function previousQuarter(period: string): string {
  const year = Number(period.slice(0, 4));
  const q = Number(period.slice(5));
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

// ── Times ─────────────────────────────────────────────────────────────────────────────────────

/** A moment of the story: a day and minutes after midnight, in Vietnam. */
interface Moment {
  day: string;
  minute: number;
}
const iso = (m: Moment) =>
  `${m.day}T${String(Math.floor(m.minute / 60)).padStart(2, '0')}:${String(m.minute % 60).padStart(2, '0')}:00+07:00`;

function workingDayOnOrAfter(day: string, holidays: ReadonlySet<string>): string {
  let d = day;
  while (!isWorkingDay(d, holidays)) d = addDays(d, 1);
  return d;
}
function workingDayOnOrBefore(day: string, holidays: ReadonlySet<string>): string {
  let d = day;
  while (!isWorkingDay(d, holidays)) d = addDays(d, -1);
  return d;
}
const OFFICE_START = 7 * 60 + 30;
const OFFICE_END = 17 * 60;

/** A working-hours moment `days` after `from` (the same day: later that day, if there is time). */
function later(from: Moment, days: number, random: Random, holidays: ReadonlySet<string>): Moment {
  if (days === 0 && from.minute + 120 < OFFICE_END) {
    return { day: from.day, minute: from.minute + random.int(10, 110) };
  }
  const day = workingDayOnOrAfter(addDays(from.day, Math.max(days, 1)), holidays);
  return { day, minute: random.int(OFFICE_START, OFFICE_END - 150) };
}

// ── Steps ─────────────────────────────────────────────────────────────────────────────────────

type ActorKind = 'officer' | 'head' | 'secretariat';

interface ItemEntry {
  planItemId: string;
  progress: number | null;
  results: string | null;
  obstacles: string | null;
  proposals: string | null;
}
interface General {
  summary: string | null;
  obstacles: string | null;
  proposals: string | null;
}
interface DemoFile {
  fileName: string;
  content: Buffer;
  contentType: string;
  planItemId: string | null;
}
export type Step =
  | { kind: 'save'; at: Moment; general: General; items: ItemEntry[] }
  | { kind: 'evidence'; at: Moment; file: DemoFile }
  | {
      kind: 'transition';
      at: Moment;
      action: ReportAction;
      by: ActorKind;
      reason?: string;
      comments?: { field: string; body: string }[];
    };

interface ReportRow {
  id: string;
  org_unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  due_date: string;
}
interface ReportItemRow {
  report_id: string;
  plan_item_id: string;
  item_code: string;
  role: 'lead' | 'cooperator';
}

/** Declared progress of a task in each round: rising to its current progress by its last accepted report. */
interface Trajectory {
  /** progress before the first round */
  start: number;
  /** declared in round i */
  declared: number[];
}

function trajectoryOf(code: string, final: number, accepted: readonly boolean[]): Trajectory {
  const random = new Random(`task|${code}`);
  const last = accepted.lastIndexOf(true);
  const rounds = accepted.length;
  if (last < 0 || final === 0) {
    return { start: final, declared: Array.from({ length: rounds }, () => final) };
  }
  // lagging tasks stand still for a round or two
  const lagging = random.chance(0.3);
  const start = Math.max(0, Math.round((final * random.int(15, 45)) / 100 / 5) * 5);
  const declared: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i <= last) {
      let share = (i + 1) / (last + 1);
      if (lagging && i < last) share = Math.min(share, 1 / (last + 1));
      declared.push(
        i === last ? final : Math.min(final, start + Math.round(((final - start) * share) / 5) * 5),
      );
    } else {
      declared.push(Math.min(99, final + 5 * (i - last)));
    }
  }
  for (let i = 1; i < rounds; i++) declared[i] = Math.max(declared[i]!, declared[i - 1]!);
  return { start, declared };
}

function pickTheme(random: Random, unitKind: string): Theme {
  const weights = THEME_WEIGHTS[unitKind === 'commune' || unitKind === 'ward' ? 'commune' : 'body'];
  const total = THEME_NAMES.reduce((s, t) => s + weights[t], 0);
  let draw = random.next() * total;
  for (const t of THEME_NAMES) {
    draw -= weights[t];
    if (draw < 0) return t;
  }
  return 'funding';
}

interface ReportStory {
  report: ReportRow;
  /** lead tasks first */
  items: ReportItemRow[];
  outcome: Outcome;
  steps: Step[];
}

/** The steps of one report, from its outcome, in time order. */
function storyOf(options: {
  report: ReportRow;
  items: readonly ReportItemRow[];
  period: string;
  outcome: Outcome;
  open: boolean;
  openedOn: string;
  /** the last day anything of this round may happen */
  lastDay: string;
  progressOf: (planItemId: string, role: 'lead' | 'cooperator') => number;
  holidays: ReadonlySet<string>;
  resubmitSkipsHead: boolean;
}): Step[] {
  const { report, items, period, outcome, holidays } = options;
  const random = new Random(`story|${period}|${report.unit_code}`);
  if (outcome === 'untouched') return [];
  const theme = pickTheme(random, report.unit_kind);
  const otherTheme = pickTheme(random, report.unit_kind);
  const entries: ItemEntry[] = items.map((item, i) => {
    const progress = options.progressOf(item.plan_item_id, item.role);
    const speaks = i === 0 || random.chance(0.35);
    const itemTheme = random.chance(0.6) ? theme : otherTheme;
    return {
      planItemId: item.plan_item_id,
      progress,
      results: progress === 0 ? NO_PROGRESS_RESULTS : random.pick(RESULTS)(random),
      obstacles: speaks ? random.pick(THEMES[itemTheme].obstacles) : null,
      proposals: speaks && random.chance(0.7) ? random.pick(THEMES[itemTheme].proposals) : null,
    };
  });
  const lagging = entries.filter((e) => e.progress !== null && e.progress < 50).length;
  const general: General = {
    summary:
      items.length > 0
        ? `Trong ${periodInSentence(period)}, đơn vị triển khai ${items.length} nhiệm vụ được giao; ${items.length - lagging} nhiệm vụ đạt tiến độ trên 50%, ${lagging} nhiệm vụ còn chậm.`
        : `Đơn vị cập nhật đầy đủ số liệu các chỉ tiêu ${periodInSentence(period)}.`,
    // several sentences each (synthesis-texts.ts, drawn apart from `random`): what a synthesis reads
    obstacles: withMoreSaid(
      `${period}|${report.unit_code}`,
      theme,
      'obstacles',
      random.pick(THEMES[theme].obstacles),
    ),
    proposals: withMoreSaid(
      `${period}|${report.unit_code}`,
      theme,
      'proposals',
      random.pick(THEMES[theme].proposals),
    ),
  };

  // when the unit starts writing and sends
  const due = report.due_date;
  const lateDays = random.int(2, 14);
  const sendDay =
    outcome === 'late'
      ? workingDayOnOrAfter(addDays(due, lateDays), holidays)
      : workingDayOnOrBefore(addDays(due, -random.int(0, 6)), holidays);
  let sendOn = sendDay;
  if (options.open) {
    // the open round: everything already happened, spread between its opening and yesterday
    const span = Math.max(1, daysBetweenIso(options.openedOn, options.lastDay));
    const share = {
      on_time: 0.3,
      waiting_secretariat: 0.45,
      waiting_head: 0.6,
      returned_open: 0.2,
      draft: 0.8,
    };
    sendOn = addDays(options.openedOn, Math.floor(span * (share[outcome as keyof typeof share] ?? 0.5)));
    sendOn = clampDay(workingDayOnOrBefore(sendOn, holidays), options.openedOn, options.lastDay);
  }
  const steps: Step[] = [];
  let now: Moment = {
    day: clampDay(
      workingDayOnOrBefore(addDays(sendOn, -random.int(1, 4)), holidays),
      options.openedOn,
      options.lastDay,
    ),
    minute: random.int(OFFICE_START, OFFICE_END - 200),
  };
  if (outcome === 'draft' || outcome === 'missing') {
    // started, never sent: some tasks filled in
    const some = entries.slice(0, Math.max(1, Math.ceil(entries.length / 2)));
    if (outcome === 'missing' && random.chance(0.5)) return [];
    steps.push({ kind: 'save', at: now, general: { ...general, proposals: null }, items: some });
    return steps;
  }
  steps.push({ kind: 'save', at: now, general, items: entries });
  if (random.chance(items.length ? 0.3 : 0.1)) {
    now = later(now, 0, random, holidays);
    const lead = items.find((i) => i.role === 'lead');
    steps.push({
      kind: 'evidence',
      at: now,
      file: demoFile(random, report, period, lead?.plan_item_id ?? null),
    });
  }
  const step = (action: ReportAction, by: ActorKind, days: number, extra: Partial<Step> = {}) => {
    const next = later(now, days, random, holidays);
    now =
      next.day <= options.lastDay
        ? next
        : { day: options.lastDay, minute: now.day === options.lastDay ? now.minute + 5 : OFFICE_END - 60 };
    steps.push({ kind: 'transition', at: now, action, by, ...extra } as Step);
  };
  now = {
    day: clampDay(sendOn, now.day, options.lastDay),
    minute: random.int(OFFICE_START, OFFICE_END - 200),
  };
  steps.push({ kind: 'transition', at: now, action: 'submit', by: 'officer' });
  if (outcome === 'waiting_head') return steps;
  const returnAtHead = (outcome === 'returned' || outcome === 'returned_open') && random.chance(0.35);
  const back = random.pick(RETURNS);
  const firstItem = entries[0];
  const sendBack = (by: ActorKind) =>
    step('return', by, random.int(1, 3), {
      reason: back.reason,
      comments: firstItem
        ? [{ field: `items.${firstItem.planItemId}.${back.field}`, body: back.comment }]
        : [{ field: 'general.summary', body: back.comment }],
    });
  if (returnAtHead) sendBack('head');
  else step('approve', 'head', random.int(0, 2));
  if (outcome === 'waiting_secretariat') return steps;
  if (!returnAtHead && (outcome === 'returned' || outcome === 'returned_open')) sendBack('secretariat');
  if (outcome === 'returned_open') return steps;
  if (outcome === 'returned') {
    now = later(now, random.int(1, 3), random, holidays);
    const corrected = entries.map((e, i) =>
      i === 0 ? { ...e, results: `${e.results ?? ''}${random.pick(RESULTS_CORRECTED)(random)}`.trim() } : e,
    );
    steps.push({ kind: 'save', at: now, general: {}, items: corrected.slice(0, 1) } as Step);
    step('submit', 'officer', 0);
    // a corrected report goes to the head again, unless the plan lets a secretariat return skip it
    if (returnAtHead || !options.resubmitSkipsHead) step('approve', 'head', random.int(0, 1));
  }
  step('accept', 'secretariat', random.int(1, 5));
  return steps;
}

const daysBetweenIso = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const clampDay = (day: string, min: string, max: string) => (day < min ? min : day > max ? max : day);

// ── Evidence files ────────────────────────────────────────────────────────────────────────────

/** A one-page PDF (ASCII text: the base fonts have no Vietnamese letters), offsets computed. */
export function demoPdf(lines: readonly string[]): Buffer {
  const text = lines
    .map((l, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 24} Td (${l.replace(/[()\\]/g, '')}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A small PNG bar chart (truecolour, one IDAT), as a photo or screenshot stand-in. */
export function demoPng(bars: readonly number[], colour: readonly [number, number, number]): Buffer {
  const width = 160;
  const height = 100;
  const raw = Buffer.alloc((width * 3 + 1) * height, 255);
  const barWidth = Math.floor(width / Math.max(1, bars.length));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const bar = bars[Math.floor(x / barWidth)] ?? 0;
      const inside = x % barWidth > 2 && height - y <= Math.round((bar / 100) * (height - 10));
      if (!inside) continue;
      const at = y * (width * 3 + 1) + 1 + x * 3;
      raw[at] = colour[0];
      raw[at + 1] = colour[1];
      raw[at + 2] = colour[2];
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF_TITLES = ['Biên bản kiểm tra', 'Báo cáo kết quả', 'Kế hoạch triển khai', 'Quyết định phê duyệt'];
const PNG_TITLES = ['Ảnh lớp tập huấn', 'Ảnh hiện trường', 'Ảnh chụp màn hình hệ thống'];

function demoFile(random: Random, report: ReportRow, period: string, planItemId: string | null): DemoFile {
  const label = period.replace('Q', '-Q');
  if (random.chance(0.6)) {
    const title = random.pick(PDF_TITLES);
    return {
      fileName: `${title} ${label}.pdf`,
      content: demoPdf([
        `Lo Trinh - minh chung ${period}`,
        `Don vi: ${report.unit_code}`,
        `So: ${random.int(10, 480)}/BC`,
        'Tai lieu mau cua du lieu trinh dien.',
      ]),
      contentType: 'application/pdf',
      planItemId,
    };
  }
  const bars = Array.from({ length: 6 }, () => random.int(10, 100));
  return {
    fileName: `${random.pick(PNG_TITLES)} ${label}.png`,
    content: demoPng(bars, [random.int(0, 80), random.int(80, 160), random.int(120, 220)]),
    contentType: 'image/png',
    planItemId,
  };
}

// ── Accounts ──────────────────────────────────────────────────────────────────────────────────

interface ActorRow {
  userId: string;
  name: string;
  role: Role;
}

/**
 * The people who send and approve: the demo accounts where a unit has them, otherwise an officer
 * and a head per unit created here, disabled (they exist so the history names someone; nobody
 * signs in as them). Same password hash as the demo accounts, never usable while disabled.
 */
async function ensureUnitAccounts(
  tx: Transaction,
  units: readonly ReportRow[],
  known: Map<string, { officer: ActorRow; head: ActorRow }>,
): Promise<number> {
  const missing = units.filter((u) => !known.has(u.unit_code));
  if (missing.length === 0) return 0;
  const roles = ['officer', 'head'] as const;
  const rows = missing.flatMap((u) =>
    roles.map((role) => ({
      unit: u,
      role,
      username: `${u.unit_code.toLowerCase()}.${role === 'officer' ? 'canbo' : 'lanhdao'}`,
      displayName: `${role === 'officer' ? 'Cán bộ đầu mối' : 'Lãnh đạo'} ${u.unit_name}`,
    })),
  );
  const col = <T>(pick: (r: (typeof rows)[number]) => T) => new Param(rows.map(pick));
  const inserted = rowsOf<{ id: string; username: string }>(
    await tx.execute(sql`
      insert into users (username, display_name, password_hash, disabled)
      select k.username, k.display_name, coalesce((select password_hash from users where username = 'secretariat'), '!'), true
      from unnest(${col((r) => r.username)}::text[], ${col((r) => r.displayName)}::text[]) as k(username, display_name)
      returning id, username`),
  );
  const idOf = new Map(inserted.map((r) => [r.username, r.id]));
  await tx.execute(sql`
    insert into role_assignments (user_id, role, org_unit_id)
    select * from unnest(${col((r) => idOf.get(r.username)!)}::uuid[], ${col((r) => r.role)}::text[],
      ${col((r) => r.unit.org_unit_id)}::uuid[])`);
  for (const u of missing) {
    const of = (role: 'officer' | 'head') => rows.find((r) => r.unit === u && r.role === role)!;
    known.set(u.unit_code, {
      officer: {
        userId: idOf.get(of('officer').username)!,
        name: of('officer').displayName,
        role: 'officer',
      },
      head: { userId: idOf.get(of('head').username)!, name: of('head').displayName, role: 'head' },
    });
  }
  return rows.length;
}

/** Units with demo accounts (the only enabled accounts of a unit). */
const DEMO_UNIT_CODES: ReadonlySet<string> = new Set(
  DEMO_USERS.filter((u) => u.role === 'officer' || u.role === 'head').map((u) => u.orgCode),
);

async function demoAccounts(tx: Transaction) {
  const rows = rowsOf<{ id: string; username: string; display_name: string }>(
    await tx.execute(sql`select id, username, display_name from users
      where username = any(${new Param(DEMO_USERS.map((u) => u.username))}::text[])`),
  );
  const byName = new Map(rows.map((r) => [r.username, r]));
  const actor = (username: string, role: Role): ActorRow | null => {
    const row = byName.get(username);
    return row ? { userId: row.id, name: row.display_name, role } : null;
  };
  const units = new Map<string, { officer: ActorRow; head: ActorRow }>();
  for (const code of new Set(DEMO_USERS.filter((u) => u.role === 'officer').map((u) => u.orgCode))) {
    const officer = DEMO_USERS.find((u) => u.orgCode === code && u.role === 'officer');
    const head = DEMO_USERS.find((u) => u.orgCode === code && u.role === 'head');
    const o = officer && actor(officer.username, 'officer');
    const h = head && actor(head.username, 'head');
    if (o && h) units.set(code, { officer: o, head: h });
  }
  const secretariat = actor('secretariat', 'secretariat');
  if (!secretariat) throw new Error('Demo rounds: the secretariat account is missing');
  return { units, secretariat };
}

// ── Writing the steps, set-based ──────────────────────────────────────────────────────────────

/** What the state of a report's indicator values becomes with each step (as reports/service.ts). */
const VALUE_STATE_AFTER: Record<ReportAction, string> = {
  submit: 'submitted',
  approve: 'approved',
  accept: 'approved',
  return: 'draft',
  reopen: 'draft',
};

interface StoredItem {
  progress: number | null;
  results: string | null;
  obstacles: string | null;
  proposals: string | null;
  links: string[];
}

/** A report as the steps leave it, followed in memory and written once per round. */
interface Tracked {
  story: ReportStory;
  status: ReportStatus;
  returnedStage: 'head' | 'secretariat' | null;
  version: number;
  officer: ActorRow;
  head: ActorRow;
  general: General;
  items: Map<string, StoredItem>;
  /** the report's indicators: code and id */
  indicators: { id: string; code: string }[];
  updatedBy: string | null;
  updatedAt: string | null;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  approvedAt: string | null;
  acceptedAt: string | null;
  returnReason: string | null;
}

interface StoredValue {
  /** numeric as text, as stored */
  value: string | null;
  comment: string | null;
  state: string;
}

/** Everything a round's set-based steps write, gathered in memory, then one statement per table. */
class RoundWriter {
  readonly audit: {
    action: string;
    actor: ActorRow;
    reportId: string;
    orgUnitId: string;
    before: unknown;
    after: unknown;
    at: string;
    order: number;
  }[] = [];
  readonly snapshots: {
    reportId: string;
    version: number;
    action: string;
    from: string;
    to: string;
    reason: string | null;
    content: object;
    actorId: string;
    at: string;
  }[] = [];
  readonly comments: { reportId: string; field: string; body: string; authorId: string; at: string }[] = [];
  readonly evidence: { reportId: string; file: DemoFile; sha256: string; uploadedBy: string; at: string }[] =
    [];
  readonly revisions: {
    indicatorId: string;
    orgUnitId: string;
    value: string | null;
    comment: string | null;
    state: string;
    changedBy: string;
    at: string;
  }[] = [];
  readonly changedValues = new Set<string>();
  readonly progress: {
    itemId: string;
    before: number;
    after: number;
    reportId: string;
    actor: string;
    at: string;
  }[] = [];
  readonly notices: {
    t: Tracked;
    action: 'return' | 'reopen';
    stage: 'head' | 'secretariat';
    reason: string;
    actor: ActorRow;
    at: string;
  }[] = [];
  private order = 0;

  constructor(
    private readonly period: string,
    /** indicator id|org unit id → the value of the round's period */
    readonly values: Map<string, StoredValue>,
    /** task id → progress now */
    readonly taskProgress: Map<string, number>,
    private readonly resubmitSkipsHead: boolean,
  ) {}

  private audited(t: Tracked, action: string, actor: ActorRow, at: string, before: unknown, after: unknown) {
    this.audit.push({
      action,
      actor,
      reportId: t.story.report.id,
      orgUnitId: t.story.report.org_unit_id,
      before,
      after,
      at,
      order: this.order++,
    });
  }

  private touch(t: Tracked, actor: ActorRow, at: string) {
    t.version++;
    t.updatedBy = actor.userId;
    t.updatedAt = at;
  }

  /** reports/service.ts reportContent(), from memory */
  private content(t: Tracked) {
    const items: Record<string, StoredItem> = {};
    for (const [id, item] of t.items) items[id] = item;
    const indicators: Record<string, { value: number | null; comment: string | null }> = {};
    for (const { id, code } of t.indicators) {
      const v = this.values.get(`${id}|${t.story.report.org_unit_id}`);
      indicators[code] = { value: v?.value == null ? null : Number(v.value), comment: v?.comment ?? null };
    }
    return { general: t.general, items, indicators };
  }

  save(t: Tracked, step: Extract<Step, { kind: 'save' }>, actor: ActorRow) {
    const at = iso(step.at);
    for (const entry of step.items) {
      const item = t.items.get(entry.planItemId)!;
      t.items.set(entry.planItemId, {
        ...item,
        progress: entry.progress,
        results: entry.results,
        obstacles: entry.obstacles,
        proposals: entry.proposals,
      });
    }
    t.general = { ...t.general, ...step.general };
    this.touch(t, actor, at);
    this.audited(t, 'report.save', actor, at, null, {
      general: step.general,
      items: step.items.map((i) => i.planItemId),
    });
  }

  attach(t: Tracked, step: Extract<Step, { kind: 'evidence' }>, actor: ActorRow) {
    const at = iso(step.at);
    const sha256 = sha256Of(step.file.content);
    this.evidence.push({
      reportId: t.story.report.id,
      file: step.file,
      sha256,
      uploadedBy: actor.userId,
      at,
    });
    this.touch(t, actor, at);
    const { fileName, content, contentType, planItemId } = step.file;
    this.audited(t, 'report.evidence_add', actor, at, null, {
      fileName,
      sha256,
      size: content.length,
      contentType,
      planItemId,
    });
  }

  transition(t: Tracked, step: Extract<Step, { kind: 'transition' }>, actor: ActorRow) {
    const at = iso(step.at);
    const resolved = stepOf(
      { status: t.status, returnedStage: t.returnedStage, resubmitSkipsHead: this.resubmitSkipsHead },
      step.action,
    );
    if (!resolved) throw new Error(`Demo rounds: ${step.action} from ${t.status} is not a step`);
    const { to } = resolved;
    const stage = resolved.sentBackBy ?? null;
    const from = t.status;
    t.status = to;
    this.touch(t, actor, at);
    if (step.action === 'submit') {
      t.submittedAt = at;
      t.firstSubmittedAt ??= at;
    }
    if (to === 'approved') t.approvedAt = at;
    if (to === 'accepted') t.acceptedAt = at;
    if (to === 'returned') {
      t.acceptedAt = null;
      t.returnedStage = stage;
      t.returnReason = step.reason ?? null;
    }
    for (const c of step.comments ?? [])
      this.comments.push({
        reportId: t.story.report.id,
        field: c.field,
        body: c.body,
        authorId: actor.userId,
        at,
      });
    this.snapshots.push({
      reportId: t.story.report.id,
      version: t.version,
      action: step.action,
      from,
      to,
      reason: step.reason ?? null,
      content: this.content(t),
      actorId: actor.userId,
      at,
    });
    // the values the report carries follow it (data-values/service.ts setValueStates)
    const state = VALUE_STATE_AFTER[step.action];
    for (const { id } of t.indicators) {
      const key = `${id}|${t.story.report.org_unit_id}`;
      const v = this.values.get(key);
      if (!v || v.state === state) continue;
      v.state = state;
      this.changedValues.add(key);
      this.revisions.push({
        indicatorId: id,
        orgUnitId: t.story.report.org_unit_id,
        value: v.value,
        comment: v.comment,
        state,
        changedBy: actor.userId,
        at,
      });
    }
    // task progress follows accepted reports (reports/service.ts applyAcceptedProgress)
    if (to === 'accepted') {
      for (const item of t.story.items.filter((i) => i.role === 'lead')) {
        const declared = t.items.get(item.plan_item_id)?.progress ?? null;
        const before = this.taskProgress.get(item.plan_item_id);
        if (declared === null || before === undefined || before === declared) continue;
        this.taskProgress.set(item.plan_item_id, declared);
        this.progress.push({
          itemId: item.plan_item_id,
          before,
          after: declared,
          reportId: t.story.report.id,
          actor: actor.name,
          at,
        });
      }
    }
    if (stage)
      this.notices.push({
        t,
        action: step.action as 'return' | 'reopen',
        stage,
        reason: step.reason!,
        actor,
        at,
      });
    this.audited(
      t,
      `report.${step.action}`,
      actor,
      at,
      { status: from },
      { status: to, reason: step.reason ?? null, comments: step.comments?.length ?? 0 },
    );
  }

  async flush(
    tx: Transaction,
    tracked: readonly Tracked[],
    store: EvidenceStore | undefined,
    notify: (t: Tracked) => boolean,
  ) {
    // Rows travel as one JSON document per statement: PostgreSQL parses it faster than array literals.
    const rowsParam = (rows: readonly object[]) => sql`${JSON.stringify(rows)}::jsonb`;
    const changed = tracked.filter((t) => t.version > 1);
    if (changed.length) {
      await tx.execute(sql`
        update reports r set status = k.status, version = k.version, general = k.general,
          updated_by = k.updated_by, updated_at = k.updated_at, submitted_at = k.submitted_at,
          first_submitted_at = k.first_submitted_at, approved_at = k.approved_at, accepted_at = k.accepted_at,
          returned_stage = k.returned_stage, return_reason = k.return_reason
        from jsonb_to_recordset(${rowsParam(
          changed.map((t) => ({
            id: t.story.report.id,
            status: t.status,
            version: t.version,
            general: t.general,
            updated_by: t.updatedBy,
            updated_at: t.updatedAt,
            submitted_at: t.submittedAt,
            first_submitted_at: t.firstSubmittedAt,
            approved_at: t.approvedAt,
            accepted_at: t.acceptedAt,
            returned_stage: t.returnedStage,
            return_reason: t.returnReason,
          })),
        )}) as k(id uuid, status text, version int, general jsonb, updated_by uuid, updated_at timestamptz,
          submitted_at timestamptz, first_submitted_at timestamptz, approved_at timestamptz, accepted_at timestamptz,
          returned_stage text, return_reason text)
        where r.id = k.id`);
    }
    const items = changed.flatMap((t) =>
      [...t.items]
        .filter(
          ([, i]) =>
            i.progress !== null || i.results !== null || i.obstacles !== null || i.proposals !== null,
        )
        .map(([planItemId, i]) => ({ report_id: t.story.report.id, plan_item_id: planItemId, ...i })),
    );
    if (items.length) {
      await tx.execute(sql`
        update report_items ri set progress = k.progress, results = k.results, obstacles = k.obstacles, proposals = k.proposals
        from jsonb_to_recordset(${rowsParam(items)})
          as k(report_id uuid, plan_item_id uuid, progress int, results text, obstacles text, proposals text)
        where ri.report_id = k.report_id and ri.plan_item_id = k.plan_item_id`);
    }
    if (this.evidence.length) {
      for (const e of this.evidence) await store!.put(e.file.content);
      const rows = this.evidence.map((e) => ({
        report_id: e.reportId,
        plan_item_id: e.file.planItemId,
        sha256: e.sha256,
        size: e.file.content.length,
        content_type: e.file.contentType,
        file_name: e.file.fileName,
        uploaded_by: e.uploadedBy,
        at: e.at,
      }));
      const k = sql`jsonb_to_recordset(${rowsParam(rows)}) as k(report_id uuid, plan_item_id uuid, sha256 text,
        size bigint, content_type text, file_name text, uploaded_by uuid, at timestamptz)`;
      await tx.execute(sql`insert into evidence_files (sha256, size, content_type, created_at)
        select sha256, size, content_type, at from ${k} on conflict do nothing`);
      await tx.execute(sql`insert into report_evidence (report_id, plan_item_id, sha256, file_name, uploaded_by, uploaded_at)
        select report_id, plan_item_id, sha256, file_name, uploaded_by, at from ${k}`);
    }
    if (this.comments.length) {
      await tx.execute(sql`
        insert into report_comments (report_id, field, body, author_id, created_at)
        select report_id, field, body, author_id, at from jsonb_to_recordset(${rowsParam(
          this.comments.map((c) => ({
            report_id: c.reportId,
            field: c.field,
            body: c.body,
            author_id: c.authorId,
            at: c.at,
          })),
        )}) as k(report_id uuid, field text, body text, author_id uuid, at timestamptz)`);
    }
    if (this.snapshots.length) {
      await tx.execute(sql`
        insert into report_snapshots (report_id, version, action, from_status, to_status, reason, content, actor_id, at)
        select report_id, version, action, from_status, to_status, reason, content, actor_id, at
        from jsonb_to_recordset(${rowsParam(
          this.snapshots.map((x) => ({
            report_id: x.reportId,
            version: x.version,
            action: x.action,
            from_status: x.from,
            to_status: x.to,
            reason: x.reason,
            content: x.content,
            actor_id: x.actorId,
            at: x.at,
          })),
        )}) as k(report_id uuid, version int, action text, from_status text, to_status text, reason text,
          content jsonb, actor_id uuid, at timestamptz)
        order by at`);
    }
    if (this.revisions.length) {
      await tx.execute(sql`
        insert into data_value_revisions (indicator_id, org_unit_id, period, value, comment, state, changed_by, request_id, changed_at)
        select indicator_id, org_unit_id, ${this.period}, value, comment, state, changed_by, null, at
        from jsonb_to_recordset(${rowsParam(
          this.revisions.map((r) => ({
            indicator_id: r.indicatorId,
            org_unit_id: r.orgUnitId,
            value: r.value,
            comment: r.comment,
            state: r.state,
            changed_by: r.changedBy,
            at: r.at,
          })),
        )}) as k(indicator_id uuid, org_unit_id uuid, value numeric, comment text, state text, changed_by uuid,
          at timestamptz)
        order by at`);
      await tx.execute(sql`
        update data_values v set state = k.state
        from jsonb_to_recordset(${rowsParam(
          [...this.changedValues].map((key) => {
            const [indicator_id, org_unit_id] = key.split('|');
            return { indicator_id, org_unit_id, state: this.values.get(key)!.state };
          }),
        )}) as k(indicator_id uuid, org_unit_id uuid, state text)
        where v.indicator_id = k.indicator_id and v.org_unit_id = k.org_unit_id and v.period = ${this.period}`);
    }
    if (this.progress.length) {
      await tx.execute(sql`
        with k as (
          select * from jsonb_to_recordset(${rowsParam(
            this.progress.map((p) => ({
              item_id: p.itemId,
              before: p.before,
              after: p.after,
              report_id: p.reportId,
              actor: p.actor,
              at: p.at,
            })),
          )}) as k(item_id uuid, before int, after int, report_id uuid, actor text, at timestamptz)
        ), updated as (
          update plan_items i set progress = k.after, version = i.version + 1, updated_at = k.at,
            completed_on = case when k.after = 100 then coalesce(i.completed_on, ((k.at at time zone 'UTC') + interval '7 hours')::date)
                                else null end
          from k where i.id = k.item_id
          returning i.id
        )
        insert into plan_item_changes (item_id, action, actor, before, after, changed_at)
        select k.item_id, 'update', k.actor, jsonb_build_object('progress', k.before),
          jsonb_build_object('progress', k.after, 'fromReport', k.report_id), k.at
        from k order by k.at`);
    }
    // Only the demo accounts hear of returns: the units' own accounts are disabled, and
    // unitRecipients() skips disabled users, so the others' notices would reach nobody.
    for (const n of this.notices.filter((x) => notify(x.t))) {
      await noticeReportSentBack(tx, {
        reportId: n.t.story.report.id,
        action: n.action,
        stage: n.stage,
        reason: n.reason,
        actor: { userId: n.actor.userId, name: n.actor.name, assignments: [], ip: null, requestId: null },
      });
      await tx.execute(sql`update notifications set created_at = ${n.at}::timestamptz
        where link = ${`/bao-cao/${n.t.story.report.id}`} and created_at = now()`);
    }
    const audit = [...this.audit].sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));
    if (audit.length) {
      await tx.execute(sql`
        insert into audit_events (action, actor_user_id, actor_name, actor_roles, ip, request_id, resource_type,
          resource_id, org_unit_id, before, after)
        select k.action, k.user_id, k.name, array[k.role], null, null, 'report', k.report_id, k.org_unit_id,
          k.before, k.after
        from jsonb_to_recordset(${rowsParam(
          audit.map((r, n) => ({
            n,
            action: r.action,
            user_id: r.actor.userId,
            name: r.actor.name,
            role: r.actor.role,
            report_id: r.reportId,
            org_unit_id: r.orgUnitId,
            before: r.before,
            after: r.after,
          })),
        )}) as k(n int, action text, user_id uuid, name text, role text, report_id text, org_unit_id uuid,
          before jsonb, after jsonb)
        order by k.n`);
    }
  }
}

// ── The same steps through the services (the test's proof) ───────────────────────────────────

/** The services stamp now(); a step's rows then take the story's time, as the set-based ones do. */
async function redate(tx: Transaction, reportId: string, orgUnitId: string, at: Moment) {
  const t = sql`${iso(at)}::timestamptz`;
  const fix = (column: string) => sql.raw(`${column} = case when ${column} = now() then `);
  await tx.execute(sql`update reports set ${fix('updated_at')}${t} else updated_at end,
    ${fix('submitted_at')}${t} else submitted_at end, ${fix('first_submitted_at')}${t} else first_submitted_at end,
    ${fix('approved_at')}${t} else approved_at end, ${fix('accepted_at')}${t} else accepted_at end
    where id = ${reportId}`);
  await tx.execute(sql`update report_snapshots set at = ${t} where report_id = ${reportId} and at = now()`);
  await tx.execute(
    sql`update report_comments set created_at = ${t} where report_id = ${reportId} and created_at = now()`,
  );
  await tx.execute(
    sql`update report_evidence set uploaded_at = ${t} where report_id = ${reportId} and uploaded_at = now()`,
  );
  await tx.execute(sql`update evidence_files set created_at = ${t} where created_at = now()
    and sha256 in (select sha256 from report_evidence where report_id = ${reportId})`);
  await tx.execute(
    sql`update data_value_revisions set changed_at = ${t} where org_unit_id = ${orgUnitId} and changed_at = now()`,
  );
  await tx.execute(
    sql`update notifications set created_at = ${t} where link = ${`/bao-cao/${reportId}`} and created_at = now()`,
  );
  const items = sql`(select plan_item_id from report_items where report_id = ${reportId} and role = 'lead')`;
  await tx.execute(sql`update plan_items set updated_at = ${t} where id in ${items} and updated_at = now()
    and exists (select 1 from plan_item_changes c where c.item_id = plan_items.id and c.changed_at = now())`);
  await tx.execute(sql`update plan_item_changes set changed_at = ${t} where item_id in ${items} and changed_at = now()
    and after ->> 'fromReport' = ${reportId}`);
}

async function actorOf(tx: Transaction, row: ActorRow): Promise<Actor> {
  return {
    userId: row.userId,
    name: row.name,
    assignments: await loadAssignments(tx, row.userId),
    ip: null,
    requestId: null,
  };
}

async function writeWithServices(
  tx: Transaction,
  t: Tracked,
  step: Step,
  actor: ActorRow,
  store: EvidenceStore | undefined,
  resubmitSkipsHead: boolean,
) {
  const reportId = t.story.report.id;
  const who = await actorOf(tx, actor);
  if (step.kind === 'save') {
    await saveReport({
      tx,
      reportId,
      input: {
        version: t.version,
        general: Object.keys(step.general).length ? step.general : {},
        items: step.items,
      },
      actor: who,
    });
  } else if (step.kind === 'evidence') {
    if (!store) return;
    await attachEvidence({
      tx,
      store,
      reportId,
      version: t.version,
      content: step.file.content,
      contentType: step.file.contentType,
      fileName: step.file.fileName,
      planItemId: step.file.planItemId,
      actor: who,
      onWritten: () => {},
    });
  } else {
    const resolved = stepOf(
      { status: t.status, returnedStage: t.returnedStage, resubmitSkipsHead },
      step.action,
    );
    await transitionReport({
      tx,
      reportId,
      action: step.action,
      input: { version: t.version, reason: step.reason, comments: step.comments },
      actor: who,
    });
    t.status = resolved!.to;
    if (resolved!.sentBackBy) t.returnedStage = resolved!.sentBackBy;
  }
  t.version++;
  await redate(tx, reportId, t.story.report.org_unit_id, step.at);
}

const CLOSING_REASON = 'Hết thời hạn tiếp nhận báo cáo của kỳ.';

// ── The round history ─────────────────────────────────────────────────────────────────────────

export interface RoundHistoryCounts {
  rounds: number;
  reports: number;
  evidenceFiles: number;
  /** the officer and head accounts created for units without demo accounts */
  unitAccounts: number;
}

export interface RoundHistoryOptions {
  planId: string;
  today: string;
  /** where evidence files go; without one, no evidence is attached */
  evidenceStore?: EvidenceStore;
  /** for the test: the reports whose steps go through the services instead */
  viaServices?: (report: { period: string; unitCode: string }) => boolean;
}

/**
 * Opens, fills and closes the demo rounds of the plan (see the top of the file). Runs in the seed's
 * transaction, after the plan, indicators, their history and the demo accounts.
 */
export async function seedRoundHistory(
  tx: Transaction,
  options: RoundHistoryOptions,
): Promise<RoundHistoryCounts> {
  const { planId, today, evidenceStore } = options;
  const holidays = await loadHolidays(tx);
  const rounds = demoRoundPeriods(today, holidays);
  const accounts = await demoAccounts(tx);
  const secretariatActor: Actor = await actorOf(tx, accounts.secretariat);
  const [plan] = rowsOf<{ resubmit_skips_head: boolean }>(
    await tx.execute(sql`select resubmit_skips_head from plans where id = ${planId}`),
  );
  const resubmitSkipsHead = plan?.resubmit_skips_head ?? false;

  // Tasks start the year lower and climb, by accepted reports, to the progress the plan shows today.
  const tasks = rowsOf<{ id: string; code: string; progress: number; lead_code: string }>(
    await tx.execute(sql`select i.id, i.code, i.progress, o.code as lead_code from plan_items i
      join org_units o on o.id = i.lead_org_unit_id
      where i.plan_id = ${planId} and i.kind in ('task', 'milestone') and i.archived_at is null and i.progress < 100`),
  );
  const trajectories = new Map(
    tasks.map((task) => {
      const accepted = rounds.map((r, i) =>
        ACCEPTED.has(outcomeOf(r.period, task.lead_code, r.open, i, rounds.length)),
      );
      return [task.id, trajectoryOf(task.code, task.progress, accepted)] as const;
    }),
  );
  const starts = tasks.filter((t) => trajectories.get(t.id)!.start !== t.progress);
  if (starts.length) {
    await tx.execute(sql`update plan_items i set progress = k.progress
      from unnest(${new Param(starts.map((t) => t.id))}::uuid[], ${new Param(starts.map((t) => trajectories.get(t.id)!.start))}::int[])
        as k(id, progress) where i.id = k.id`);
  }

  const counts: RoundHistoryCounts = { rounds: 0, reports: 0, evidenceFiles: 0, unitAccounts: 0 };
  for (const [roundIndex, round] of rounds.entries()) {
    const cutoffEnd = cutoffWindow(round.period).end;
    const roundId = await openRound({
      tx,
      input: { planId, period: round.period, kind: 'periodic' },
      actor: secretariatActor,
    });
    const [opened] = rowsOf<{ due_date: string; grace_days: number }>(
      await tx.execute(sql`select due_date::text as due_date, grace_days from rounds where id = ${roundId}`),
    );
    const dueDate = opened!.due_date;
    // opened a week before the cut-off ends (the open one three weeks before, but not after today)
    const openedOn = round.open
      ? workingDayOnOrBefore(clampDay(addDays(cutoffEnd, -21), '2000-01-01', addDays(today, -5)), holidays)
      : workingDayOnOrBefore(addDays(cutoffEnd, -7), holidays);
    const closedOn = workingDayOnOrAfter(addDays(dueDate, opened!.grace_days + 18), holidays);
    const lastDay = round.open ? addDays(today, -1) : addDays(closedOn, -1);
    const reports = rowsOf<ReportRow>(
      await tx.execute(sql`select r.id, r.org_unit_id, o.code as unit_code, o.name as unit_name, o.kind as unit_kind,
          r.due_date::text as due_date
        from reports r join org_units o on o.id = r.org_unit_id where r.round_id = ${roundId}
        order by o.code`),
    );
    const items = rowsOf<ReportItemRow>(
      await tx.execute(sql`select ri.report_id, ri.plan_item_id, i.code as item_code, ri.role from report_items ri
        join reports r on r.id = ri.report_id join plan_items i on i.id = ri.plan_item_id
        where r.round_id = ${roundId} order by i.code_sort_key, ri.role`),
    );
    counts.unitAccounts += await ensureUnitAccounts(tx, reports, accounts.units);
    const itemsOf = new Map<string, ReportItemRow[]>();
    for (const item of items) itemsOf.set(item.report_id, [...(itemsOf.get(item.report_id) ?? []), item]);
    const leadDeclared = (planItemId: string) => trajectories.get(planItemId)?.declared[roundIndex] ?? 0;
    const indicatorsOf = new Map<string, { id: string; code: string }[]>();
    for (const r of rowsOf<{ report_id: string; id: string; code: string }>(
      await tx.execute(sql`select x.report_id, i.id, i.code from report_indicators x
        join reports r on r.id = x.report_id join indicators i on i.id = x.indicator_id
        where r.round_id = ${roundId} order by i.code`),
    )) {
      indicatorsOf.set(r.report_id, [...(indicatorsOf.get(r.report_id) ?? []), { id: r.id, code: r.code }]);
    }
    const values = new Map(
      rowsOf<{
        indicator_id: string;
        org_unit_id: string;
        value: string | null;
        comment: string | null;
        state: string;
      }>(
        await tx.execute(sql`select indicator_id, org_unit_id, value::text as value, comment, state from data_values
          where period = ${round.period}`),
      ).map((v) => [
        `${v.indicator_id}|${v.org_unit_id}`,
        { value: v.value, comment: v.comment, state: v.state },
      ]),
    );
    const taskProgress = new Map(
      rowsOf<{ id: string; progress: number }>(
        await tx.execute(sql`select id, progress from plan_items where plan_id = ${planId}`),
      ).map((r) => [r.id, r.progress]),
    );
    const tracked: Tracked[] = reports.map((report) => {
      const outcome = outcomeOf(round.period, report.unit_code, round.open, roundIndex, rounds.length);
      const random = new Random(`cooperator|${round.period}|${report.unit_code}`);
      const reportItems = [...(itemsOf.get(report.id) ?? [])].sort((a, b) =>
        a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1,
      );
      const steps = storyOf({
        report,
        items: reportItems,
        period: round.period,
        outcome,
        open: round.open,
        openedOn,
        lastDay,
        progressOf: (id, role) =>
          role === 'lead'
            ? leadDeclared(id)
            : Math.max(0, Math.min(100, leadDeclared(id) + random.int(-10, 5))),
        holidays,
        resubmitSkipsHead,
      });
      const unit = accounts.units.get(report.unit_code)!;
      return {
        story: { report, items: reportItems, outcome, steps },
        status: 'draft',
        returnedStage: null,
        version: 1,
        officer: unit.officer,
        head: unit.head,
        general: { summary: null, obstacles: null, proposals: null },
        items: new Map(
          reportItems.map((i) => [
            i.plan_item_id,
            { progress: null, results: null, obstacles: null, proposals: null, links: [] },
          ]),
        ),
        indicators: indicatorsOf.get(report.id) ?? [],
        updatedBy: null,
        updatedAt: null,
        submittedAt: null,
        firstSubmittedAt: null,
        approvedAt: null,
        acceptedAt: null,
        returnReason: null,
      };
    });
    const actorFor = (t: Tracked, step: Step): ActorRow =>
      step.kind === 'transition'
        ? step.by === 'secretariat'
          ? accounts.secretariat
          : t[step.by]
        : t.officer;
    const viaServices = (t: Tracked) =>
      options.viaServices?.({ period: round.period, unitCode: t.story.report.unit_code }) ?? false;
    const writer = new RoundWriter(round.period, values, taskProgress, resubmitSkipsHead);
    const setBased = tracked.filter((t) => !viaServices(t));
    for (const t of setBased) {
      for (const step of t.story.steps) {
        const actor = actorFor(t, step);
        if (step.kind === 'save') writer.save(t, step, actor);
        else if (step.kind === 'transition') writer.transition(t, step, actor);
        else if (evidenceStore) writer.attach(t, step, actor);
      }
    }
    await writer.flush(tx, setBased, evidenceStore, (t) => DEMO_UNIT_CODES.has(t.story.report.unit_code));
    for (const t of tracked.filter(viaServices)) {
      for (const step of t.story.steps) {
        await writeWithServices(tx, t, step, actorFor(t, step), evidenceStore, resubmitSkipsHead);
      }
    }
    await tx.execute(sql`update rounds set opened_at = ${iso({ day: openedOn, minute: 8 * 60 + 15 })}::timestamptz
      where id = ${roundId}`);
    if (!round.open) {
      await closeRound({
        tx,
        roundId,
        input: { version: 1, reason: CLOSING_REASON },
        actor: secretariatActor,
      });
      // the unit had read what was sent back to it long ago
      await tx.execute(sql`update notifications n set read_at = n.created_at + interval '1 day'
        from reports r where r.round_id = ${roundId} and n.link = '/bao-cao/' || r.id and n.read_at is null`);
    }
    counts.rounds++;
    counts.reports += reports.length;
    counts.evidenceFiles += (evidenceStore ? tracked : []).reduce(
      (s, t) => s + t.story.steps.filter((x) => x.kind === 'evidence').length,
      0,
    );
  }
  return counts;
}
