import { useEffect, useRef, useState } from 'react';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * A search box kept in the URL: typing updates the URL after a pause (not on every key, which
 * would refetch and fill the history); a URL change from elsewhere (reset, back) refills the box.
 */
export function useDebouncedSearch(urlValue: string, commit: (q: string) => void) {
  const [text, setText] = useState(urlValue);
  const committed = useRef(urlValue);

  useEffect(() => {
    if (urlValue !== committed.current) {
      committed.current = urlValue;
      setText(urlValue);
    }
  }, [urlValue]);

  useEffect(() => {
    if (text.trim() === committed.current.trim()) return;
    const timer = setTimeout(() => {
      committed.current = text;
      commit(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, commit]);

  return [text, setText] as const;
}
