/** Field limits, enforced by the API schemas and shown by the web forms. */
export const LIMITS = {
  codeLength: 40,
  nameLength: 300,
  shortNameLength: 120,
  titleLength: 500,
  textLength: 5000,
  searchLength: 200,
  pageSizeMax: 500,
  treePageSizeMax: 5000,
} as const;

/**
 * What the server reads from an uploaded file (`server/files`): the ZIP directory is checked
 * against the first four before parsing, the rest while streaming; a parse runs in a worker
 * thread with `parserHeapMb` of heap, so a file that gets past them still cannot exhaust the server.
 */
export const FILE_LIMITS = {
  /** everything inside a ZIP (XLSX), uncompressed: a million-row sheet is about 200 MB of XML */
  uncompressedBytes: 256 * 1024 * 1024,
  /** uncompressed ÷ compressed of one ZIP entry, for entries over `ratioFromBytes` */
  compressionRatio: 100,
  ratioFromBytes: 1024 * 1024,
  zipEntries: 5000,
  /** rows with content below the header line, columns up to the last non-empty cell, text in one cell and one row */
  rows: 1_000_000,
  columns: 50,
  /** Excel's own maximum for one cell */
  cellChars: 32_767,
  rowChars: 65_536,
  /** an XLSX's table of shared strings: entries and their characters together */
  sharedStrings: 1_000_000,
  sharedStringChars: 16_000_000,
  /** heap of the worker thread that parses one file (old + young generation) */
  parserHeapMb: 96,
  parserYoungHeapMb: 16,
  /** parse workers at once in one server (more wait their turn): each may take its heap in RSS */
  parallelParses: 2,
} as const;
