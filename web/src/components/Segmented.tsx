import { type ReactNode, useId } from 'react';
import './segmented.css';

/**
 * antd's Segmented, drawn the same, as a native radio group: arrow keys, focus and the accessible
 * name come from the browser. Lighter than antd's (issue 10: it stands in the header of every
 * signed-in page and on the report page, on a commune's 4G).
 */
export function Segmented<T extends string>({
  value,
  onChange,
  options,
  size,
  className,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: {
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: ReactNode }[];
  size?: 'small';
  className?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const name = useId();
  return (
    <div
      role="radiogroup"
      aria-label={ariaLabel}
      className={['lt-segmented', size === 'small' ? 'lt-segmented-small' : '', className]
        .filter(Boolean)
        .join(' ')}
      data-testid={testId}
    >
      {options.map((option) => (
        <label
          key={option.value}
          className={`lt-segmented-item${option.value === value ? ' lt-segmented-item-selected' : ''}`}
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          <span className="lt-segmented-label">{option.label}</span>
        </label>
      ))}
    </div>
  );
}
