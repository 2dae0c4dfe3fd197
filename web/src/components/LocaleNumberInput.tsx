import { InputNumber, type InputNumberProps } from 'antd';
import { parseLocaleNumber } from '../../../common/pasted-numbers';

const display = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

/**
 * The text → number step of the input. rc-input-number reads '' as "no value" and NaN as
 * "not a number yet" (the last good value stays), so both are handed over as they are.
 */
function parse(text: string | undefined): number {
  const parsed = parseLocaleNumber(text ?? '');
  if (!parsed.ok) return Number.NaN;
  return (parsed.value === null ? '' : parsed.value) as number;
}

/** While typing, the text stays as typed; otherwise the number is shown the Vietnamese way (1.234,5). */
function format(value: string | number | undefined, info: { userTyping: boolean; input: string }): string {
  if (info.userTyping) return info.input;
  if (value === undefined || value === '' || value === null) return '';
  const n = Number(value);
  return Number.isFinite(n) ? display.format(n) : String(value);
}

type Props = Omit<InputNumberProps<number>, 'parser' | 'formatter' | 'decimalSeparator' | 'stringMode'>;

/**
 * A number input that reads "85,5", "1.234" and "1.234,5" as Vietnamese users write them (and
 * "1,234.5" from English spreadsheets): the rule is in common/pasted-numbers.ts. No min/max
 * clamping: out-of-range values are reported by the server, not silently changed.
 */
export function LocaleNumberInput(props: Props) {
  return <InputNumber<number> inputMode="decimal" {...props} parser={parse} formatter={format} />;
}
