import { createContext, useContext } from 'react';
import type { TReport } from '../../../../common/contracts/reports';
import type { ReportAutosave } from './use-report-autosave';

export type ReportComment = TReport['comments'][number];

/** What every field of the report form needs: values, mode, comments, the difference. */
export interface ReportFieldContextValue {
  report: TReport;
  autosave: ReportAutosave;
  /** the unit may edit now (`save` among the report's actions) */
  editable: boolean;
  /** the user reviews it now and may return it: comment buttons next to the fields */
  canComment: boolean;
  /** comments pinned by reviewers, by field */
  comments: ReadonlyMap<string, readonly ReportComment[]>;
  /** the reviewer's comments not sent yet, by field */
  draftComments: Readonly<Record<string, string>>;
  setDraftComment: (field: string, body: string | null) => void;
  /** fields changed since the report was returned */
  changed: ReadonlySet<string>;
  narrow: boolean;
}

export const ReportFieldContext = createContext<ReportFieldContextValue | null>(null);

export function useReportField(): ReportFieldContextValue {
  const ctx = useContext(ReportFieldContext);
  if (!ctx) throw new Error('ReportFieldContext is missing');
  return ctx;
}
