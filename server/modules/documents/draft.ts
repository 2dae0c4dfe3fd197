/**
 * The first text of a report: header fields and section texts written from the gathered data, for
 * the secretariat to edit. Plain Vietnamese administrative prose; a line starting "- " is a list line.
 */
import type {
  DocumentHeaderStyle,
  TaskOutcome,
  TDocumentHeader,
  TDocumentSection,
  TDocumentTask,
} from '../../../common/contracts/documents';
import { periodInSentence } from '../../../common/periods';
import { shortDate } from './format';
import type { Gathered, UnitGeneral } from './gather';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** "Sở Khoa học và Công nghệ" → "SKHCN": initials of the words, "và" left out, as symbols are usually made. */
export function abbreviation(name: string): string {
  return name
    .normalize('NFC')
    .split(/[\s,]+/)
    .filter((word) => word && !['và', 'của'].includes(word.toLowerCase()))
    .map((word) => word.charAt(0).toUpperCase())
    .join('')
    .slice(0, 12);
}

/** "Tỉnh Nghệ An" → "Nghệ An": the place name written before the date. */
const placeOf = (rootName: string) => rootName.replace(/^(tỉnh|thành phố)\s+/i, '');

export function defaultHeader(g: Gathered, style: DocumentHeaderStyle): TDocumentHeader {
  const place = placeOf(g.rootName);
  const unit = g.unitName;
  const issuingBody = (unit ?? 'Ban Chỉ đạo thực hiện Nghị quyết 57').toUpperCase();
  const parentBody = unit
    ? (g.parentName ?? '').toUpperCase()
    : style === 'party'
      ? `TỈNH ỦY ${place}`.toUpperCase()
      : `UBND ${g.rootName}`.toUpperCase();
  const abbr = unit ? abbreviation(unit) : 'BCĐ';
  return {
    style,
    parentBody,
    issuingBody,
    symbol: style === 'party' ? `BC/${abbr}` : `BC-${abbr}`,
    place,
    summary: `Kết quả thực hiện Kế hoạch ${g.data.plan.number} ${periodInSentence(g.data.round.period)}`,
    recipients:
      style === 'party'
        ? ['Thường trực Tỉnh ủy (để b/c),', 'Các đồng chí Ủy viên Ban Chỉ đạo,', 'Lưu Văn phòng.']
        : ['Như trên;', 'Thường trực Tỉnh ủy (để b/c);', 'UBND tỉnh (để b/c);', 'Lưu: VT.'],
  };
}

const OUTCOME_HEADINGS: Record<TaskOutcome, string> = {
  done: 'Nhiệm vụ đã hoàn thành',
  in_progress: 'Nhiệm vụ đang thực hiện',
  late: 'Nhiệm vụ chậm tiến độ',
};

function taskLine(task: TDocumentTask): string {
  const facts = [
    task.lead ? `chủ trì: ${task.lead}` : null,
    task.outcome === 'done' ? null : `tiến độ ${task.progress}%`,
    task.deadline ? `hạn ${shortDate(task.deadline)}` : null,
  ].filter(Boolean);
  const said = task.results.length ? `: ${task.results.join('; ')}` : '.';
  return `- ${task.code} ${task.title} (${facts.join(', ')})${said}`;
}

function groupSections(tasks: TDocumentTask[]): TDocumentSection[] {
  const groups = new Map<string, { title: string; tasks: TDocumentTask[] }>();
  for (const task of tasks) {
    const key = task.groupCode ?? '';
    const group = groups.get(key) ?? {
      title: task.groupTitle ? `${task.groupCode} ${task.groupTitle}` : 'Nhiệm vụ khác',
      tasks: [],
    };
    group.tasks.push(task);
    groups.set(key, group);
  }
  return [...groups.values()].map((group, i) => {
    const parts: string[] = [];
    (['done', 'in_progress', 'late'] as const).forEach((outcome) => {
      const list = group.tasks.filter((t) => t.outcome === outcome);
      if (!list.length) return;
      parts.push(`${'abc'[parts.length / 2]}) ${OUTCOME_HEADINGS[outcome]} (${list.length}):`);
      parts.push(list.map(taskLine).join('\n'));
    });
    return { kind: 'group', heading: `${i + 1}. ${group.title}`, body: parts.join('\n') };
  });
}

const count = (tasks: TDocumentTask[], outcome: TaskOutcome) =>
  tasks.filter((t) => t.outcome === outcome).length;

/** "- Unit: text" lines of what the reports say under one heading, the general part first. */
function saidLines(
  generals: UnitGeneral[],
  field: 'obstacles' | 'proposals',
  tasks: TDocumentTask[],
  unitReport: boolean,
): string[] {
  const general = generals
    .filter((g) => g[field]?.trim())
    .map((g) => `- ${unitReport ? '' : `${g.unit}: `}${g[field]!.trim()}`);
  const perTask = tasks.flatMap((t) => t[field].map((text) => `- Nhiệm vụ ${t.code}: ${text}`));
  return [...general, ...perTask];
}

export function defaultSections(g: Gathered): TDocumentSection[] {
  const { data, generals } = g;
  const unitReport = data.orgUnit !== null;
  const tasks = data.tasks;
  const period = periodInSentence(data.round.period);
  const overall = [
    `Thực hiện Kế hoạch ${data.plan.number} (${data.plan.title}), ${period}` +
      (unitReport
        ? ` ${data.orgUnit!.name} đã triển khai ${tasks.length} nhiệm vụ được giao.`
        : `, ${data.acceptedReports}/${data.expectedReports} đơn vị có báo cáo được tiếp nhận, với ${tasks.length} nhiệm vụ được báo cáo.`),
    `Kết quả: ${count(tasks, 'done')} nhiệm vụ đã hoàn thành, ${count(tasks, 'in_progress')} nhiệm vụ đang thực hiện, ` +
      `${count(tasks, 'late')} nhiệm vụ chậm tiến độ.`,
    // the synthesis, when drafted, in place of each unit's summary quoted one by one
    ...(g.narrative?.overall.length
      ? g.narrative.overall
      : generals
          .filter((x) => x.summary?.trim())
          .map((x) => `- ${unitReport ? '' : `${x.unit}: `}${x.summary!.trim()}`)),
  ];
  const indicators = data.indicators;
  const judged = (status: string) => indicators.filter((i) => i.attainment === status).length;
  const indicatorText = indicators.length
    ? `Các báo cáo được tiếp nhận có số liệu của ${indicators.length} chỉ tiêu; đến ${shortDate(data.asOf)}: ` +
      `${judged('on_track')} chỉ tiêu đạt tiến độ, ${judged('at_risk')} có nguy cơ không đạt, ${judged('off_track')} chậm tiến độ, ` +
      `${judged('no_target') + judged('no_data')} chưa đủ căn cứ đánh giá (chi tiết tại bảng dưới đây).`
    : 'Các báo cáo được tiếp nhận chưa có số liệu chỉ tiêu.';
  const obstacles = g.narrative?.obstacles.length
    ? g.narrative.obstacles
    : saidLines(generals, 'obstacles', tasks, unitReport);
  const proposals = g.narrative?.proposals.length
    ? g.narrative.proposals
    : saidLines(generals, 'proposals', tasks, unitReport);
  const next = tasks
    .filter((t) => t.outcome !== 'done')
    .sort((a, b) =>
      a.outcome === b.outcome
        ? (a.deadline ?? '9').localeCompare(b.deadline ?? '9')
        : a.outcome === 'late'
          ? -1
          : 1,
    )
    .slice(0, 10)
    .map(
      (t) =>
        `- Tập trung ${t.outcome === 'late' ? 'khắc phục chậm trễ, hoàn thành' : 'đẩy nhanh tiến độ'} nhiệm vụ ${t.code} ${t.title}` +
        `${t.lead ? ` (chủ trì: ${t.lead}` : ' ('}${t.deadline ? `${t.lead ? '; ' : ''}hạn ${shortDate(t.deadline)})` : ')'}.`,
    );
  let n = 0;
  const numbered = (title: string) => `${ROMAN[n++]}. ${title}`;
  return [
    { kind: 'overall', heading: numbered('TÌNH HÌNH CHUNG'), body: overall.join('\n') },
    {
      kind: 'results',
      heading: numbered('KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ'),
      body: tasks.length ? '' : 'Chưa có báo cáo nào được tiếp nhận trong kỳ.',
    },
    ...groupSections(tasks),
    { kind: 'indicators', heading: numbered('KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU'), body: indicatorText },
    {
      kind: 'obstacles',
      heading: numbered('KHÓ KHĂN, VƯỚNG MẮC'),
      body: obstacles.length
        ? obstacles.join('\n')
        : 'Các báo cáo được tiếp nhận không nêu khó khăn, vướng mắc.',
    },
    {
      kind: 'proposals',
      heading: numbered('ĐỀ XUẤT, KIẾN NGHỊ'),
      body: proposals.length
        ? proposals.join('\n')
        : 'Các báo cáo được tiếp nhận không có đề xuất, kiến nghị.',
    },
    {
      kind: 'next_tasks',
      heading: numbered('NHIỆM VỤ TRỌNG TÂM KỲ TỚI'),
      body: next.length ? next.join('\n') : 'Tiếp tục theo dõi, duy trì kết quả các nhiệm vụ đã hoàn thành.',
    },
  ];
}
