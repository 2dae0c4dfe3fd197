import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { LIMITS } from '../../../common/limits';
import { useDebouncedSearch } from '../lib/use-debounced-search';

/**
 * The search box of a filterable list whose filters live in the URL: `value` is the URL's `q`,
 * `onCommit` (stable: wrap it in useCallback) writes it back after a pause or on Enter.
 */
export function SearchBox(props: {
  value: string;
  onCommit: (q: string) => void;
  placeholder: string;
  'data-testid': string;
}) {
  const [text, setText] = useDebouncedSearch(props.value, props.onCommit);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={props.placeholder}
      aria-label={props.placeholder}
      value={text}
      maxLength={LIMITS.searchLength}
      onChange={(e) => setText(e.target.value)}
      onPressEnter={() => props.onCommit(text)}
      data-testid={props['data-testid']}
    />
  );
}
