import { DownloadOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Skeleton } from 'antd';
import type { EChartsType } from 'echarts/core';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { TCommuneMap } from '../../../../common/contracts/geo';
import { useBoundary, useCommuneMap } from '../../api/geo';
import { useIndicatorCatalogue } from '../../api/indicators';
import { useRounds } from '../../api/rounds';
import { type Messages, useLocale, useT } from '../../i18n';
import { MapControls } from './MapControls';
import { MapTable } from './MapTable';
import { mapData, mapOption } from './map-option';
import { completedDraft, type MapDraft, mapIndicators, periodText, resolveSelection } from './map-selection';
import './map.css';

// ECharts and the map series arrive with the chart, after the panel: never in the entry chunk.
const CommuneMapChart = lazy(() => import('./CommuneMapChart'));

interface Props {
  /** what the user picked (e.g. from the address); uncontrolled when absent */
  draft?: MapDraft;
  onDraftChange?: (draft: MapDraft) => void;
  /** the map's height in pixels */
  height?: number;
  /** the card's heading level is the page's business: the map page has its own h1 */
  title?: string;
}

/**
 * The choropleth of the province's communes and wards, coloured by an indicator or by a round's
 * reporting completeness, with its table (shown on demand, always there for screen readers), the
 * boundary credit and a PNG export. A click on a commune opens its page. A province without a
 * boundary file gets the table alone.
 */
export function CommuneMapPanel({ draft: controlled, onDraftChange, height = 460, title }: Props) {
  const t = useT();
  const { lang } = useLocale();
  const navigate = useNavigate();
  const [own, setOwn] = useState<MapDraft>({});
  const draft = controlled ?? own;
  const setDraft = onDraftChange ?? setOwn;
  const [tableShown, setTableShown] = useState(false);
  const chart = useRef<EChartsType | null>(null);
  const onReady = useCallback((instance: EChartsType | null) => {
    chart.current = instance;
  }, []);

  const catalogue = useIndicatorCatalogue();
  const rounds = useRounds({ pageSize: 50 });
  const indicators = useMemo(
    () => (catalogue.data ? mapIndicators(catalogue.data) : undefined),
    [catalogue.data],
  );
  const selection = resolveSelection(draft, indicators, rounds.data?.items);
  const map = useCommuneMap(selection);
  // the defaults picked become the address's (controlled): a link then shows the same map
  const completed = completedDraft(draft, selection);
  useEffect(() => {
    if (onDraftChange && completed !== draft) onDraftChange(completed);
  }, [onDraftChange, completed, draft]);
  const boundary = useBoundary(map.data?.province.id, map.data?.boundary?.version);

  const data = useMemo(() => (map.data ? mapData(map.data, t) : []), [map.data, t]);
  const option = useMemo(() => (map.data ? mapOption(map.data, t) : null), [map.data, t]);
  const caption = map.data ? t.map.tableCaption(...captionOf(map.data, (p) => periodText(p, lang), t)) : '';
  const noBoundary = map.data !== undefined && map.data.boundary === null;

  const exportPng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = `${t.map.fileName}.png`;
    link.click();
  };

  return (
    <Card
      className="lt-map-panel"
      title={title ?? t.map.panelTitle}
      data-testid="commune-map"
      extra={
        <Button
          icon={<DownloadOutlined />}
          onClick={exportPng}
          disabled={!boundary.data || !map.data}
          data-testid="map-export"
        >
          {t.map.exportPng}
        </Button>
      }
    >
      <MapControls
        selection={selection}
        draft={draft}
        indicators={indicators ?? []}
        rounds={rounds.data?.items ?? []}
        onChange={setDraft}
      />
      {map.isError || boundary.isError ? <Alert type="error" showIcon title={t.map.loadFailed} /> : null}
      {noBoundary ? (
        <Alert type="info" showIcon title={t.map.noBoundary} data-testid="map-no-boundary" />
      ) : (
        <>
          {map.data && option && boundary.data ? (
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
              <CommuneMapChart
                mapName={`lt-${map.data.province.code}-${map.data.boundary!.version}`}
                boundary={boundary.data}
                option={option}
                data={data}
                height={height}
                onSelect={(datum) => navigate(`/don-vi/${datum.orgUnitId}`)}
                onReady={onReady}
              />
            </Suspense>
          ) : (
            <Skeleton.Node active style={{ width: '100%', height }} />
          )}
          <p className="lt-map-note">{t.map.greyNote}</p>
          <p className="lt-map-credit" data-testid="map-credit">
            {t.map.credit}
          </p>
        </>
      )}
      {map.data ? (
        <>
          {noBoundary ? null : (
            <Button
              icon={<TableOutlined />}
              className="lt-map-table-toggle"
              aria-expanded={tableShown}
              onClick={() => setTableShown((shown) => !shown)}
              data-testid="map-table-toggle"
            >
              {tableShown ? t.map.hideTable : t.map.showTable}
            </Button>
          )}
          <MapTable map={map.data} caption={caption} shown={tableShown || noBoundary} />
        </>
      ) : null}
    </Card>
  );
}

/** What the map shows and when: "Chỉ tiêu X (đơn vị)", "Năm 2025" — or completeness and the round. */
function captionOf(map: TCommuneMap, period: (id: string) => string, t: Messages): [string, string] {
  if (map.layer === 'completeness') return [t.map.layers.completeness, map.round?.title ?? ''];
  const unit = map.indicator?.unit ? ` (${map.indicator.unit})` : '';
  return [`${map.indicator?.name ?? ''}${unit}`, map.period ? period(map.period) : ''];
}
