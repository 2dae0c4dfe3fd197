import { Tag } from 'antd';
import type { Attainment } from '../../../common/enums';
import { useT } from '../i18n';

export type AttainmentStatus = Attainment | 'met' | 'not_met';

const COLOR: Record<AttainmentStatus, string> = {
  met: 'green',
  on_track: 'green',
  not_met: 'orange',
  at_risk: 'orange',
  off_track: 'red',
  no_target: 'default',
  no_data: 'default',
};

/** "Đạt" / "Chưa đạt" (or the server's on track / at risk / off track), with the figures as a tooltip. */
export function AttainmentTag({ status, title }: { status: AttainmentStatus; title?: string }) {
  const t = useT();
  return (
    <Tag color={COLOR[status]} title={title} data-attainment={status} className="lt-attainment-tag">
      {t.indicators.attainment[status]}
    </Tag>
  );
}
