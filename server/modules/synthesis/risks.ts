/**
 * Decision support (issue 13 item 2): the risk flags of a round, each raised by a rule stated to the
 * reader, with the figures that raised it and links to what it is about, ranked by a score (0–1).
 *
 * The rules reuse what the product already judges by: the task schedule lag of plan-items/status.ts
 * (AT_RISK_LAG_POINTS), the analytics module's forecast (a robust straight line, clamped to what the
 * indicator can be) compared with the target by attainment.ts's ratio and thresholds, and the
 * rounds' timeliness of a report. Free of the database except getRoundRisks.
 */
import type { RiskLevel, RiskRule, TRiskFlag, TRiskList } from '../../../common/contracts/synthesis';
import { AT_RISK_LAG_POINTS, type Direction } from '../../../common/enums';
import { periodLabel } from '../../../common/periods';
import { addDays } from '../../../common/working-days';
import type { Executor } from '../../db/client';
import {
  ATTAINMENT_AT_RISK_RATIO,
  ATTAINMENT_ON_TRACK_RATIO,
  attainmentRatio,
} from '../analytics/attainment';
import { ATTAINMENT_LABELS, formatNumber, shortDate } from '../documents/format';
import {
  type IndicatorFact,
  openTasks,
  type ReportFact,
  riskRound,
  rootOrgUnit,
  roundIndicators,
  roundReportTimeliness,
  type TaskFact,
} from './queries/risk-facts';

const pct = (n: number) => `${Math.round(n)}%`;

export const RISK_RULE_TEXTS: Record<RiskRule, string> = {
  task_overdue:
    'Nhiệm vụ đã quá hạn hoàn thành mà tiến độ chưa đạt 100%. Càng quá hạn lâu, tiến độ càng thấp thì càng xếp trên.',
  task_behind:
    `Nhiệm vụ còn trong hạn có tỷ lệ thời gian đã trôi qua (từ ngày bắt đầu đến hạn hoàn thành) vượt tiến độ đã đạt hơn ${AT_RISK_LAG_POINTS} điểm phần trăm ` +
    '(cùng quy tắc "có nguy cơ" của danh sách nhiệm vụ). Khoảng chênh càng lớn càng xếp trên; từ 50 điểm trở lên là mức cao.',
  indicator_projection:
    'Chỉ tiêu có dự báo đến cuối năm của đợt (hoặc đến năm 2030) theo đường xu hướng của số liệu các kỳ ' +
    '(đường Theil–Sen, giới hạn trong miền giá trị của chỉ tiêu: tỷ lệ trong 0–100%, số lượng không âm) ' +
    `chỉ đạt dưới ${ATTAINMENT_ON_TRACK_RATIO * 100}% chỉ tiêu; dưới ${ATTAINMENT_AT_RISK_RATIO * 100}% là mức cao. ` +
    'Chỉ tiêu "càng thấp càng tốt" so sánh ngược lại.',
  indicator_declines:
    'Số liệu của chỉ tiêu (toàn tỉnh) giảm hai kỳ liên tiếp theo chiều xấu đi (chỉ tiêu "càng thấp càng tốt": tăng hai kỳ liên tiếp), ' +
    'xét ba kỳ có số liệu gần nhất.',
  report_missing:
    'Đơn vị chưa gửi báo cáo của đợt: quá hạn (đã qua hạn nộp) hoặc coi như không nộp (quá thời gian gia hạn, hoặc đợt đã đóng).',
  report_late: 'Đơn vị gửi báo cáo sau hạn nộp; càng muộn càng xếp trên.',
};

const RULE_ORDER: readonly RiskRule[] = [
  'task_overdue',
  'indicator_projection',
  'report_missing',
  'task_behind',
  'indicator_declines',
  'report_late',
];

const levelOf = (score: number): RiskLevel => (score >= 0.7 ? 'high' : score >= 0.4 ? 'medium' : 'low');

const clamp01 = (n: number) => Math.max(0, Math.min(1, n));

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function flag(rule: RiskRule, score: number, rest: Omit<TRiskFlag, 'rule' | 'score' | 'level'>): TRiskFlag {
  const s = Math.round(clamp01(score) * 1000) / 1000;
  return { rule, score: s, level: levelOf(s), ...rest };
}

// ── Tasks ─────────────────────────────────────────────────────────────────────────────────────

/** Overdue tasks, and tasks whose elapsed share of their schedule runs ahead of their progress. */
export function taskFlags(tasks: readonly TaskFact[], today: string): TRiskFlag[] {
  const flags: TRiskFlag[] = [];
  for (const task of tasks) {
    if (!task.deadline) continue;
    const link = { kind: 'task' as const, id: task.id, label: `${task.code} ${task.title}` };
    const lead = task.lead ? `Đơn vị chủ trì: ${task.lead}.` : 'Chưa có đơn vị chủ trì.';
    if (task.deadline < today) {
      const late = daysBetween(task.deadline, today);
      // overdue outranks behind: from 0.7, more for longer and for less done
      const score = 0.7 + 0.15 * clamp01(late / 180) + 0.15 * (1 - task.progress / 100);
      flags.push(
        flag('task_overdue', score, {
          title: `Nhiệm vụ ${task.code} quá hạn ${late} ngày, tiến độ ${pct(task.progress)}`,
          evidence: [
            `Hạn hoàn thành ${shortDate(task.deadline)}; đến ${shortDate(today)} đã quá ${late} ngày.`,
            `Tiến độ đạt ${pct(task.progress)}.`,
            lead,
          ],
          links: [link],
        }),
      );
      continue;
    }
    if (!task.startDate || task.startDate >= today || task.deadline <= task.startDate) continue;
    const elapsed = (100 * daysBetween(task.startDate, today)) / daysBetween(task.startDate, task.deadline);
    const gap = elapsed - task.progress;
    if (gap <= AT_RISK_LAG_POINTS) continue;
    flags.push(
      flag('task_behind', 0.25 + 0.7 * clamp01(gap / 100), {
        title: `Nhiệm vụ ${task.code} chậm so với thời gian: tiến độ ${pct(task.progress)}, thời gian đã qua ${pct(elapsed)}`,
        evidence: [
          `Thời gian thực hiện từ ${shortDate(task.startDate)} đến ${shortDate(task.deadline)}; đến ${shortDate(today)} đã qua ${pct(elapsed)}.`,
          `Tiến độ đạt ${pct(task.progress)}, thấp hơn ${pct(gap)} so với thời gian đã qua (ngưỡng ${AT_RISK_LAG_POINTS} điểm).`,
          lead,
        ],
        links: [link],
      }),
    );
  }
  return flags;
}

// ── Indicators ────────────────────────────────────────────────────────────────────────────────

/** A projection shorter than its target: the forecast of the year's end, then of 2030. */
export function indicatorProjectionFlags(indicators: readonly IndicatorFact[]): TRiskFlag[] {
  const flags: TRiskFlag[] = [];
  for (const ind of indicators) {
    const { attainment, forecast, year } = ind.performance;
    const checks = [
      { label: `cuối năm ${year}`, projected: forecast.yearEnd?.value ?? null, target: attainment.target },
      {
        label: 'năm 2030',
        projected: year < 2030 ? (forecast.year2030?.value ?? null) : null,
        target: attainment.target2030,
      },
    ].filter(
      (c): c is { label: string; projected: number; target: number } =>
        c.projected !== null && c.target !== null,
    );
    const short = checks
      .map((c) => ({ ...c, ratio: attainmentRatio(c.projected, c.target, ind.direction) }))
      .filter((c) => c.ratio < ATTAINMENT_ON_TRACK_RATIO);
    if (!short.length) continue;
    const worst = short.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    // below the at-risk ratio is high (from 0.7); between the two ratios, medium
    const score =
      worst.ratio < ATTAINMENT_AT_RISK_RATIO
        ? 0.7 + 0.3 * clamp01((ATTAINMENT_AT_RISK_RATIO - worst.ratio) / ATTAINMENT_AT_RISK_RATIO)
        : 0.4 +
          0.29 *
            clamp01(
              (ATTAINMENT_ON_TRACK_RATIO - worst.ratio) /
                (ATTAINMENT_ON_TRACK_RATIO - ATTAINMENT_AT_RISK_RATIO),
            );
    const num = (v: number) => `${formatNumber(v)} ${ind.unit}`;
    flags.push(
      flag('indicator_projection', score, {
        title: `Chỉ tiêu ${ind.name}: dự báo ${worst.label} ${num(worst.projected)}, chỉ tiêu ${num(worst.target)}`,
        evidence: [
          ...short.map(
            (c) =>
              `Dự báo ${c.label}: ${num(c.projected)} so với chỉ tiêu ${num(c.target)} (đạt ${pct(100 * c.ratio)}).`,
          ),
          ...(attainment.actual !== null ? [`Số liệu năm ${year} đến nay: ${num(attainment.actual)}.`] : []),
          `Đánh giá hiện tại: ${ATTAINMENT_LABELS[attainment.status]}.`,
          ...(forecast.domain.note ? [forecast.domain.note] : []),
          forecast.method,
        ],
        links: [{ kind: 'indicator', id: ind.id, label: `${ind.code} ${ind.name}` }],
      }),
    );
  }
  return flags;
}

/** Whether b is worse than a in the indicator's direction. */
const worse = (a: number, b: number, direction: Direction) =>
  direction === 'higher_is_better' ? b < a : b > a;

/** Two declines in a row over the last three known periods. */
export function indicatorDeclineFlags(indicators: readonly IndicatorFact[]): TRiskFlag[] {
  const flags: TRiskFlag[] = [];
  for (const ind of indicators) {
    const known = ind.performance.series.filter(
      (p): p is { period: string; value: number } => p.value !== null && Number.isFinite(p.value),
    );
    const last = known.slice(-3);
    if (last.length < 3) continue;
    const [a, b, c] = last as [(typeof last)[0], (typeof last)[0], (typeof last)[0]];
    if (!(worse(a.value, b.value, ind.direction) && worse(b.value, c.value, ind.direction))) continue;
    const base = Math.max(Math.abs(a.value), 1e-9);
    const drop = Math.abs(c.value - a.value) / base;
    const num = (v: number) => `${formatNumber(v)} ${ind.unit}`;
    flags.push(
      flag('indicator_declines', 0.4 + 0.29 * clamp01(drop), {
        title: `Chỉ tiêu ${ind.name} xấu đi hai kỳ liên tiếp`,
        evidence: [
          last.map((p) => `${periodLabel(p.period)}: ${num(p.value)}`).join(' → '),
          ind.direction === 'higher_is_better'
            ? `Giảm ${pct(100 * drop)} so với ${periodLabel(a.period)}.`
            : `Tăng ${pct(100 * drop)} so với ${periodLabel(a.period)} (chỉ tiêu càng thấp càng tốt).`,
        ],
        links: [{ kind: 'indicator', id: ind.id, label: `${ind.code} ${ind.name}` }],
      }),
    );
  }
  return flags;
}

// ── Reports ───────────────────────────────────────────────────────────────────────────────────

export function reportFlags(reports: readonly ReportFact[], today: string): TRiskFlag[] {
  const flags: TRiskFlag[] = [];
  for (const r of reports) {
    const links = [
      { kind: 'report' as const, id: r.reportId, label: `Báo cáo của ${r.unitName}` },
      { kind: 'unit' as const, id: r.unitId, label: r.unitName },
    ];
    const days = r.daysLate ?? 0;
    if (r.timeliness === 'missing' || r.timeliness === 'overdue') {
      const missing = r.timeliness === 'missing';
      flags.push(
        flag('report_missing', (missing ? 0.6 : 0.45) + 0.2 * clamp01(days / 30), {
          title: `${r.unitName} ${missing ? 'không nộp báo cáo' : 'chưa nộp báo cáo, đã quá hạn'}`,
          evidence: [
            `Hạn nộp ${shortDate(r.dueDate)}; đến ${shortDate(today)} chưa gửi (quá ${days} ngày).`,
            missing
              ? 'Đã quá thời gian gia hạn hoặc đợt đã đóng: tính là không nộp.'
              : 'Còn trong thời gian gia hạn.',
          ],
          links,
        }),
      );
    } else if (r.timeliness === 'late') {
      flags.push(
        flag('report_late', 0.1 + 0.25 * clamp01(days / 30), {
          title: `${r.unitName} nộp báo cáo muộn ${days} ngày`,
          evidence: [
            `Hạn nộp ${shortDate(r.dueDate)}; gửi lần đầu ngày ${shortDate(addDays(r.dueDate, days))}.`,
          ],
          links,
        }),
      );
    }
  }
  return flags;
}

/** Highest score first; ties by the rule's order, then by title (Vietnamese collation). */
export function rankFlags(flags: TRiskFlag[]): TRiskFlag[] {
  return [...flags].sort(
    (a, b) =>
      b.score - a.score ||
      RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) ||
      a.title.localeCompare(b.title, 'vi'),
  );
}

/** The round's ranked risk flags as of `today`. */
export async function getRoundRisks(db: Executor, roundId: string, today: string): Promise<TRiskList> {
  const round = await riskRound(db, roundId);
  const [tasks, reports, rootOrgUnitId] = [
    await openTasks(db, round.planId),
    await roundReportTimeliness(db, roundId, today),
    await rootOrgUnit(db),
  ];
  const indicators = await roundIndicators(db, { round, rootOrgUnitId, today });
  return {
    asOf: today,
    rules: RULE_ORDER.map((rule) => ({ rule, text: RISK_RULE_TEXTS[rule] })),
    items: rankFlags([
      ...taskFlags(tasks, today),
      ...indicatorProjectionFlags(indicators),
      ...indicatorDeclineFlags(indicators),
      ...reportFlags(reports, today),
    ]),
  };
}
