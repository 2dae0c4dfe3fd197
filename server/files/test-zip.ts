/**
 * A minimal ZIP writer for tests: builds XLSX files, honest or hostile, in memory. Entry content is
 * given as chunks and deflated as a stream, so a 400 MB entry costs its compressed size, not 400 MB.
 */
import zlib from 'node:zlib';

export interface TestEntry {
  name: string;
  /** the content, in chunks (a generator may yield the same chunk many times) */
  chunks: Iterable<Buffer | string>;
  /** the size the directory declares (default: the real one) — a lying file sets it */
  declaredBytes?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(crc: number, bytes: Buffer): number {
  let c = crc ^ 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const CRC_UP_TO = 16 * 1024 * 1024;

async function deflate(chunks: Iterable<Buffer | string>) {
  const deflater = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size <= CRC_UP_TO) crc = crc32(crc, bytes);
    if (!deflater.write(bytes)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return { data: Buffer.concat(out), size, crc: size <= CRC_UP_TO ? crc : 0 };
}

/** A ZIP of `entries`, deflated; CRCs are computed for entries under 16 MB (readers skip the check). */
export async function buildZip(entries: TestEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const { data, size, crc } = await deflate(entry.chunks);
    const declared = entry.declaredBytes ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** An XLSX with one sheet whose XML is `sheetData` (the rows), and optionally a shared-string table. */
export function buildXlsx(options: {
  sheetRows: Iterable<string | Buffer>;
  sharedStrings?: Iterable<string>;
  declaredSheetBytes?: number;
}): Promise<Buffer> {
  const wrap = function* (head: string, body: Iterable<string | Buffer>, tail: string) {
    yield head;
    yield* body;
    yield tail;
  };
  return buildZip([
    {
      name: '[Content_Types].xml',
      chunks: [
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ],
    },
    {
      name: '_rels/.rels',
      chunks: [
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
    },
    {
      name: 'xl/workbook.xml',
      chunks: [
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: [
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ],
    },
    ...(options.sharedStrings
      ? [
          {
            name: 'xl/sharedStrings.xml',
            chunks: wrap(
              `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">`,
              options.sharedStrings,
              '</sst>',
            ),
          },
        ]
      : []),
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: wrap(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>`,
        options.sheetRows,
        '</sheetData></worksheet>',
      ),
      declaredBytes: options.declaredSheetBytes,
    },
  ]);
}

/** One sheet row of inline-string cells. */
export const inlineRow = (row: number, cells: string[]) =>
  `<row r="${row}">${cells.map((text, i) => `<c r="${String.fromCharCode(65 + (i % 26))}${row}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`;
