import { useCallback, useEffect, useState } from 'react';
import type { TDocument, TDocumentHeader, TDocumentSection } from '../../../../common/contracts/documents';

export interface DraftState {
  header: TDocumentHeader;
  sections: TDocumentSection[];
}

/**
 * The text being edited, started from the document as loaded and reset whenever a newer version
 * arrives (after a save or an issue); `dirty` while it differs from what the server holds.
 */
export function useDraftState(document: TDocument | undefined) {
  const [draft, setDraft] = useState<DraftState | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  useEffect(() => {
    if (document && document.version !== baseVersion) {
      setDraft({ header: document.header, sections: document.sections });
      setBaseVersion(document.version);
    }
  }, [document, baseVersion]);
  const dirty =
    draft !== null &&
    document !== undefined &&
    (JSON.stringify(draft.header) !== JSON.stringify(document.header) ||
      JSON.stringify(draft.sections) !== JSON.stringify(document.sections));
  const setHeader = useCallback(
    (patch: Partial<TDocumentHeader>) =>
      setDraft((d) => (d ? { ...d, header: { ...d.header, ...patch } } : d)),
    [],
  );
  const setSection = useCallback(
    (index: number, patch: Partial<TDocumentSection>) =>
      setDraft((d) =>
        d ? { ...d, sections: d.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)) } : d,
      ),
    [],
  );
  return { draft, dirty, setHeader, setSection };
}
