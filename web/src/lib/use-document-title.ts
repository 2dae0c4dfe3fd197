import { useEffect } from 'react';

/** "<page> · Lộ Trình" in the browser tab (and in the history list). */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Lộ Trình` : 'Lộ Trình';
  }, [title]);
}
