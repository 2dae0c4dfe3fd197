/**
 * Inline SVG charts, drawn on the server: no script, a few hundred bytes each. Every chart is an
 * image with a title and a description saying what it shows in words, and the figures follow in a
 * table (inside <details>) for whoever cannot see the drawing.
 */
import type { TPublicIndicatorRow } from '../../../common/contracts/publishing';
import { formatNumber, type Html, html, scrollTable } from './html';

const W = 320;
const H = 170;
const PAD = { left: 44, right: 10, top: 12, bottom: 26 };

/** The target path (dashed) and the province's figures (solid, with dots) of one indicator, by year. */
export function indicatorChart(code: string, rows: TPublicIndicatorRow[]): Html {
  const first = rows[0]!;
  const years = rows.map((r) => r.year);
  const values = rows.flatMap((r) => [r.target, r.actual]).filter((v): v is number => v !== null);
  const min = Math.min(0, ...values);
  const max = Math.max(...values, min + 1);
  const x = (year: number) =>
    PAD.left + ((year - years[0]!) / Math.max(1, years.at(-1)! - years[0]!)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  const line = (pick: (r: TPublicIndicatorRow) => number | null) =>
    rows
      .filter((r) => pick(r) !== null)
      .map((r, i) => `${i === 0 ? 'M' : 'L'}${x(r.year).toFixed(1)},${y(pick(r)!).toFixed(1)}`)
      .join(' ');
  const actual = rows.filter((r) => r.actual !== null);
  const latest = actual.at(-1);
  const lastTarget = rows.filter((r) => r.targetKind === 'target').at(-1);
  const id = `cd-${code.replace(/[^A-Za-z0-9]/g, '-')}`;
  const summary = [
    latest ? `Kết quả năm ${latest.year}: ${formatNumber(latest.actual)} ${first.unit}` : 'Chưa có kết quả',
    latest && latest.target !== null ? `chỉ tiêu năm ${latest.year}: ${formatNumber(latest.target)}` : null,
    lastTarget ? `chỉ tiêu năm ${lastTarget.year}: ${formatNumber(lastTarget.target)} ${first.unit}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  const ticks = [min, (min + max) / 2, max];
  const labelYears = [...new Set([years[0]!, ...(latest ? [latest.year] : []), years.at(-1)!])];
  return html`<figure>
<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
<title id="${id}-t">${first.name}: lộ trình chỉ tiêu và kết quả</title>
<desc id="${id}-d">${summary}. Đường nét đứt: lộ trình chỉ tiêu; đường liền: kết quả của tỉnh.</desc>
${ticks.map(
  (t) =>
    html`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e5e7eb"/><text x="${PAD.left - 4}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${formatNumber(Number(t.toPrecision(3)))}</text>`,
)}
${labelYears.map((yr) => html`<text x="${x(yr).toFixed(1)}" y="${H - 8}" text-anchor="middle">${yr}</text>`)}
<path d="${line((r) => r.target)}" fill="none" stroke="#6b7280" stroke-width="2" stroke-dasharray="5 4"/>
<path d="${line((r) => r.actual)}" fill="none" stroke="#0b57a4" stroke-width="2.5"/>
${actual.map((r) => html`<circle cx="${x(r.year).toFixed(1)}" cy="${y(r.actual!).toFixed(1)}" r="3" fill="#0b57a4"/>`)}
</svg>
<figcaption class="muted">${summary}.</figcaption>
</figure>
<details><summary>Bảng số liệu ${first.name}</summary>
${scrollTable(
  `Số liệu ${first.name}`,
  html`<table><caption>${first.name} (${first.unit})</caption>
<thead><tr><th scope="col">Năm</th><th scope="col" class="num">Chỉ tiêu</th><th scope="col" class="num">Kết quả</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.year}</th><td class="num">${formatNumber(r.target)}${r.targetKind === 'interpolated' ? ' (nội suy)' : r.targetKind === 'baseline' ? ' (số gốc)' : ''}</td><td class="num">${formatNumber(r.actual)}</td></tr>`,
  )}</tbody></table>`,
)}
</details>`;
}

/** A progress bar with its figure in words beside it (the bar alone is decoration). */
export function progressBar(percent: number): Html {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return html`<div class="bar" aria-hidden="true"><span style="width:${p}%"></span></div>`;
}
