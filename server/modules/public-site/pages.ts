/** The public pages, one function each, from the current publication's frozen rows. */
import {
  DATASET_INFO,
  type DatasetRows,
  OPEN_LICENCE,
  PUBLIC_DATASETS,
  type PublicDataset,
  type TPublicBudgetRow,
  type TPublicPolicyRow,
  type TPublicProgrammeRow,
  type TPublicTaskRow,
} from '../../../common/contracts/publishing';
import type { ItemStatus } from '../../../common/enums';
import { foldForSearch } from '../../../common/vietnamese';
import { COLUMN_LABELS, columnsOf } from '../publishing/export';
import { indicatorChart, progressBar } from './charts';
import { formatDate, formatMillions, formatNumber, type Html, html, PREFIX, scrollTable } from './html';

export const STATUS_LABELS: Record<ItemStatus, string> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  at_risk: 'Có nguy cơ chậm',
  overdue: 'Quá hạn',
  done: 'Hoàn thành',
  done_late: 'Hoàn thành trễ hạn',
};

export interface PageContent {
  title: string;
  description: string;
  body: Html;
}

type Rows = Pick<DatasetRows, PublicDataset>;

export const NOTHING_PUBLISHED: PageContent = {
  title: 'Chưa có dữ liệu công bố',
  description: 'Cổng công khai chưa có đợt công bố nào.',
  body: html`<h1>Chưa có dữ liệu công bố</h1><p>Văn phòng thường trực chưa công bố dữ liệu, hoặc đợt công bố gần nhất đã được thu hồi. Vui lòng quay lại sau.</p>`,
};

function groupsOf(tasks: TPublicTaskRow[]) {
  const groups = new Map<string, { code: string | null; title: string; tasks: TPublicTaskRow[] }>();
  for (const t of tasks) {
    const key = `${t.plan}|${t.groupCode ?? ''}`;
    const group = groups.get(key) ?? {
      code: t.groupCode,
      title: t.groupTitle ?? 'Nhiệm vụ khác',
      tasks: [],
    };
    group.tasks.push(t);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const average = (tasks: TPublicTaskRow[]) =>
  tasks.length ? tasks.reduce((s, t) => s + t.progress, 0) / tasks.length : 0;

/** Indicators drawn on the home page (each chart is a few kilobytes on a phone's connection). */
const HOME_INDICATORS = 6;

export function homePage(rows: Rows): PageContent {
  const groups = groupsOf(rows['nhiem-vu']);
  const all = new Map<string, DatasetRows['chi-tieu']>();
  for (const r of rows['chi-tieu']) all.set(r.code, [...(all.get(r.code) ?? []), r]);
  // the home page draws a few, those with figures first; the whole set is on the dataset's page
  const indicators = new Map(
    [...all]
      .sort(
        ([, a], [, b]) => Number(b.some((r) => r.actual !== null)) - Number(a.some((r) => r.actual !== null)),
      )
      .slice(0, HOME_INDICATORS),
  );
  const done = rows['nhiem-vu'].filter((t) => t.status === 'done' || t.status === 'done_late').length;
  return {
    title: 'Tiến độ thực hiện kế hoạch',
    description:
      'Tiến độ các nhóm nhiệm vụ và chỉ tiêu chủ yếu của kế hoạch hành động, công khai cho mọi người.',
    body: html`<h1>Tiến độ thực hiện kế hoạch</h1>
<p>${rows['nhiem-vu'].length} nhiệm vụ được công khai, ${done} đã hoàn thành. Số liệu dưới đây là bản đã được Văn phòng thường trực công bố.</p>
<h2 id="nhom">Tiến độ theo nhóm nhiệm vụ</h2>
${
  groups.length === 0
    ? html`<p>Chưa có nhiệm vụ nào được công khai.</p>`
    : html`<div class="grid">${groups.map((g) => {
        const avg = average(g.tasks);
        const finished = g.tasks.filter((t) => t.status === 'done' || t.status === 'done_late').length;
        const late = g.tasks.filter((t) => t.status === 'overdue').length;
        return html`<section class="card" aria-labelledby="g-${g.code ?? 'khac'}"><h3 id="g-${g.code ?? 'khac'}">${g.code ? `${g.code}. ` : ''}${g.title}</h3>
${progressBar(avg)}
<p>Tiến độ bình quân <strong>${formatNumber(Math.round(avg))}%</strong>; ${finished}/${g.tasks.length} nhiệm vụ hoàn thành${late ? html`; <strong>${late}</strong> quá hạn` : ''}.</p></section>`;
      })}</div>`
}
<h2 id="chi-tieu">Chỉ tiêu chủ yếu và lộ trình</h2>
${
  indicators.size === 0
    ? html`<p>Chưa có chỉ tiêu nào được công bố.</p>`
    : html`<div class="grid">${[...indicators].map(
        ([code, list]) =>
          html`<section class="card" aria-labelledby="i-${code}"><h3 id="i-${code}">${list[0]!.name}</h3>${indicatorChart(code, list)}</section>`,
      )}</div>
<p><a href="${PREFIX}/du-lieu/chi-tieu">Xem đủ ${all.size} chỉ tiêu và lộ trình (bảng số liệu, tải về)</a></p>`
}
<h2>Xem thêm</h2>
<ul>
<li><a href="${PREFIX}/chuong-trinh">Chương trình và chính sách hỗ trợ</a> (${rows['chuong-trinh'].length} chương trình, ${rows['chinh-sach'].length} chính sách)</li>
<li><a href="${PREFIX}/ngan-sach">Ngân sách theo chương trình và nhiệm vụ</a></li>
<li><a href="${PREFIX}/bao-cao">Báo cáo định kỳ đã ban hành</a> (${rows['bao-cao'].length})</li>
<li><a href="${PREFIX}/du-lieu">Dữ liệu mở: tải CSV, JSON, XLSX</a></li>
</ul>
${taskTable('Các nhiệm vụ được công khai', rows['nhiem-vu'])}`,
  };
}

function taskTable(caption: string, tasks: TPublicTaskRow[]): Html {
  if (tasks.length === 0) return html``;
  return html`<h2>${caption}</h2>${scrollTable(
    caption,
    html`<table><caption>${caption} (${tasks.length})</caption>
<thead><tr><th scope="col">Mã</th><th scope="col">Nhiệm vụ</th><th scope="col">Đơn vị chủ trì</th><th scope="col">Thời hạn</th><th scope="col" class="num">Tiến độ</th><th scope="col">Tình trạng</th></tr></thead>
<tbody>${tasks.map(
      (t) =>
        html`<tr><td>${t.code}</td><td>${t.title}</td><td>${t.leadUnit ?? ''}</td><td>${formatDate(t.deadline)}</td><td class="num">${t.progress}%</td><td>${STATUS_LABELS[t.status]}</td></tr>`,
    )}</tbody></table>`,
  )}`;
}

export interface CatalogueQuery {
  q?: string | undefined;
  loai?: 'chuong-trinh' | 'chinh-sach' | undefined;
  'trang-thai'?: string | undefined;
}

/** Every word of the query, without diacritics, found in the folded text. */
export function matches(query: string | undefined, ...fields: (string | null)[]): boolean {
  const words = foldForSearch(query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return true;
  const text = foldForSearch(fields.filter(Boolean).join(' '));
  return words.every((w) => text.includes(w));
}

export function cataloguePage(rows: Rows, query: CatalogueQuery): PageContent {
  const status = query['trang-thai'];
  const programmes =
    query.loai === 'chinh-sach'
      ? []
      : rows['chuong-trinh'].filter(
          (p) =>
            (!status || p.status === status) &&
            matches(query.q, p.code, p.name, p.description, p.legalBasisNumber, p.ownerUnit),
        );
  const policies =
    query.loai === 'chuong-trinh'
      ? []
      : rows['chinh-sach'].filter(
          (p) =>
            (!status || p.status === status) &&
            matches(
              query.q,
              p.name,
              p.eligibility,
              p.supportLevel,
              p.legalBasisNumber,
              p.applyAt,
              p.ownerUnit,
            ),
        );
  const statuses = [...new Set([...rows['chuong-trinh'], ...rows['chinh-sach']].map((r) => r.status))].sort();
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return {
    title: 'Chương trình và chính sách hỗ trợ',
    description:
      'Danh mục chương trình, đề án và chính sách hỗ trợ: căn cứ, đối tượng, mức hỗ trợ, cách nộp hồ sơ, thời hạn.',
    body: html`<h1>Chương trình và chính sách hỗ trợ</h1>
<form class="search" method="get" action="${PREFIX}/chuong-trinh" role="search" aria-label="Tìm chương trình, chính sách">
<label>Từ khóa (gõ có dấu hoặc không dấu)<input type="search" name="q" value="${query.q ?? ''}" maxlength="200"></label>
<label>Loại<select name="loai">${option('', 'Tất cả', !query.loai)}${option('chuong-trinh', 'Chương trình, đề án', query.loai === 'chuong-trinh')}${option('chinh-sach', 'Chính sách hỗ trợ', query.loai === 'chinh-sach')}</select></label>
<label>Tình trạng<select name="trang-thai">${option('', 'Tất cả', !status)}${statuses.map((s) => option(s, s, s === status))}</select></label>
<button type="submit">Tìm</button>
</form>
<p role="status">Tìm thấy ${programmes.length} chương trình và ${policies.length} chính sách.</p>
${query.loai === 'chinh-sach' ? '' : html`<h2>Chương trình, đề án</h2>${programmes.length ? html`<ul>${programmes.map((p) => html`<li><a href="${PREFIX}/chuong-trinh/${p.id}">${p.name}</a> <span class="muted">(${p.code}; ${p.status}${p.fromYear ? `; ${p.fromYear}–${p.toYear ?? ''}` : ''})</span></li>`)}</ul>` : html`<p>Không có chương trình phù hợp.</p>`}`}
${query.loai === 'chuong-trinh' ? '' : html`<h2>Chính sách hỗ trợ</h2>${policies.length ? html`<ul>${policies.map((p) => html`<li><a href="${PREFIX}/chinh-sach/${p.id}">${p.name}</a> <span class="muted">(${p.status}; hạn nộp: ${p.deadline ? formatDate(p.deadline) : 'thường xuyên'})</span></li>`)}</ul>` : html`<p>Không có chính sách phù hợp.</p>`}`}`,
  };
}

const legalBasis = (r: {
  legalBasisNumber: string | null;
  legalBasisDate: string | null;
  legalBasisIssuer: string | null;
}) =>
  [r.legalBasisNumber, r.legalBasisDate ? `ngày ${formatDate(r.legalBasisDate)}` : null, r.legalBasisIssuer]
    .filter(Boolean)
    .join(', ') || 'Chưa nêu';

export function policyPage(policy: TPublicPolicyRow, programme: TPublicProgrammeRow | null): PageContent {
  const fact = (label: string, value: Html | string | null) =>
    html`<dt>${label}</dt><dd>${value || 'Chưa nêu'}</dd>`;
  const level = [
    policy.supportLevel,
    policy.maxAmount !== null ? `tối đa ${formatNumber(policy.maxAmount)} đồng` : null,
    policy.maxPercent !== null ? `tối đa ${formatNumber(policy.maxPercent)}%` : null,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    title: policy.name,
    description: `Chính sách hỗ trợ: ${policy.name}. Đối tượng, mức hỗ trợ, cách thức và nơi nộp hồ sơ.`,
    body: html`<p><a href="${PREFIX}/chuong-trinh?loai=chinh-sach">← Danh sách chính sách</a></p>
<h1>${policy.name}</h1>
<dl class="facts">
${fact('Căn cứ pháp lý', legalBasis(policy))}
${fact('Đối tượng được hỗ trợ', policy.eligibility)}
${fact('Mức hỗ trợ', level)}
${fact('Cách thức nộp hồ sơ', policy.howToApply)}
${fact('Nơi nộp hồ sơ', policy.applyAt)}
${fact('Thời hạn', policy.deadline ? formatDate(policy.deadline) : 'Thường xuyên')}
${fact('Cơ quan đầu mối', [policy.contactOffice, policy.contactPhone, policy.contactEmail].filter(Boolean).join(' — '))}
${fact('Cơ quan quản lý', policy.ownerUnit)}
${fact('Tình trạng', policy.status)}
${fact('Thuộc chương trình', programme ? html`<a href="${PREFIX}/chuong-trinh/${programme.id}">${programme.name}</a>` : null)}
</dl>`,
  };
}

export function programmePage(detail: {
  programme: TPublicProgrammeRow;
  tasks: TPublicTaskRow[];
  policies: TPublicPolicyRow[];
  budget: TPublicBudgetRow[];
}): PageContent {
  const { programme: p } = detail;
  return {
    title: p.name,
    description: `Chương trình ${p.code}: ${p.name}. Căn cứ, thời gian, nhiệm vụ, chính sách và ngân sách.`,
    body: html`<p><a href="${PREFIX}/chuong-trinh?loai=chuong-trinh">← Danh sách chương trình</a></p>
<h1>${p.name}</h1>
<dl class="facts">
<dt>Mã</dt><dd>${p.code}</dd>
<dt>Căn cứ pháp lý</dt><dd>${legalBasis(p)}</dd>
<dt>Cơ quan phụ trách</dt><dd>${p.ownerUnit ?? 'Chưa nêu'}</dd>
<dt>Thời gian</dt><dd>${p.fromYear ?? '…'}–${p.toYear ?? '…'}</dd>
<dt>Tình trạng</dt><dd>${p.status}</dd>
</dl>
${p.description ? html`<h2>Mô tả</h2><p>${p.description}</p>` : ''}
${taskTable('Nhiệm vụ của kế hoạch liên quan', detail.tasks)}
<h2>Chính sách hỗ trợ thuộc chương trình</h2>
${detail.policies.length ? html`<ul>${detail.policies.map((x) => html`<li><a href="${PREFIX}/chinh-sach/${x.id}">${x.name}</a></li>`)}</ul>` : html`<p>Không có.</p>`}
<h2>Ngân sách</h2>
${budgetByYearSource(`Ngân sách của ${p.code} theo năm và nguồn (triệu đồng)`, detail.budget)}`,
  };
}

function sums(lines: TPublicBudgetRow[]) {
  return lines.reduce(
    (s, l) => ({ allocated: s.allocated + l.allocated, disbursed: s.disbursed + l.disbursed }),
    {
      allocated: 0,
      disbursed: 0,
    },
  );
}
const rate = (s: { allocated: number; disbursed: number }) =>
  s.allocated > 0 ? `${formatNumber(Math.round((1000 * s.disbursed) / s.allocated) / 10)}%` : '—';

function budgetByYearSource(caption: string, lines: TPublicBudgetRow[]): Html {
  if (lines.length === 0) return html`<p>Chưa có dòng ngân sách nào được công bố.</p>`;
  const keys = new Map<string, TPublicBudgetRow[]>();
  for (const l of [...lines].sort((a, b) => a.year - b.year || a.source.localeCompare(b.source))) {
    const key = `${l.year}|${l.source}`;
    keys.set(key, [...(keys.get(key) ?? []), l]);
  }
  const total = sums(lines);
  return scrollTable(
    caption,
    html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">Năm</th><th scope="col">Nguồn vốn</th><th scope="col" class="num">Vốn giao</th><th scope="col" class="num">Đã giải ngân</th><th scope="col" class="num">Tỷ lệ</th></tr></thead>
<tbody>${[...keys].map(([key, group]) => {
      const [year, source] = key.split('|');
      const s = sums(group);
      return html`<tr><th scope="row">${year}</th><td>${source}</td><td class="num">${formatMillions(s.allocated)}</td><td class="num">${formatMillions(s.disbursed)}</td><td class="num">${rate(s)}</td></tr>`;
    })}</tbody>
<tfoot><tr><th scope="row" colspan="2">Tổng cộng</th><td class="num">${formatMillions(total.allocated)}</td><td class="num">${formatMillions(total.disbursed)}</td><td class="num">${rate(total)}</td></tr></tfoot></table>`,
  );
}

function budgetBy(
  caption: string,
  head: string,
  lines: TPublicBudgetRow[],
  keyOf: (l: TPublicBudgetRow) => string | null,
): Html {
  const groups = new Map<string, TPublicBudgetRow[]>();
  for (const l of lines) {
    const key = keyOf(l);
    if (key) groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  if (groups.size === 0) return html`<p>Không có.</p>`;
  return scrollTable(
    caption,
    html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${head}</th><th scope="col" class="num">Vốn giao</th><th scope="col" class="num">Đã giải ngân</th><th scope="col" class="num">Tỷ lệ</th></tr></thead>
<tbody>${[...groups].map(([key, group]) => {
      const s = sums(group);
      return html`<tr><th scope="row">${key}</th><td class="num">${formatMillions(s.allocated)}</td><td class="num">${formatMillions(s.disbursed)}</td><td class="num">${rate(s)}</td></tr>`;
    })}</tbody></table>`,
  );
}

export function budgetPage(rows: Rows): PageContent {
  const lines = rows['ngan-sach'];
  const total = sums(lines);
  return {
    title: 'Ngân sách',
    description: 'Vốn giao và đã giải ngân theo năm, theo nguồn, theo chương trình và nhiệm vụ của kế hoạch.',
    body: html`<h1>Ngân sách thực hiện kế hoạch</h1>
<p>Tổng vốn giao <strong>${formatMillions(total.allocated)} triệu đồng</strong>, đã giải ngân <strong>${formatMillions(total.disbursed)} triệu đồng</strong> (${rate(total)}). Đơn vị trong các bảng: triệu đồng.</p>
<h2>Theo năm và nguồn vốn</h2>
${budgetByYearSource('Vốn giao và giải ngân theo năm và nguồn (triệu đồng)', lines)}
<h2>Theo chương trình</h2>
${budgetBy('Theo chương trình (triệu đồng)', 'Chương trình', lines, (l) => (l.programmeCode ? `${l.programmeCode} — ${l.programmeName}` : null))}
<h2>Theo nhiệm vụ</h2>
${budgetBy('Theo nhiệm vụ của kế hoạch (triệu đồng)', 'Nhiệm vụ', lines, (l) => (l.taskCode ? `${l.taskCode} — ${l.taskTitle}` : null))}
<p><a href="${PREFIX}/du-lieu/ngan-sach">Tải dữ liệu ngân sách (CSV, JSON, XLSX)</a></p>`,
  };
}

export function reportsPage(rows: Rows): PageContent {
  const reports = rows['bao-cao'];
  return {
    title: 'Báo cáo định kỳ',
    description: 'Các báo cáo định kỳ của tỉnh về thực hiện kế hoạch đã ban hành, tải về dạng PDF.',
    body: html`<h1>Báo cáo định kỳ đã ban hành</h1>
${
  reports.length === 0
    ? html`<p>Chưa có báo cáo nào được công bố.</p>`
    : scrollTable(
        'Báo cáo đã ban hành',
        html`<table><caption>Báo cáo đã ban hành (${reports.length})</caption>
<thead><tr><th scope="col">Số, ký hiệu</th><th scope="col">Trích yếu</th><th scope="col">Kỳ</th><th scope="col">Ngày ban hành</th><th scope="col">Tệp</th></tr></thead>
<tbody>${reports.map(
          (r) =>
            html`<tr><td>${r.number}/${r.symbol}</td><td>${r.title}</td><td>${r.period}</td><td>${formatDate(r.issuedOn)}</td><td><a href="/api/public/reports/${r.id}.pdf">Tải PDF<span class="muted"> — báo cáo số ${r.number}</span></a></td></tr>`,
        )}</tbody></table>`,
      )
}`,
  };
}

export function openDataPage(rows: Rows): PageContent {
  return {
    title: 'Dữ liệu mở',
    description:
      'Các bộ dữ liệu công khai tải về dạng CSV, JSON, XLSX, giấy phép CC BY 4.0, danh mục DCAT-AP.',
    body: html`<h1>Dữ liệu mở</h1>
<p>Mọi bộ dữ liệu dưới đây được cấp phép <a href="${OPEN_LICENCE.url}" rel="license">${OPEN_LICENCE.name}</a>: được tự do sao chép, sử dụng, chỉnh sửa, kể cả vì mục đích thương mại, với điều kiện ghi nguồn.</p>
<p>Danh mục máy đọc được theo chuẩn DCAT-AP: <a href="/api/public/catalog.jsonld">catalog.jsonld</a>. Tài liệu API: <a href="/api/docs">/api/docs</a>.</p>
${scrollTable(
  'Các bộ dữ liệu',
  html`<table><caption>Các bộ dữ liệu (${PUBLIC_DATASETS.length})</caption>
<thead><tr><th scope="col">Bộ dữ liệu</th><th scope="col" class="num">Số dòng</th><th scope="col">Tải về</th></tr></thead>
<tbody>${PUBLIC_DATASETS.map(
    (d) =>
      html`<tr><th scope="row"><a href="${PREFIX}/du-lieu/${d}">${DATASET_INFO[d].title}</a></th><td class="num">${rows[d].length}</td><td>${downloads(d)}</td></tr>`,
  )}</tbody></table>`,
)}`,
  };
}

const downloads = (d: PublicDataset) =>
  html`<a href="/api/public/datasets/${d}.csv">CSV<span class="muted"> ${DATASET_INFO[d].title}</span></a> · <a href="/api/public/datasets/${d}">JSON<span class="muted"> ${DATASET_INFO[d].title}</span></a> · <a href="/api/public/datasets/${d}.xlsx">XLSX<span class="muted"> ${DATASET_INFO[d].title}</span></a>`;

const DIRECTIONS: Record<string, string> = {
  higher_is_better: 'Càng cao càng tốt',
  lower_is_better: 'Càng thấp càng tốt',
};
const TARGET_KINDS: Record<string, string> = {
  baseline: 'Số gốc',
  target: 'Chỉ tiêu',
  interpolated: 'Nội suy',
};

/** A cell as people read it: numbers grouped the Vietnamese way, codes as words. */
function cellText(column: string, value: unknown): string {
  if (typeof value === 'number') return column === 'year' ? String(value) : formatNumber(value);
  if (typeof value !== 'string') return '';
  if (column === 'status') return STATUS_LABELS[value as ItemStatus] ?? value;
  if (column === 'direction') return DIRECTIONS[value] ?? value;
  if (column === 'targetKind') return TARGET_KINDS[value] ?? value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return value;
}

/** Rows shown on a dataset's page; the whole set is in the downloads. */
const PREVIEW_ROWS = 50;

export function datasetPage(
  dataset: PublicDataset,
  rows: Record<string, unknown>[],
  publishedAt: Date,
): PageContent {
  const info = DATASET_INFO[dataset];
  const columns = columnsOf(dataset).filter((c) => c !== 'id' && c !== 'programmeId');
  return {
    title: info.title,
    description: info.description,
    body: html`<p><a href="${PREFIX}/du-lieu">← Dữ liệu mở</a></p>
<h1>${info.title}</h1>
<p>${info.description}</p>
<dl class="facts">
<dt>Số dòng</dt><dd>${rows.length}</dd>
<dt>Ngày cập nhật</dt><dd>${formatDate(publishedAt)}</dd>
<dt>Giấy phép</dt><dd><a href="${OPEN_LICENCE.url}" rel="license">CC BY 4.0</a></dd>
<dt>Tải về</dt><dd>${downloads(dataset)}</dd>
</dl>
<h2>Xem trước</h2>
${
  rows.length === 0
    ? html`<p>Bộ dữ liệu chưa có dòng nào.</p>`
    : scrollTable(
        `Xem trước ${info.title}`,
        html`<table><caption>${Math.min(PREVIEW_ROWS, rows.length)} dòng đầu trong ${rows.length} dòng</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${COLUMN_LABELS[c] ?? c}</th>`)}</tr></thead>
<tbody>${rows
          .slice(0, PREVIEW_ROWS)
          .map(
            (r) =>
              html`<tr>${columns.map((c) => html`<td${typeof r[c] === 'number' ? html` class="num"` : ''}>${cellText(c, r[c])}</td>`)}</tr>`,
          )}</tbody></table>`,
      )
}`,
  };
}
