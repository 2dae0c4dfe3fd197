/**
 * The public site's HTML, written on the server from plain template functions: every page reads
 * fully without JavaScript (search engines, slow phones) and ships none. Everything interpolated
 * goes through `escape` (or `attr`); a template only ever joins strings it built itself (`Html`).
 */

/** A piece of markup already escaped: only this module's helpers make one. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A tagged template: strings of the template stay, values are escaped unless they are Html (or lists of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

export const PREFIX = '/cong-khai';

const NAV = [
  { href: PREFIX, label: 'Trang chủ' },
  { href: `${PREFIX}/chuong-trinh`, label: 'Chương trình, chính sách' },
  { href: `${PREFIX}/ngan-sach`, label: 'Ngân sách' },
  { href: `${PREFIX}/bao-cao`, label: 'Báo cáo' },
  { href: `${PREFIX}/du-lieu`, label: 'Dữ liệu mở' },
] as const;

/**
 * Colours hold 4.5:1 or more against their background (WCAG 2.1 AA): text #1f2937 on white,
 * links #0b57a4, the header's white on #0b3d6e; the focus ring is a 3 px outline of #b45309.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2937;background:#fff;line-height:1.5;font-size:16px}
a{color:#0b57a4}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,[tabindex]:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;color:#0b57a4;padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
header.site{background:#0b3d6e;color:#fff;padding:12px 16px}
header.site a{color:#fff}
header.site .brand{font-weight:700;font-size:1.1rem;text-decoration:none}
header.site p{margin:2px 0 0;font-size:.9rem}
nav.site ul{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
nav.site a[aria-current=page]{font-weight:700;text-decoration:underline 2px}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;line-height:1.25;margin:8px 0 12px}
h2{font-size:1.25rem;margin:28px 0 8px}
h3{font-size:1.05rem;margin:20px 0 6px}
.muted{color:#4b5563}
.stamp{font-size:.9rem;color:#374151;background:#f3f4f6;padding:6px 10px;border-radius:4px;display:inline-block}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));gap:16px}
.card{border:1px solid #d1d5db;border-radius:6px;padding:12px}
.card h3{margin-top:0}
.bar{height:12px;background:#e5e7eb;border-radius:6px;overflow:hidden}
.bar>span{display:block;height:100%;background:#15803d}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid #d1d5db;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}
td.num,th.num{text-align:right;white-space:nowrap}
form.search{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:8px 0 16px}
form.search label{display:flex;flex-direction:column;font-size:.9rem;gap:2px}
input,select,button{font:inherit;padding:6px 8px;border:1px solid #6b7280;border-radius:4px;background:#fff;color:#1f2937;min-height:40px}
button{background:#0b57a4;color:#fff;border-color:#0b57a4;cursor:pointer}
dl.facts{display:grid;grid-template-columns:minmax(120px,max-content) 1fr;gap:6px 16px}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
figure{margin:0}
svg text{font-size:11px;fill:#374151}
footer.site{border-top:1px solid #d1d5db;margin-top:32px;padding:16px;font-size:.9rem;color:#374151}
footer.site div{max-width:1100px;margin:0 auto}
@media (max-width:480px){h1{font-size:1.35rem}dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:8px}}
`;

export interface PageOptions {
  title: string;
  /** the path of the page, to mark its menu entry */
  path: string;
  description: string;
  body: Html;
  /** the publication the figures come from */
  stamp?: { number: number; publishedAt: Date } | null;
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value : value.toISOString();
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
export const formatNumber = (value: number | null | undefined) =>
  value == null ? '—' : NUMBER.format(value);
/** VND amounts in millions, as budget tables print them. */
export const formatMillions = (value: number) => NUMBER.format(Math.round(value / 100_000) / 10);

export function page(options: PageOptions): string {
  const current = (href: string) =>
    href === PREFIX ? options.path === PREFIX : options.path === href || options.path.startsWith(`${href}/`);
  return `<!doctype html>${html`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — Cổng công khai Lộ Trình</title>
<meta name="description" content="${options.description}">
<link rel="alternate" type="application/ld+json" href="/api/public/catalog.jsonld" title="Danh mục dữ liệu (DCAT-AP)">
<style>${new Html(CSS)}</style>
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site">
<a class="brand" href="${PREFIX}">Cổng công khai kế hoạch hành động</a>
<p>Tiến độ, chỉ tiêu, chương trình, chính sách và ngân sách — công bố từ dữ liệu điều hành của tỉnh</p>
<nav class="site" aria-label="Mục chính"><ul>${NAV.map(
    (n) =>
      html`<li><a href="${n.href}"${current(n.href) ? new Html(' aria-current="page"') : ''}>${n.label}</a></li>`,
  )}</ul></nav>
</header>
<main id="noi-dung" tabindex="-1">
${options.body}
</main>
<footer class="site"><div>
${
  options.stamp
    ? html`<p>Số liệu của đợt công bố số ${options.stamp.number}, ngày ${formatDate(options.stamp.publishedAt)}. Số liệu giữ nguyên cho đến đợt công bố sau.</p>`
    : ''
}
<p>Dữ liệu được cấp phép <a href="https://creativecommons.org/licenses/by/4.0/deed.vi" rel="license">CC BY 4.0</a> — <a href="${PREFIX}/du-lieu">Dữ liệu mở</a> · <a href="/api/docs">API</a> · <a href="/dang-nhap">Đăng nhập (cán bộ)</a></p>
</div></footer>
</body>
</html>`}`;
}

/** A table that scrolls sideways on a narrow screen, reachable and named for keyboard and screen-reader users. */
export function scrollTable(label: string, table: Html): Html {
  return html`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
