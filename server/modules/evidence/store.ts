/**
 * What an evidence store is. Every store addresses a file by the SHA-256 of its content: a file
 * sent twice is stored once, and a stored file cannot be altered without its address changing.
 * The database keeps names, types and sizes; a store keeps only bytes.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface EvidenceStore {
  /** for logs: the kind and the place, never a credential ("disk ./data/evidence", "s3 https://…/bucket") */
  readonly description: string;
  /**
   * Keeps the content unless a file with the same SHA-256 is already there; `created` says whether
   * this call wrote it (so a failed attachment removes only what it added).
   */
  put(content: Buffer): Promise<{ sha256: string; size: number; created: boolean }>;
  /** Deletes the content; nothing happens when it is not there. */
  remove(sha256: string): Promise<void>;
  /** The stored content as a stream; fails before the first byte when the file cannot be read. */
  open(sha256: string): Promise<Readable>;
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** "ab/cd/abcd…": two levels of prefixes keep folders (and S3 listings) small. */
export const evidenceKey = (sha256: string) => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

/** A store that could not be reached or answered wrongly: logged as such, answered as a 500 problem. */
export class EvidenceStoreError extends Error {
  override name = 'EvidenceStoreError';
}
