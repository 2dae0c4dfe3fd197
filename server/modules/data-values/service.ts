import { Param, sql } from 'drizzle-orm';
import {
  DATA_VALUE_ERRORS_LISTED,
  type TDataValueInput,
  type TRowError,
  type TWriteDataValuesResult,
  type WriteMode,
} from '../../../common/contracts/data-values';
import type { DataValueState } from '../../../common/enums';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError } from '../../errors/app-error';
import { type Actor, can } from '../../policy';
import { auditChange } from '../audit/service';
import {
  createEntryGuards,
  keyOf,
  lockMessage,
  lockParams,
  type ReportLock,
  VALUE_STATE_OF_REPORT,
} from './guards';
import { applyToRollups, type ValueChange } from './rollups';
import { type CatalogueEntry, type UnitEntry, validateDataValue } from './validate';

/** Rows per statement: keeps parameters and memory bounded for a file of a million rows. */
const CHUNK = 20_000;

/** Canonical numeric text, so 5, 5.0 and "5.000" compare equal. */
const canonical = (n: number | string | null) => (n === null ? null : String(Number(n)));

/** The catalogue entries of these codes (upper case), keyed by code. */
export async function loadCatalogue(db: Executor, codes: string[]): Promise<Map<string, CatalogueEntry>> {
  const rows = rowsOf<{
    id: string;
    code: string;
    name: string;
    value_type: CatalogueEntry['valueType'];
    direction: CatalogueEntry['direction'];
    aggregation: string;
    frequency: CatalogueEntry['frequency'];
    formula: string | null;
    reported_by: CatalogueEntry['reportedBy'];
    targets: Record<string, number>;
    rule_min: string | null;
    rule_max: string | null;
    rule_integer: boolean;
    rule_not_above_id: string | null;
    rule_comment_when_off_target: boolean;
    archived_at: unknown;
  }>(await db.execute(sql`select * from indicators where code = any(${new Param(codes)}::text[])`));
  const num = (v: string | null) => (v === null ? null : Number(v));
  return new Map(
    rows.map((r) => [
      r.code,
      {
        id: r.id,
        code: r.code,
        name: r.name,
        valueType: r.value_type,
        direction: r.direction,
        aggregation: r.aggregation,
        frequency: r.frequency,
        formula: r.formula,
        reportedBy: r.reported_by,
        targets: r.targets,
        ruleMin: num(r.rule_min),
        ruleMax: num(r.rule_max),
        ruleInteger: r.rule_integer,
        ruleNotAboveId: r.rule_not_above_id,
        ruleCommentWhenOffTarget: r.rule_comment_when_off_target,
        archived: r.archived_at !== null,
      },
    ]),
  );
}

async function loadUnits(db: Executor, codes: string[]): Promise<Map<string, UnitEntry>> {
  const rows = rowsOf<UnitEntry>(
    await db.execute(
      sql`select id, code, name, kind, active from org_units where code = any(${new Param(codes)}::text[])`,
    ),
  );
  return new Map(rows.map((r) => [r.code, r]));
}

interface Stored {
  value: string;
  comment: string | null;
  version: number;
  state: DataValueState;
}

/** The stored values of these keys, locked for this transaction, in key order (no deadlocks). */
async function lockStored(tx: Executor, keys: { indicatorId: string; orgUnitId: string; period: string }[]) {
  const found = new Map<string, Stored>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const rows = rowsOf<Stored & { indicator_id: string; org_unit_id: string; period: string }>(
      await tx.execute(sql`
        select v.indicator_id, v.org_unit_id, v.period, v.value::text as value, v.comment, v.version, v.state
        from data_values v
        join unnest(${new Param(part.map((k) => k.indicatorId))}::uuid[],
                    ${new Param(part.map((k) => k.orgUnitId))}::uuid[],
                    ${new Param(part.map((k) => k.period))}::text[]) as k(indicator_id, org_unit_id, period)
          on v.indicator_id = k.indicator_id and v.org_unit_id = k.org_unit_id and v.period = k.period
        order by v.indicator_id, v.org_unit_id, v.period
        for update of v`),
    );
    for (const r of rows) found.set(keyOf(r.indicator_id, r.org_unit_id, r.period), r);
  }
  return found;
}

/** Bits of the one-number key per dimension: 2^17 indicators, 2^20 units, 2^16 periods = 53 bits. */
const KEY_BITS = { indicator: 17, unit: 20, period: 16 } as const;

/**
 * A key of (indicator, unit, period) as one number, each dimension numbered as first seen by its
 * own counter and packed into its own bit field: a million keys fit in a few MB, where strings
 * would take a hundred. Past a field's width (131,072 indicators, 1,048,576 units or 65,536
 * periods in one write, far above a country's) keys become strings: never two keys as one.
 */
export function createKeyIndex(bits: { indicator: number; unit: number; period: number } = KEY_BITS) {
  if (bits.indicator + bits.unit + bits.period > 53) throw new Error('key fields exceed 53 bits');
  const numbering = () => {
    const seen = new Map<string, number>();
    return (s: string) => {
      let n = seen.get(s);
      if (n === undefined) {
        n = seen.size;
        seen.set(s, n);
      }
      return n;
    };
  };
  const indicatorOrd = numbering();
  const unitOrd = numbering();
  const periodOrd = numbering();
  return (indicatorId: string, orgUnitId: string, period: string): number | string => {
    const i = indicatorOrd(indicatorId);
    const u = unitOrd(orgUnitId);
    const p = periodOrd(period);
    if (i >= 2 ** bits.indicator || u >= 2 ** bits.unit || p >= 2 ** bits.period)
      return keyOf(indicatorId, orgUnitId, period);
    return (i * 2 ** bits.unit + u) * 2 ** bits.period + p;
  };
}

interface Planned {
  row: number;
  indicator: CatalogueEntry;
  unit: UnitEntry;
  input: TDataValueInput;
  /** the state the value takes when written (null: cleared) */
  state?: DataValueState | null;
}

export interface WriterOptions {
  tx: Transaction;
  mode: WriteMode;
  dryRun: boolean;
  actor: Actor;
  today: string;
  source: 'json' | 'csv' | 'xlsx';
  /**
   * A correction by the secretariat (POST /api/data-values/corrections): it may change values a
   * sent report carries, which keep their state; the reason goes to the revision and the audit.
   */
  correction?: { reason: string };
}

/**
 * Validates and writes data values in the caller's transaction, a batch at a time, so a file of a
 * million rows is never held whole: per-row errors, then (unless a dry run, or all_or_nothing
 * once a row was refused) creates, updates and clears in set-based statements, their revisions
 * and the roll-ups; `finish` writes one audit event. Re-sending the same rows changes nothing.
 *
 * all_or_nothing: after the first refused row no batch is written; when an earlier batch was,
 * `finish` reports `mustRollBack` and the caller rolls the transaction back.
 *
 * What a write may touch (guards.ts): nothing before the plan's start; for a unit's officers and
 * heads only the periods the plan's value_entry_window allows; and no value a submitted,
 * approved or accepted report carries (row error `value_locked`, naming the report and its
 * state) — on every path, JSON or file, for every role: the secretariat changes such a value
 * only as a correction, with a reason (`options.correction`). A value that would stay as it is
 * is not refused, so re-sending an accepted report's file changes nothing and refuses nothing.
 * `locked` lists the refused rows' reports: writeDataValues turns the refusal of a single value
 * into a 409 problem (see there).
 */
export function createDataValueWriter(options: WriterOptions) {
  const { tx, actor, today } = options;
  const catalogue = new Map<string, CatalogueEntry | undefined>();
  const units = new Map<string, UnitEntry | undefined>();
  const firstRowOfKey = new Map<number | string, number>();
  const compactKey = createKeyIndex();
  const guards = createEntryGuards(tx);
  /** the reports of the rows refused as value_locked (the first DATA_VALUE_ERRORS_LISTED) */
  const locked: { row: number; lock: ReportLock }[] = [];
  // the secretariat corrects (with a reason) and is not bound by the plan's entry window
  const writeAction = options.correction ? 'correct' : 'update';
  const unbounded = (unitId: string) => can(actor, 'correct', { type: 'data_value', orgUnitIds: [unitId] });

  const result: TWriteDataValuesResult = {
    applied: false,
    dryRun: options.dryRun,
    total: 0,
    created: 0,
    updated: 0,
    cleared: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
  };
  let wrote = false;
  let lastChange: ValueChange | null = null;
  let changeCount = 0;

  const writing = () => !options.dryRun && !(options.mode === 'all_or_nothing' && result.rejected > 0);

  async function lookUp(inputs: TDataValueInput[]) {
    const newCodes = [...new Set(inputs.map((i) => i.indicatorCode.toUpperCase()))].filter(
      (c) => !catalogue.has(c),
    );
    if (newCodes.length) {
      const found = await loadCatalogue(tx, newCodes);
      for (const c of newCodes) catalogue.set(c, found.get(c));
    }
    const newUnits = [...new Set(inputs.map((i) => i.orgUnitCode))].filter((c) => !units.has(c));
    if (newUnits.length) {
      const found = await loadUnits(tx, newUnits);
      for (const c of newUnits) units.set(c, found.get(c));
    }
  }

  /** One batch: validated, then written unless the mode says otherwise. */
  async function add(inputs: TDataValueInput[], rowNumbers?: number[]): Promise<void> {
    const rowNumber = (i: number) => rowNumbers?.[i] ?? i + 1;
    await lookUp(inputs);
    const errors: TRowError[] = [];
    const rejectedRows = new Set<number>();
    const planned: Planned[] = [];
    result.total += inputs.length;

    inputs.forEach((input, i) => {
      const row = rowNumber(i);
      const indicator = catalogue.get(input.indicatorCode.toUpperCase());
      let unit = units.get(input.orgUnitCode);
      // Another unit's data is not the caller's to write, nor to learn about: same answer as unknown.
      if (unit && !can(actor, writeAction, { type: 'data_value', orgUnitIds: [unit.id] })) unit = undefined;
      const rowErrors = validateDataValue(input, row, indicator, unit, today);
      if (rowErrors.length === 0 && indicator && unit) {
        const key = compactKey(indicator.id, unit.id, input.period);
        const first = firstRowOfKey.get(key);
        if (first !== undefined) {
          rowErrors.push({
            row,
            field: 'period',
            code: 'duplicate_row',
            message: `Trùng chỉ tiêu, đơn vị và kỳ với dòng ${first}.`,
          });
        } else {
          firstRowOfKey.set(key, row);
          planned.push({ row, indicator, unit, input });
        }
      }
      if (rowErrors.length) {
        rejectedRows.add(row);
        errors.push(...rowErrors);
      }
    });

    const periodErrors = await guards.checkPeriods(
      planned.map((p) => ({
        row: p.row,
        indicatorId: p.indicator.id,
        orgUnitId: p.unit.id,
        period: p.input.period,
        unbounded: unbounded(p.unit.id),
      })),
    );
    for (const e of periodErrors) {
      rejectedRows.add(e.row);
      errors.push(e);
    }
    const inWindow = planned.filter((p) => !rejectedRows.has(p.row));
    const keys = inWindow.map((p) => ({
      indicatorId: p.indicator.id,
      orgUnitId: p.unit.id,
      period: p.input.period,
    }));
    // reports before values: the order a report's submission takes them in (guards.ts)
    const reportLocks = await guards.reportLocks(keys);
    const stored = await lockStored(tx, keys);
    await checkCeilings(inWindow, rejectedRows, errors);

    // Edits based on an old version lose to the newer one, visibly.
    for (const p of inWindow) {
      const current = stored.get(keyOf(p.indicator.id, p.unit.id, p.input.period));
      if (p.input.version !== undefined && (current?.version ?? 0) !== p.input.version) {
        rejectedRows.add(p.row);
        errors.push({
          row: p.row,
          field: 'version',
          code: 'version_conflict',
          message: `Giá trị đã được người khác sửa (phiên bản hiện tại: ${current?.version ?? 'chưa có'}). Tải lại để xem bản mới nhất.`,
        });
      }
    }

    const accepted = planned.filter((p) => !rejectedRows.has(p.row));
    const creates: Planned[] = [];
    const updates: Planned[] = [];
    const clears: Planned[] = [];
    for (const p of accepted) {
      const key = keyOf(p.indicator.id, p.unit.id, p.input.period);
      const current = stored.get(key);
      const comment = p.input.comment?.trim() || null;
      let list: Planned[] | null = null;
      if (p.input.value === null) {
        if (current) list = clears;
      } else if (!current) {
        list = creates;
      } else if (
        canonical(current.value) !== canonical(p.input.value) ||
        (current.comment ?? null) !== comment
      ) {
        list = updates;
      }
      if (!list) {
        result.unchanged++;
        continue;
      }
      const lock = reportLocks.get(key);
      if (lock && !options.correction) {
        rejectedRows.add(p.row);
        errors.push({ row: p.row, field: 'value', code: 'value_locked', message: lockMessage(lock) });
        if (locked.length < DATA_VALUE_ERRORS_LISTED) locked.push({ row: p.row, lock });
        continue;
      }
      p.state = list === clears ? null : stateAfterWrite(current, lock);
      list.push(p);
    }
    errors.sort((a, b) => a.row - b.row);
    result.created += creates.length;
    result.updated += updates.length;
    result.cleared += clears.length;
    result.rejected += rejectedRows.size;
    const room = DATA_VALUE_ERRORS_LISTED - result.errors.length;
    if (room > 0) result.errors.push(...errors.slice(0, room));

    if (!writing()) return;
    if (creates.length + updates.length + clears.length === 0) return;
    wrote = true;
    const changes = await applyBatch(stored, creates, updates, clears);
    changeCount += changes.length;
    lastChange = changes.at(-1) ?? lastChange;
  }

  /** A changed value is a draft again; a correction keeps the state of its report's values. */
  function stateAfterWrite(current: Stored | undefined, lock: ReportLock | undefined): DataValueState {
    if (!options.correction) return 'draft';
    if (current) return current.state;
    return lock ? VALUE_STATE_OF_REPORT[lock.status] : 'draft';
  }

  /** Rows of a file that never became inputs: unreadable (refused) or with an empty value (left). */
  function addUnread(errors: TRowError[], skipped: number): void {
    result.total += errors.length + skipped;
    result.unchanged += skipped;
    result.rejected += new Set(errors.map((e) => e.row)).size;
    const room = DATA_VALUE_ERRORS_LISTED - result.errors.length;
    if (room > 0) result.errors.push(...errors.slice(0, room));
  }

  /** A value may not exceed its "not above" indicator's value for the same unit and period. */
  async function checkCeilings(planned: Planned[], rejectedRows: Set<number>, errors: TRowError[]) {
    const ceilings = planned.filter((p) => p.indicator.ruleNotAboveId && p.input.value !== null);
    if (!ceilings.length) return;
    // the value in this batch if it is there, else the stored one
    const inRequest = new Map(
      planned.map((p) => [keyOf(p.indicator.id, p.unit.id, p.input.period), p.input.value]),
    );
    const ceilingKeys = ceilings.map((p) => ({
      indicatorId: p.indicator.ruleNotAboveId!,
      orgUnitId: p.unit.id,
      period: p.input.period,
    }));
    const storedCeilings = await lockStored(tx, ceilingKeys);
    const ceilingIds = [...new Set(ceilingKeys.map((k) => k.indicatorId))];
    const codeById = new Map(
      rowsOf<{ id: string; code: string }>(
        await tx.execute(
          sql`select id, code from indicators where id = any(${new Param(ceilingIds)}::uuid[])`,
        ),
      ).map((r) => [r.id, r.code]),
    );
    ceilings.forEach((p, i) => {
      const k = ceilingKeys[i]!;
      const key = keyOf(k.indicatorId, k.orgUnitId, k.period);
      const limit = inRequest.has(key)
        ? inRequest.get(key)
        : canonical(storedCeilings.get(key)?.value ?? null);
      if (limit !== null && limit !== undefined && p.input.value! > Number(limit)) {
        rejectedRows.add(p.row);
        errors.push({
          row: p.row,
          field: 'value',
          code: 'above_related',
          message: `Giá trị không được lớn hơn giá trị của chỉ tiêu ${codeById.get(k.indicatorId)} (${Number(limit)}) cùng đơn vị, cùng kỳ.`,
        });
      }
    });
  }

  async function applyBatch(
    stored: Map<string, Stored>,
    creates: Planned[],
    updates: Planned[],
    clears: Planned[],
  ): Promise<ValueChange[]> {
    const changes: ValueChange[] = [];
    const change = (p: Planned, before: string | null, after: string | null) =>
      changes.push({
        indicatorId: p.indicator.id,
        orgUnitId: p.unit.id,
        period: p.input.period,
        before,
        after,
      });
    const columns = (list: Planned[]) => ({
      indicatorIds: new Param(list.map((p) => p.indicator.id)),
      orgUnitIds: new Param(list.map((p) => p.unit.id)),
      periods: new Param(list.map((p) => p.input.period)),
      values: new Param(list.map((p) => (p.input.value === null ? null : String(p.input.value)))),
      comments: new Param(list.map((p) => p.input.comment?.trim() || null)),
      states: new Param(list.map((p) => p.state ?? null)),
    });

    for (let i = 0; i < creates.length; i += CHUNK) {
      const part = creates.slice(i, i + CHUNK);
      const c = columns(part);
      // Another writer may have created a key since we looked: those rows are updates after all.
      const inserted = rowsOf<{ indicator_id: string; org_unit_id: string; period: string }>(
        await tx.execute(sql`
          insert into data_values (indicator_id, org_unit_id, period, value, comment, state, updated_by)
          select k.indicator_id, k.org_unit_id, k.period, k.value, k.comment, k.state, ${actor.userId}::uuid
          from unnest(${c.indicatorIds}::uuid[], ${c.orgUnitIds}::uuid[], ${c.periods}::text[],
                      ${c.values}::numeric[], ${c.comments}::text[], ${c.states}::text[])
            as k(indicator_id, org_unit_id, period, value, comment, state)
          order by 1, 2, 3
          on conflict do nothing
          returning indicator_id, org_unit_id, period`),
      );
      const done = new Set(inserted.map((r) => keyOf(r.indicator_id, r.org_unit_id, r.period)));
      const raced = part.filter((p) => !done.has(keyOf(p.indicator.id, p.unit.id, p.input.period)));
      for (const p of part)
        if (done.has(keyOf(p.indicator.id, p.unit.id, p.input.period)))
          change(p, null, String(p.input.value));
      if (raced.length) {
        const now = await lockStored(
          tx,
          raced.map((p) => ({ indicatorId: p.indicator.id, orgUnitId: p.unit.id, period: p.input.period })),
        );
        for (const p of raced)
          stored.set(
            keyOf(p.indicator.id, p.unit.id, p.input.period),
            now.get(keyOf(p.indicator.id, p.unit.id, p.input.period))!,
          );
        // a correction keeps the state the raced value has; an ordinary write makes it a draft
        for (const p of raced)
          if (options.correction) p.state = now.get(keyOf(p.indicator.id, p.unit.id, p.input.period))!.state;
        updates.push(...raced);
        result.created -= raced.length;
        result.updated += raced.length;
      }
    }

    for (let i = 0; i < updates.length; i += CHUNK) {
      const part = updates.slice(i, i + CHUNK);
      const c = columns(part);
      await tx.execute(sql`
        update data_values v set value = k.value, comment = k.comment, version = v.version + 1,
          state = k.state, updated_by = ${actor.userId}::uuid, updated_at = now()
        from unnest(${c.indicatorIds}::uuid[], ${c.orgUnitIds}::uuid[], ${c.periods}::text[],
                    ${c.values}::numeric[], ${c.comments}::text[], ${c.states}::text[])
          as k(indicator_id, org_unit_id, period, value, comment, state)
        where v.indicator_id = k.indicator_id and v.org_unit_id = k.org_unit_id and v.period = k.period`);
      for (const p of part) {
        change(p, stored.get(keyOf(p.indicator.id, p.unit.id, p.input.period))!.value, String(p.input.value));
      }
    }

    for (let i = 0; i < clears.length; i += CHUNK) {
      const part = clears.slice(i, i + CHUNK);
      const c = columns(part);
      await tx.execute(sql`
        delete from data_values v
        using unnest(${c.indicatorIds}::uuid[], ${c.orgUnitIds}::uuid[], ${c.periods}::text[])
          as k(indicator_id, org_unit_id, period)
        where v.indicator_id = k.indicator_id and v.org_unit_id = k.org_unit_id and v.period = k.period`);
      for (const p of part)
        change(p, stored.get(keyOf(p.indicator.id, p.unit.id, p.input.period))!.value, null);
    }

    const revised = [...new Set([...creates, ...updates, ...clears])];
    for (let i = 0; i < revised.length; i += CHUNK) {
      const c = columns(revised.slice(i, i + CHUNK));
      await tx.execute(sql`
        insert into data_value_revisions
          (indicator_id, org_unit_id, period, value, comment, state, changed_by, request_id, reason)
        select k.indicator_id, k.org_unit_id, k.period, k.value, k.comment, k.state, ${actor.userId}::uuid,
          ${actor.requestId}, ${options.correction?.reason ?? null}::text
        from unnest(${c.indicatorIds}::uuid[], ${c.orgUnitIds}::uuid[], ${c.periods}::text[],
                    ${c.values}::numeric[], ${c.comments}::text[], ${c.states}::text[])
          as k(indicator_id, org_unit_id, period, value, comment, state)`);
    }

    for (let i = 0; i < changes.length; i += CHUNK) await applyToRollups(tx, changes.slice(i, i + CHUNK));
    return changes;
  }

  /** The result, and one audit event for everything written. */
  async function finish(): Promise<TWriteDataValuesResult & { mustRollBack: boolean }> {
    result.applied = writing();
    const mustRollBack = !result.applied && wrote;
    if (result.applied && changeCount > 0) {
      const single = result.total === 1 && changeCount === 1 ? lastChange : null;
      const reason = options.correction ? { reason: options.correction.reason } : {};
      await auditChange(
        tx,
        actor,
        options.correction ? 'data_value.correct' : 'data_value.write',
        {
          type: 'data_value',
          id: single ? keyOf(single.indicatorId, single.orgUnitId, single.period) : null,
          orgUnitId: single?.orgUnitId ?? null,
        },
        single
          ? { before: { value: single.before }, after: { value: single.after, ...reason } }
          : {
              after: {
                source: options.source,
                created: result.created,
                updated: result.updated,
                cleared: result.cleared,
                unchanged: result.unchanged,
                rejected: result.rejected,
                ...reason,
              },
            },
      );
    }
    return { ...result, mustRollBack };
  }

  return { add, addUnread, finish, locked };
}

/**
 * Validates and writes the given values in the caller's transaction (see createDataValueWriter):
 * with all_or_nothing, one refused row and nothing is written.
 */
export async function writeDataValues(
  options: WriterOptions & {
    inputs: TDataValueInput[];
    /** 1-based row numbers to report errors against (default: position + 1) */
    rowNumbers?: number[];
  },
): Promise<TWriteDataValuesResult> {
  // one batch: every row is validated before any is written
  const writer = createDataValueWriter(options);
  await writer.add(options.inputs, options.rowNumbers);
  // One value refused because its report froze it is a conflict with the report's state, as
  // editing the report itself would be (409 report_not_editable): a problem naming the report and
  // its state. Several rows keep the row report, where each row has its own answer.
  const refusal = writer.locked[0];
  if (options.inputs.length === 1 && refusal && !options.dryRun) {
    throw new AppError('value_locked', {
      params: lockParams(refusal.lock),
      errors: [{ field: 'values.0.value', code: 'value_locked', message: lockMessage(refusal.lock) }],
      current: { reportId: refusal.lock.reportId, status: refusal.lock.status },
    });
  }
  const { mustRollBack: _, ...result } = await writer.finish();
  return result;
}

/**
 * The state of the values a report carries follows the report: submitted when it is sent,
 * approved when the head approves, draft again when it is returned or reopened (a changed value
 * is a draft again too: see the update above). Each change is a revision; the version, which guards
 * the content against lost updates, stays. Returns how many values changed state.
 */
export async function setValueStates(
  tx: Executor,
  options: {
    orgUnitId: string;
    period: string;
    indicatorIds: readonly string[];
    state: DataValueState;
    actor: Actor;
  },
): Promise<number> {
  if (options.indicatorIds.length === 0) return 0;
  const changed = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with changed as (
        update data_values v set state = ${options.state}
        where v.org_unit_id = ${options.orgUnitId} and v.period = ${options.period}
          and v.indicator_id = any(${new Param([...options.indicatorIds])}::uuid[]) and v.state <> ${options.state}
        returning v.indicator_id, v.org_unit_id, v.period, v.value, v.comment, v.state
      ),
      revised as (
        insert into data_value_revisions
          (indicator_id, org_unit_id, period, value, comment, state, changed_by, request_id)
        select indicator_id, org_unit_id, period, value, comment, state, ${options.actor.userId}::uuid,
          ${options.actor.requestId}
        from changed
      )
      select count(*)::int as n from changed`),
  );
  return changed[0]?.n ?? 0;
}
