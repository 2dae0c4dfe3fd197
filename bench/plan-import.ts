/**
 * `npm run bench:plan-import -- [--quick] [--db=pglite|postgresql|both] [--rows=N] [--out=FILE]`
 *
 * Importing a plan annex (issue 12): a generated annex of N rows (default 1,000: 10 Roman groups ×
 * 9 numbered groups × 10 tasks, leads and co-operators of the demo province written the ways people
 * write them — full names, short names, KH&CN-style abbreviations, "UBND các xã, phường" on one row
 * in twenty — and deadlines as dates, quarters, years and "Hằng năm") is sent to the real server
 * (`node --import tsx server/main.ts`, demo data loaded by a first start, then started again so its
 * memory is the import's): POST /api/plans/import/preview with the file, then POST /api/plans/import
 * with the rows into a new plan. Target: preview + write ≤ 5 s. Three runs (one with --quick), each
 * into a plan of its own; the server's RSS before and its peak (VmHWM) after. Prints Markdown and
 * writes bench/results/<date>-plan-import[-quick].json.
 */
import ExcelJS from 'exceljs';
import type { TPlanImportPreview, TPlanImportResult } from '../common/contracts/plan-import';
import { DEMO_PASSWORD } from '../e2e/server';
import { demoOrgUnits } from '../server/demo/org-units';
import { writeBenchResult } from './results';
import {
  type DbKind,
  describeMachine,
  firstStart,
  machine,
  onFreshDatabase,
  parseBenchArgs,
  procStatusKb,
  resultFile,
  round1,
} from './server-setup';

const { args, quick, kinds, outArg } = parseBenchArgs();
const ROWS = Number(args.find((a) => a.startsWith('--rows='))?.slice(7) ?? 1000);
const RUNS = quick ? 1 : 3;
const TARGET_MS = 5000;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** An annex of about `rows` rows, as the secretariat would type it. */
async function generateAnnex(rows: number): Promise<Buffer> {
  const units = demoOrgUnits();
  const bodies = units.filter(
    (u) => u.kind === 'department' || u.kind === 'party_body' || u.kind === 'other',
  );
  const communes = units.filter((u) => u.kind === 'commune' || u.kind === 'ward');
  const nameOf = (i: number) => {
    const u = bodies[i % bodies.length]!;
    // full name, short name (Sở KH&CN…), or the name in capitals
    return i % 3 === 0 ? u.name : i % 3 === 1 ? (u.shortName ?? u.name) : u.name.toUpperCase();
  };
  const deadline = (i: number): string | Date => {
    const year = 2026 + (i % 5);
    switch (i % 5) {
      case 0:
        return new Date(Date.UTC(year, 11, 31));
      case 1:
        return `Quý ${['I', 'II', 'III', 'IV'][i % 4]}/${year}`;
      case 2:
        return String(year);
      case 3:
        return 'Hằng năm';
      default:
        return `30/06/${year}`;
    }
  };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục');
  sheet.addRow(['PHỤ LỤC']);
  sheet.addRow(['(Kèm theo Kế hoạch số 99/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Nghệ An)']);
  sheet.addRow(['Kế hoạch thử nghiệm nhập phụ lục lớn']);
  sheet.addRow(['Giai đoạn 2026–2030']);
  sheet.addRow([]);
  sheet.addRow([
    'STT',
    'Nhiệm vụ',
    'Cơ quan chủ trì',
    'Cơ quan phối hợp',
    'Thời gian hoàn thành',
    'Sản phẩm',
  ]);
  const perGroup = Math.ceil(rows / 10);
  const subGroups = 9;
  const tasks = Math.max(1, Math.floor((perGroup - 1 - subGroups) / subGroups));
  let n = 0;
  for (let g = 0; g < 10 && n < rows; g++) {
    sheet.addRow([ROMAN[g], `NHÓM NHIỆM VỤ SỐ ${g + 1}`]);
    n++;
    for (let s = 1; s <= subGroups && n < rows; s++) {
      sheet.addRow([`${s}.`, `Nhóm con ${g + 1}.${s}: chuyển đổi số, khoa học và công nghệ`, nameOf(g + s)]);
      n++;
      for (let t = 1; t <= tasks && n < rows; t++, n++) {
        const i = n;
        const cooperators =
          i % 20 === 0
            ? 'UBND các xã, phường'
            : [nameOf(i + 1), nameOf(i + 2), communes[i % communes.length]!.name]
                .slice(0, 1 + (i % 3))
                .join('; ');
        sheet.addRow([
          `${s}.${t}`,
          `Nhiệm vụ ${i}: triển khai ứng dụng công nghệ số, đổi mới sáng tạo trong lĩnh vực số ${i % 37}`,
          nameOf(i),
          cooperators,
          deadline(i),
          `Báo cáo kết quả nhiệm vụ ${i}`,
        ]);
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function signInSecretariat(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'secretariat', password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in → ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': csrfToken };
}

async function timedPost<T>(url: string, headers: Record<string, string>, body: Buffer | string) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const answer = (await res.json()) as T;
  return { ms: performance.now() - started, status: res.status, answer };
}

async function measure(kind: DbKind, file: Buffer) {
  return onFreshDatabase(
    kind,
    { pglite: 'lotrinh-bench-plan-import-', postgresql: 'lotrinh_bench_plan_import_' },
    async (location, server) => {
      await firstStart(server, location.env);
      const running = await server.start({ launcher: 'node-tsx', env: location.env });
      const auth = await signInSecretariat(running.baseUrl);
      const rssBeforeKb = procStatusKb(running.pid, 'VmRSS');
      const runs = [];
      for (let run = 1; run <= RUNS; run++) {
        const preview = await timedPost<TPlanImportPreview>(
          `${running.baseUrl}/api/plans/import/preview`,
          { ...auth, 'content-type': 'application/octet-stream' },
          file,
        );
        if (preview.status !== 200)
          throw new Error(`preview → ${preview.status}: ${JSON.stringify(preview.answer)}`);
        if (!preview.answer.canCommit) {
          const first = preview.answer.rows.flatMap((r) => r.issues).find((i) => i.severity === 'error');
          throw new Error(`the generated annex has errors: ${first?.message}`);
        }
        const write = await timedPost<TPlanImportResult>(
          `${running.baseUrl}/api/plans/import`,
          { ...auth, 'content-type': 'application/json' },
          JSON.stringify({
            layout: preview.answer.layout,
            rows: preview.answer.rows.map((r) => ({ row: r.row, cells: r.cells })),
            target: {
              kind: 'new',
              plan: {
                number: `99/KH-UBND-${kind}-${run}`,
                title: 'Kế hoạch thử nghiệm nhập phụ lục lớn',
                issuingBody: 'Ủy ban nhân dân tỉnh Nghệ An',
                horizonStartYear: 2026,
                horizonEndYear: 2030,
              },
            },
            fileName: 'phu-luc-1000-dong.xlsx',
          }),
        );
        if (write.status !== 201)
          throw new Error(`import → ${write.status}: ${JSON.stringify(write.answer).slice(0, 500)}`);
        const r = {
          run,
          rows: preview.answer.counts.rows,
          groups: write.answer.groups,
          tasks: write.answer.tasks,
          previewMs: round1(preview.ms),
          writeMs: round1(write.ms),
          totalMs: round1(preview.ms + write.ms),
        };
        console.error(`${kind} run ${run}: preview ${r.previewMs} ms, write ${r.writeMs} ms`);
        runs.push(r);
      }
      return {
        kind,
        runs,
        rssBeforeMb: Math.round(rssBeforeKb / 1024),
        peakRssMb: Math.round(procStatusKb(running.pid, 'VmHWM') / 1024),
      };
    },
  );
}

async function main() {
  const file = await generateAnnex(ROWS);
  const results = [];
  for (const kind of kinds) results.push(await measure(kind, file));
  const m = machine();
  const date = new Date().toISOString().slice(0, 10);
  console.log(`## Plan annex import — ${date}\n`);
  console.log(
    `${describeMachine(m)}; load ${m.loadAverage['1min']}/${m.loadAverage['5min']}/${m.loadAverage['15min']}\n`,
  );
  console.log(
    `Annex: ${ROWS} rows, ${Math.round(file.length / 1024)} KB. Target: preview + write ≤ ${TARGET_MS / 1000} s.\n`,
  );
  console.log('| database | run | rows | preview (ms) | write (ms) | total (ms) | within target |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    for (const run of r.runs) {
      console.log(
        `| ${r.kind} | ${run.run} | ${run.rows} | ${run.previewMs} | ${run.writeMs} | ${run.totalMs} | ${run.totalMs <= TARGET_MS ? 'yes' : 'no'} |`,
      );
    }
  }
  console.log('');
  for (const r of results)
    console.log(`${r.kind}: server RSS ${r.rssBeforeMb} MB before, peak ${r.peakRssMb} MB.`);
  writeBenchResult(resultFile(outArg, `${date}-plan-import${quick ? '-quick' : ''}.json`), {
    date,
    machine: m,
    annex: { rows: ROWS, bytes: file.length },
    targetMs: TARGET_MS,
    results,
  });
}

await main();
