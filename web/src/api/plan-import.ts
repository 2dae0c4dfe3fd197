import type {
  TAnnexLayout,
  TAnnexRow,
  TImportTargetInput,
  TPlanImportPreview,
  TPlanImportResult,
} from '../../../common/contracts/plan-import';
import { apiFetch } from './client';

/** The plan's annex (a plain link: the browser downloads it). */
export const annexUrl = (planId: string) => `/api/plans/${planId}/annex.xlsx`;

/** The file read and checked by the server; nothing written. */
export function previewAnnexFile(file: File, planId: string | undefined, signal?: AbortSignal) {
  // the content decides how it is read, not the type a browser guesses from the name
  const body = new Blob([file], { type: 'application/octet-stream' });
  return apiFetch<TPlanImportPreview>('/plans/import/preview', {
    method: 'POST',
    query: { planId },
    body,
    signal,
  });
}

export interface AnnexRows {
  layout: TAnnexLayout;
  rows: TAnnexRow[];
  target: TImportTargetInput;
  fileName: string | null;
}

/** The rows (perhaps corrected) checked again against the target. */
export function checkAnnexRows(body: AnnexRows, signal?: AbortSignal) {
  return apiFetch<TPlanImportPreview>('/plans/import', {
    method: 'POST',
    body: { ...body, dryRun: true },
    signal,
  });
}

/** Written in one transaction; a row error found meanwhile answers 422 (the caller checks again). */
export function writeAnnexRows(body: AnnexRows) {
  return apiFetch<TPlanImportResult>('/plans/import', { method: 'POST', body: { ...body, dryRun: false } });
}
