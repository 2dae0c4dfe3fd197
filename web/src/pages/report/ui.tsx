import {
  type ChangeEvent,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type TextareaHTMLAttributes,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import './ui.css';

/**
 * The report page's own small components, drawn like antd's (small Card, Typography, Input,
 * TextArea, InputNumber, Slider, Space) with native elements: the page is what a commune's officer
 * opens on 4G, and antd's versions of these weigh ~90 KB gzip before the first field shows
 * (issue 10: 250 KB of JavaScript in all). The dialogs, the indicator grid and the menus still use
 * antd; they load after the page.
 */

/** antd's `<Card size="small">`: a white panel, a head with title and extra, a body. */
export function Panel({
  title,
  extra,
  className,
  children,
  ...rest
}: {
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
  id?: string;
  'data-testid'?: string;
  [data: `data-${string}`]: unknown;
}) {
  return (
    <div className={`lt-card${className ? ` ${className}` : ''}`} {...rest}>
      {title || extra ? (
        <div className="lt-card-head">
          <div className="lt-card-title">{title}</div>
          {extra ? <div className="lt-card-extra">{extra}</div> : null}
        </div>
      ) : null}
      <div className="lt-card-body">{children}</div>
    </div>
  );
}

/** antd's `<Typography.Text type="secondary">`. */
export function Secondary({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={`lt-text-secondary${className ? ` ${className}` : ''}`}>{children}</span>;
}

/** antd's `<Space>`: items in a row with a gap, wrapping if asked. */
export function Row({
  children,
  className,
  gap = 8,
  wrap,
}: {
  children: ReactNode;
  className?: string;
  gap?: number;
  wrap?: boolean;
}) {
  const style: CSSProperties = { gap, flexWrap: wrap ? 'wrap' : undefined };
  return (
    <div className={`lt-row${className ? ` ${className}` : ''}`} style={style}>
      {children}
    </div>
  );
}

const fieldSizing = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

/**
 * antd's `<Input.TextArea autoSize>`: a native textarea that grows with its text between `minRows`
 * and `maxRows` (CSS field-sizing where the browser has it, its scroll height elsewhere).
 */
export function TextArea({
  minRows = 2,
  maxRows = 8,
  className,
  style,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  minRows?: number;
  maxRows?: number;
  'data-testid'?: string;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const lineHeight = 22;
  const padding = 10; // 4 px above and below, the borders
  const min = minRows * lineHeight + padding;
  const max = maxRows * lineHeight + padding;
  useLayoutEffect(() => {
    const area = ref.current;
    if (fieldSizing || !area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(max, Math.max(min, area.scrollHeight + 2))}px`;
  });
  return (
    <textarea
      ref={ref}
      className={`lt-input lt-textarea${className ? ` ${className}` : ''}`}
      style={{ minHeight: min, maxHeight: max, ...style }}
      {...props}
    />
  );
}

/**
 * antd's `<InputNumber>` for whole numbers in a range, with a suffix: typed digits are sent as they
 * form a number in range, the arrow keys step, and leaving the box shows the value kept.
 */
export function NumberBox({
  id,
  value,
  onChange,
  min,
  max,
  step = 1,
  suffix,
  className,
  'data-testid': testId,
}: {
  id?: string;
  value: number | null;
  onChange: (value: number | null) => void;
  min: number;
  max: number;
  step?: number;
  suffix?: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === null ? '' : String(value));
  const clamp = (n: number) => Math.min(max, Math.max(min, n));
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const typed = e.target.value.replace(/[^\d]/g, '');
    setText(typed);
    if (typed === '') onChange(null);
    else if (Number(typed) >= min && Number(typed) <= max) onChange(Number(typed));
  };
  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const base = value ?? min;
    setText(null);
    onChange(clamp(base + (e.key === 'ArrowUp' ? step : -step)));
  };
  const blur = () => {
    if (text !== null && text !== '' && Number(text) !== value) onChange(clamp(Number(text)));
    setText(null);
  };
  return (
    <span className={`lt-input lt-number${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        role="spinbutton"
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={value ?? undefined}
        value={shown}
        onChange={change}
        onKeyDown={keyDown}
        onBlur={blur}
        data-testid={testId}
      />
      {suffix ? <span className="lt-number-suffix">{suffix}</span> : null}
    </span>
  );
}

/** antd's `<Slider>`: a native range input in the theme's colour. */
export function RangeSlider({
  value,
  onChange,
  min,
  max,
  step,
  className,
  'aria-label': ariaLabel,
  valueText,
}: {
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
  step: number;
  className?: string;
  'aria-label': string;
  valueText: string;
}) {
  return (
    <input
      type="range"
      className={`lt-range${className ? ` ${className}` : ''}`}
      min={min}
      max={max}
      step={step}
      value={value}
      onChange={(e) => onChange(Number(e.target.value))}
      aria-label={ariaLabel}
      aria-valuetext={valueText}
      style={{ '--lt-range-fill': `${((value - min) / (max - min)) * 100}%` } as CSSProperties}
    />
  );
}
