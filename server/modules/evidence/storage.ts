/**
 * Evidence files on local disk, addressed by the SHA-256 of their content: a file sent twice is
 * stored once, and a stored file cannot be altered without its address changing. Written to a
 * temporary name and renamed, so a crash never leaves half a file under a real address.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../errors/app-error';

/** What a report may carry, judged by content (magic bytes), never by name or declared type. */
export const EVIDENCE_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
};

export async function detectEvidenceType(content: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !EVIDENCE_TYPES[detected.mime]) {
    throw new AppError('unsupported_file', {
      params: {
        expected: { vi: 'PDF, DOCX, XLSX hoặc ảnh (PNG, JPEG, WebP)', en: 'PDF, DOCX, XLSX or an image' },
      },
    });
  }
  return detected.mime;
}

const location = (dir: string, sha256: string) =>
  path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

export async function storeEvidence(dir: string, content: Buffer): Promise<{ sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const target = location(dir, sha256);
  if (!fs.existsSync(target)) {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(temporary, content, { flag: 'wx' });
    await fs.promises.rename(temporary, target);
  }
  return { sha256, size: content.length };
}

export function openEvidence(dir: string, sha256: string): fs.ReadStream {
  return fs.createReadStream(location(dir, sha256));
}
