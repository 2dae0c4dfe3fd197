/**
 * An uploaded spreadsheet (the plan annex, the programmes' lists) → the rows of its first sheet, or
 * a clear refusal. The content decides, not the name: an .xlsx is a ZIP; a password-protected one is an OLE compound file (CFB) holding
 * "EncryptionInfo" (Office encrypts the whole package), as is an old .xls without it; a workbook
 * with macros (.xlsm, or an .xlsx renamed) carries xl/vbaProject.bin. The ZIP directory is checked
 * before anything is inflated and the sheet is read in the parse worker (`parse-file.ts`), so a
 * bomb or a file past the limits is refused with 413 and the server goes on.
 */
import { FILE_LIMITS } from '../../common/limits';
import { AppError } from '../errors/app-error';
import { parseFile } from './parse-file';
import type { FileSource } from './source';
import type { FileRecord } from './spreadsheet';
import { inspectZip } from './zip-guard';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted OOXML package keeps its key data in, as CFB directory names are written. */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
/** How far into a compound file its directory is looked for. */
const CFB_SCAN_BYTES = 4 * 1024 * 1024;

const refuse = (vi: string, en: string) =>
  new AppError('unsupported_file', { params: { expected: { vi, en } } });

async function assertNotCompoundFile(file: FileSource): Promise<void> {
  if (!file.head.subarray(0, CFB_MAGIC.length).equals(CFB_MAGIC)) return;
  const scanned = await file.read(0, Math.min(file.size, CFB_SCAN_BYTES));
  if (scanned.includes(ENCRYPTION_INFO)) {
    throw refuse(
      'tệp Excel (.xlsx) không đặt mật khẩu — tệp này được bảo vệ bằng mật khẩu nên không đọc được; hãy mở trong Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xoá mật khẩu), lưu rồi gửi lại',
      'an Excel (.xlsx) file without a password — this one is password-protected (encrypted); remove the password in Excel and send it again',
    );
  }
  throw refuse(
    'tệp Excel (.xlsx) — đây là tệp Excel 97–2003 (.xls); hãy mở trong Excel và lưu thành “Sổ làm việc Excel (.xlsx)”',
    'an Excel (.xlsx) file — this is an Excel 97–2003 (.xls) file; save it as .xlsx',
  );
}

/** The non-empty rows of an uploaded .xlsx's first sheet, at most `maxRows`, read under the file limits. */
export async function readXlsxUpload(file: FileSource, maxRows: number): Promise<FileRecord[]> {
  if (file.size === 0)
    throw refuse('tệp Excel (.xlsx) — tệp gửi lên rỗng', 'an Excel (.xlsx) file — the file is empty');
  await assertNotCompoundFile(file);
  if (!file.head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    throw refuse(
      'tệp Excel (.xlsx) — tệp này không phải tệp Excel hoặc đã bị hỏng',
      'an Excel (.xlsx) file — this is not one, or it is damaged',
    );
  }
  const entries = await inspectZip(file, FILE_LIMITS);
  const macros = entries.find((e) => /(^|\/)vbaProject(Signature)?\.bin$/i.test(e.name));
  if (macros) {
    throw refuse(
      `tệp Excel không chứa macro (.xlsx) — tệp này có macro (${macros.name}); hãy lưu lại thành “Sổ làm việc Excel (.xlsx)” rồi gửi lại`,
      `an Excel file without macros (.xlsx) — this one carries macros (${macros.name})`,
    );
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw refuse(
      'tệp Excel (.xlsx) — tệp nén này không chứa sổ làm việc Excel',
      'an Excel (.xlsx) file — no workbook in this archive',
    );
  }
  const records: FileRecord[] = [];
  for await (const record of parseFile('xlsx', file, { limits: { rows: maxRows } })) records.push(record);
  return records;
}
