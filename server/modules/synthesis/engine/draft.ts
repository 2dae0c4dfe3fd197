/**
 * draftSynthesis: the round's narrative from its units' sentences, with no model.
 *
 * Obstacles and proposals are clustered apart (the same code and defaults as clusterSentences); each
 * cluster goes to the theme (lexicon concept) most of its sentences mention, or to "other". The draft
 * has an overview, a section per theme and a section per group of tasks. Each of its sentences is a
 * template ("N/M đơn vị nêu …") filled with counts and with representative sentences quoted word for
 * word (chosen by maximal marginal relevance), and carries the ids of the sentences it counts or
 * quotes, set when the sentence is built: nothing is attributed afterwards.
 */
import { mmrSelect } from './cluster';
import { clusterSpace, type IndexedCluster, QUOTE_REPEAT, resolveOptions } from './clusters';
import { buildFeatureSpace, type FeatureSpace } from './features';
import { normalizeText } from './normalize';
import type {
  DraftInput,
  DraftSentence,
  SentenceKind,
  SourceSentence,
  Synthesis,
  SynthesisCluster,
  SynthesisSection,
} from './types';

/** Clusters quoted one by one in a theme, per kind; smaller ones are summed up in one sentence. */
const CLUSTER_SENTENCES_PER_THEME = 4;
/** Themes named in the overview. */
const OVERVIEW_THEMES = 4;
const OTHER_THEME = -1;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniqueSorted = (values: Iterable<string>) => [...new Set(values)].sort(byCodeUnit);

/** "Kinh phí, nguồn vốn" → "kinh phí, nguồn vốn" (an acronym such as "UBND" stays). */
function lowerFirst(label: string): string {
  if (/^\p{Lu}{2}/u.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

interface Context {
  sentences: SourceSentence[];
  texts: string[];
  space: FeatureSpace;
  unitCount: number;
  lambda: number;
  k: number;
}

function unitsOf(ctx: Context, members: number[]): Set<string> {
  return new Set(members.map((i) => ctx.sentences[i]!.unitId));
}

function sentence(ctx: Context, text: string, members: number[]): DraftSentence {
  const sources = members.map((i) => ctx.sentences[i]!);
  return {
    text,
    sourceSentenceIds: uniqueSorted(sources.map((s) => s.id)),
    sourceReportIds: uniqueSorted(sources.map((s) => s.reportId)),
  };
}

/**
 * How a source sentence is quoted: its normalised text word for word, without the full stop, semicolon
 * or comma that ended it (the draft's own punctuation follows the quote).
 */
export function quotedText(text: string): string {
  return normalizeText(text).text.replace(/(?<!\.\.|v\.v)[.;,:]+$/u, '');
}

/** “text” (unit); “text” (unit) — representatives quoted word for word, with their unit. */
function quotes(ctx: Context, representatives: number[]): string {
  return representatives
    .map((i) => `“${quotedText(ctx.texts[i]!)}” (${ctx.sentences[i]!.unitName})`)
    .join('; ');
}

function counted(ctx: Context, members: number[]): string {
  return `${unitsOf(ctx, members).size}/${ctx.unitCount} đơn vị`;
}

const VERB: Record<
  Exclude<SentenceKind, 'result'>,
  { about: string; together: string; alone: string; others: string }
> = {
  obstacle: {
    about: 'nêu khó khăn, vướng mắc về',
    together: 'cùng nêu',
    alone: 'nêu',
    others: 'nêu các khó khăn, vướng mắc khác',
  },
  proposal: {
    about: 'kiến nghị, đề xuất về',
    together: 'cùng kiến nghị',
    alone: 'kiến nghị',
    others: 'có các kiến nghị khác',
  },
};

/** The sentences of one kind in one theme: the largest clusters one by one, the rest together. */
function themeSentences(
  ctx: Context,
  kind: 'obstacle' | 'proposal',
  clusters: IndexedCluster[],
): DraftSentence[] {
  const ranked = [...clusters].sort(
    (a, b) =>
      unitsOf(ctx, b.members).size - unitsOf(ctx, a.members).size ||
      b.members.length - a.members.length ||
      a.members[0]! - b.members[0]!,
  );
  const out: DraftSentence[] = [];
  const rest: number[] = [];
  for (const c of ranked) {
    const units = unitsOf(ctx, c.members).size;
    if (out.length < CLUSTER_SENTENCES_PER_THEME && (units >= 2 || out.length === 0)) {
      const who = units === 1 ? ctx.sentences[c.members[0]!]!.unitName : counted(ctx, c.members);
      const said = quotes(ctx, c.representatives);
      // a theme names what the sentences are about; without one, the quotes say it themselves
      const text =
        c.conceptIndex === null
          ? `${who} ${units === 1 ? VERB[kind].alone : VERB[kind].together}: ${said}.`
          : `${who} ${VERB[kind].about} ${lowerFirst(c.label)}${units === 1 ? ':' : ', điển hình:'} ${said}.`;
      out.push(sentence(ctx, text, c.members));
    } else rest.push(...c.members);
  }
  if (rest.length > 0) {
    rest.sort((a, b) => a - b);
    const reps = mmrSelect(ctx.space.vectors, rest, ctx.k, ctx.lambda, QUOTE_REPEAT);
    const text = `Ngoài ra, ${counted(ctx, rest)} ${VERB[kind].others}, như: ${quotes(ctx, reps)}.`;
    out.push(sentence(ctx, text, rest));
  }
  return out;
}

function themeTitle(ctx: Context, theme: number): string {
  return theme === OTHER_THEME ? 'Nội dung khác' : ctx.space.matcher.concepts[theme]!.label;
}

/** "kinh phí, nguồn vốn (12/150 đơn vị); nhân lực (8/150 đơn vị)" over the largest themes. */
function overviewSentence(ctx: Context, lead: string, byTheme: Map<number, number[]>): DraftSentence | null {
  const ranked = [...byTheme]
    .filter(([theme]) => theme !== OTHER_THEME)
    .map(([theme, members]) => ({ theme, members, units: unitsOf(ctx, members).size }))
    .sort((a, b) => b.units - a.units || a.theme - b.theme)
    .slice(0, OVERVIEW_THEMES);
  if (ranked.length === 0) return null;
  const parts = ranked.map(
    (r) => `${lowerFirst(themeTitle(ctx, r.theme))} (${r.units}/${ctx.unitCount} đơn vị)`,
  );
  return sentence(
    ctx,
    `${lead} ${parts.join('; ')}.`,
    ranked.flatMap((r) => r.members),
  );
}

function groupSentences(ctx: Context, members: number[], clusterTheme: Map<number, number>): DraftSentence[] {
  const out: DraftSentence[] = [];
  const lead: Record<SentenceKind, string> = {
    result: 'báo cáo kết quả',
    obstacle: 'nêu khó khăn, vướng mắc',
    proposal: 'có kiến nghị, đề xuất',
  };
  for (const kind of ['result', 'obstacle', 'proposal'] as const) {
    const ofKind = members.filter((i) => ctx.sentences[i]!.kind === kind);
    if (ofKind.length === 0) continue;
    const reps = mmrSelect(ctx.space.vectors, ofKind, ctx.k, ctx.lambda, QUOTE_REPEAT);
    let about = '';
    if (kind !== 'result') {
      // the themes of this group's obstacles or proposals, largest first
      const themeUnits = new Map<number, Set<string>>();
      for (const i of ofKind) {
        const t = clusterTheme.get(i) ?? OTHER_THEME;
        if (t === OTHER_THEME) continue;
        const set = themeUnits.get(t) ?? new Set<string>();
        set.add(ctx.sentences[i]!.unitId);
        themeUnits.set(t, set);
      }
      const top = [...themeUnits]
        .sort((a, b) => b[1].size - a[1].size || a[0] - b[0])
        .slice(0, 2)
        .map(([t]) => lowerFirst(themeTitle(ctx, t)));
      if (top.length > 0) about = `, chủ yếu về ${top.join(' và ')}`;
    }
    const text = `${counted(ctx, ofKind)} ${lead[kind]}${about}, như: ${quotes(ctx, reps)}.`;
    out.push(sentence(ctx, text, ofKind));
  }
  return out;
}

export function draftSynthesis(input: DraftInput): Synthesis {
  const options = resolveOptions(input.options, input.lexicon ?? input.options?.lexicon);
  if (!Number.isInteger(input.unitCount) || input.unitCount < 0) {
    throw new RangeError(`unitCount must be a non-negative integer, got ${input.unitCount}`);
  }
  const sentences = [...input.sentences].sort((a, b) => byCodeUnit(a.id, b.id));
  for (let i = 1; i < sentences.length; i++) {
    if (sentences[i]!.id === sentences[i - 1]!.id)
      throw new Error(`duplicate sentence id: ${sentences[i]!.id}`);
  }
  const texts = sentences.map((s) => normalizeText(s.text).text);
  const space = buildFeatureSpace(texts, options);
  const reportingUnits = new Set(sentences.map((s) => s.unitId));
  // "N/M": M is never below the units actually seen
  const unitCount = Math.max(input.unitCount, reportingUnits.size);
  const ctx: Context = {
    sentences,
    texts,
    space,
    unitCount,
    lambda: options.mmrLambda,
    k: options.maxRepresentatives,
  };

  const clusters: SynthesisCluster[] = [];
  const clusterTheme = new Map<number, number>();
  const themeClusters = new Map<number, { obstacle: IndexedCluster[]; proposal: IndexedCluster[] }>();
  const themeMembers = { obstacle: new Map<number, number[]>(), proposal: new Map<number, number[]>() };
  for (const kind of ['obstacle', 'proposal'] as const) {
    const indices = sentences.flatMap((s, i) => (s.kind === kind ? [i] : []));
    for (const c of clusterSpace(space, texts, indices, options)) {
      const theme = c.conceptIndex ?? OTHER_THEME;
      for (const i of c.members) clusterTheme.set(i, theme);
      const entry = themeClusters.get(theme) ?? { obstacle: [], proposal: [] };
      entry[kind].push(c);
      themeClusters.set(theme, entry);
      themeMembers[kind].set(theme, [...(themeMembers[kind].get(theme) ?? []), ...c.members]);
      const members = c.members.map((i) => sentences[i]!);
      clusters.push({
        kind,
        label: c.label,
        conceptKey: c.conceptIndex === null ? null : space.matcher.concepts[c.conceptIndex]!.key,
        ids: members.map((s) => s.id),
        representativeIds: c.representatives.map((i) => sentences[i]!.id),
        reportIds: uniqueSorted(members.map((s) => s.reportId)),
        unitIds: uniqueSorted(members.map((s) => s.unitId)),
      });
    }
  }
  clusters.sort(
    (a, b) =>
      b.unitIds.length - a.unitIds.length || b.ids.length - a.ids.length || byCodeUnit(a.ids[0]!, b.ids[0]!),
  );

  const sections: SynthesisSection[] = [];
  const overview = [
    overviewSentence(ctx, 'Các khó khăn, vướng mắc được nêu nhiều nhất là về:', themeMembers.obstacle),
    overviewSentence(ctx, 'Các kiến nghị, đề xuất tập trung vào:', themeMembers.proposal),
  ].filter((s): s is DraftSentence => s !== null);
  if (overview.length > 0)
    sections.push({ key: 'overview', kind: 'overview', title: 'Tổng quan', sentences: overview });

  const themeOrder = [...themeClusters.keys()].sort((a, b) => {
    if (a === OTHER_THEME || b === OTHER_THEME) return a === OTHER_THEME ? 1 : -1;
    const units = (t: number) =>
      unitsOf(ctx, [...(themeMembers.obstacle.get(t) ?? []), ...(themeMembers.proposal.get(t) ?? [])]).size;
    return units(b) - units(a) || a - b;
  });
  for (const theme of themeOrder) {
    const entry = themeClusters.get(theme)!;
    sections.push({
      key: `theme:${theme === OTHER_THEME ? 'OTHER' : space.matcher.concepts[theme]!.key}`,
      kind: 'theme',
      title: themeTitle(ctx, theme),
      sentences: [
        ...themeSentences(ctx, 'obstacle', entry.obstacle),
        ...themeSentences(ctx, 'proposal', entry.proposal),
      ],
    });
  }

  // groups of tasks: by label (then key), the sentences without a group last
  const groups = new Map<string, { label: string; members: number[] }>();
  sentences.forEach((s, i) => {
    const key = s.groupKey ?? '';
    const g = groups.get(key) ?? { label: s.groupLabel ?? (key ? key : 'Nhiệm vụ khác'), members: [] };
    g.members.push(i);
    groups.set(key, g);
  });
  const groupOrder = [...groups].sort(([ka, a], [kb, b]) => {
    if (ka === '' || kb === '') return ka === '' ? 1 : -1;
    return a.label.localeCompare(b.label, 'vi') || byCodeUnit(ka, kb);
  });
  for (const [key, g] of groupOrder) {
    sections.push({
      key: `group:${key}`,
      kind: 'group',
      title: g.label,
      sentences: groupSentences(ctx, g.members, clusterTheme),
    });
  }

  return { unitCount, reportingUnitCount: reportingUnits.size, sections, clusters };
}
