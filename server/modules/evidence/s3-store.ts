/**
 * Evidence in an S3-compatible bucket (AWS S3, MinIO, Ceph, Viettel or FPT object storage), keyed
 * like the disk layout: ab/cd/<sha256>. Requests are signed (SigV4) by aws4fetch, a small library
 * without dependencies over the built-in fetch: four calls (HEAD, PUT, GET, DELETE) need no full AWS SDK.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { type EvidenceStore, EvidenceStoreError, evidenceKey, sha256Of } from './store';

export interface S3StoreSettings {
  /** the server's address: https://s3.ap-southeast-1.amazonaws.com, http://127.0.0.1:9000… */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key (MinIO and most servers run on premises) rather than bucket.endpoint/key */
  forcePathStyle: boolean;
}

/** How long to wait for an answer: a lookup or the start of a download, and a whole upload. */
const LOOKUP_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

export function createS3Store(settings: S3StoreSettings): EvidenceStore {
  const client = new AwsClient({
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
    service: 's3',
    // aws4fetch retries 5xx and 429 answers (10 times by default); someone is waiting: twice is enough
    retries: 2,
  });
  const endpoint = new URL(settings.endpoint);
  const prefix = endpoint.pathname.replace(/\/+$/, '');
  // `origin` and `host` leave out any user:password written into the address
  const bucketUrl = settings.forcePathStyle
    ? `${endpoint.origin}${prefix}/${settings.bucket}`
    : `${endpoint.protocol}//${settings.bucket}.${endpoint.host}${prefix}`;
  const description = `s3 ${bucketUrl}`;

  /** One signed request; the timer stops at the answer's headers, so a long download is not cut. */
  async function send(method: string, sha256: string, timeoutMs: number, init: RequestInit = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await client.fetch(`${bucketUrl}/${evidenceKey(sha256)}`, {
        ...init,
        method,
        signal: controller.signal,
      });
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : causeOf(error);
      throw new EvidenceStoreError(`${description}: ${method} ${evidenceKey(sha256)}: ${reason}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The error for an unexpected answer, with the S3 error code (AccessDenied, NoSuchBucket…). */
  async function refusal(method: string, sha256: string, response: Response) {
    const body = await response.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
    return new EvidenceStoreError(
      `${description}: ${method} ${evidenceKey(sha256)} answered ${response.status}${code ? ` ${code}` : ''}`,
    );
  }

  return {
    description,
    async put(content) {
      const sha256 = sha256Of(content);
      const head = await send('HEAD', sha256, LOOKUP_TIMEOUT_MS);
      if (head.ok) return { sha256, size: content.length, created: false };
      // Without the s3:ListBucket permission a missing key answers 403, not 404: the PUT then tells.
      if (head.status !== 404 && head.status !== 403) throw await refusal('HEAD', sha256, head);
      const put = await send('PUT', sha256, UPLOAD_TIMEOUT_MS, {
        // (only a typing matter: fetch sends the Buffer's own bytes, whatever memory holds them)
        body: content as Uint8Array<ArrayBuffer>,
        headers: {
          'content-type': 'application/octet-stream',
          // the content's own hash, signed: S3 refuses bytes changed on the way
          'x-amz-content-sha256': sha256,
        },
      });
      if (!put.ok) throw await refusal('PUT', sha256, put);
      await put.body?.cancel();
      return { sha256, size: content.length, created: true };
    },
    async remove(sha256) {
      const response = await send('DELETE', sha256, LOOKUP_TIMEOUT_MS);
      // S3 answers 204 whether or not the key was there; some servers answer 404 for a missing one
      if (!response.ok && response.status !== 404) throw await refusal('DELETE', sha256, response);
      await response.body?.cancel();
    },
    async open(sha256) {
      const response = await send('GET', sha256, LOOKUP_TIMEOUT_MS);
      if (!response.ok || !response.body) throw await refusal('GET', sha256, response);
      return Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    },
  };
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? String(error);
}
