import { foldForSearch } from '../../../common/vietnamese';

/**
 * Marks the first match of a folded needle. Folding keeps one character per NFC character for
 * Vietnamese, so positions in the folded text are positions in the original.
 */
export function Highlight({ text, needle }: { text: string; needle: string }) {
  if (!needle) return <>{text}</>;
  const nfc = text.normalize('NFC');
  const folded = foldForSearch(nfc);
  const at = folded.indexOf(needle);
  if (at < 0 || folded.length !== nfc.length) return <>{nfc}</>;
  return (
    <>
      {nfc.slice(0, at)}
      <mark className="lt-mark">{nfc.slice(at, at + needle.length)}</mark>
      {nfc.slice(at + needle.length)}
    </>
  );
}
