import { Progress, type ProgressProps } from 'antd';
import { useT } from '../i18n';

/**
 * antd's progress bar with an accessible name, "Tiến độ 45%": its role="progressbar" has none, and
 * a screen reader would announce a bare number (WCAG 4.1.2, axe aria-progressbar-name).
 */
export function ProgressBar(props: ProgressProps) {
  const t = useT();
  const percent = props.percent ?? 0;
  return <Progress aria-label={`${t.columns.progress} ${t.common.percent(percent)}`} {...props} />;
}
