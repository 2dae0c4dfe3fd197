import { Select, type SelectProps } from 'antd';

/** One multi-select filter control for every list page: `label` is both placeholder and aria-label. */
export function MultiSelectFilter<T extends string>(props: {
  label: string;
  value: T[] | undefined;
  onChange: (value: T[]) => void;
  options: { value: T; label: string }[];
  /** How a chosen value is drawn as a tag; antd's default tag when left out. */
  tagRender?: SelectProps['tagRender'];
  'data-testid'?: string;
}) {
  return (
    <Select<T[]>
      mode="multiple"
      allowClear
      style={{ width: '100%' }}
      placeholder={props.label}
      aria-label={props.label}
      maxTagCount="responsive"
      value={props.value}
      onChange={(value) => props.onChange(value)}
      options={props.options}
      tagRender={props.tagRender}
      data-testid={props['data-testid']}
    />
  );
}
