/** Which store keeps evidence files, and what a report may carry. */
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../errors/app-error';
import { createDiskStore } from './disk-store';
import { createS3Store, type S3StoreSettings } from './s3-store';
import type { EvidenceStore } from './store';

export type EvidenceStoreSettings = { kind: 'disk'; dir: string } | ({ kind: 's3' } & S3StoreSettings);

export function createEvidenceStore(settings: EvidenceStoreSettings): EvidenceStore {
  return settings.kind === 'disk' ? createDiskStore(settings.dir) : createS3Store(settings);
}

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
