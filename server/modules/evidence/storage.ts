/** Which store keeps evidence files, and what a report may carry. */
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppConfig } from '../../config';
import { AppError } from '../../errors/app-error';
import { createDiskStore } from './disk-store';
import { createS3Store, type S3StoreSettings } from './s3-store';
import type { EvidenceStore } from './store';

export type EvidenceStoreSettings = { kind: 'disk'; dir: string } | ({ kind: 's3' } & S3StoreSettings);

/** The store the configuration names: S3 with EVIDENCE_STORE=s3, else a folder (EVIDENCE_DIR, or DATA_DIR/evidence). */
export function evidenceStoreSettings(config: AppConfig): EvidenceStoreSettings {
  return config.EVIDENCE_STORE === 's3'
    ? {
        kind: 's3',
        // present: loadConfig refuses EVIDENCE_STORE=s3 without them
        endpoint: config.S3_ENDPOINT!,
        region: config.S3_REGION,
        bucket: config.S3_BUCKET!,
        accessKeyId: config.S3_ACCESS_KEY_ID!,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      }
    : { kind: 'disk', dir: config.EVIDENCE_DIR ?? path.join(config.DATA_DIR, 'evidence') };
}

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
