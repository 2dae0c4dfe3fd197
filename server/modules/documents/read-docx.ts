/**
 * Reading a generated .docx back, for tests and the sample script: the ZIP entries (stored or
 * deflated, from the central directory) and word/document.xml as paragraphs of runs with the
 * formatting each run carries.
 */
import zlib from 'node:zlib';

export function unzipEntries(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    entries.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  /** half-points */
  size: number | null;
  font: string | null;
}

export interface ParagraphInfo {
  text: string;
  runs: Run[];
  /** the w:pPr XML */
  properties: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const on = (props: string, tag: string) =>
  new RegExp(`<w:${tag}(?: w:val="(?:true|1|on|single)")?/>`).test(props);

export function paragraphsOf(xml: string): ParagraphInfo[] {
  return [...xml.matchAll(/<w:p(?: [^>]*)?>([\s\S]*?)<\/w:p>/g)].map(([, inner]) => {
    const properties = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(inner!)?.[1] ?? '';
    const runs = [...inner!.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map(([, r]) => {
      const props = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(r!)?.[1] ?? '';
      return {
        text: decode([...r!.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>/g)].map((m) => m[1]).join('')),
        bold: on(props, 'b'),
        italic: on(props, 'i'),
        underline: /<w:u w:val="single"\/>/.test(props),
        size: Number(/<w:sz w:val="(\d+)"\/>/.exec(props)?.[1]) || null,
        font: /<w:rFonts w:ascii="([^"]+)"/.exec(props)?.[1] ?? null,
      };
    });
    return { text: runs.map((r) => r.text).join(''), runs, properties };
  });
}
