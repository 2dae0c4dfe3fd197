import { Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CommuneMapPanel } from '../../components/map/CommuneMapPanel';
import { type MapDraft, parseMapDraft, serializeMapDraft } from '../../components/map/map-selection';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';

/** /ban-do: the commune map on a page of its own, its layer in the address (a link shows the same map). */
export default function MapPage() {
  const t = useT();
  useDocumentTitle(t.map.title);
  const [params, setParams] = useSearchParams();
  const draft = useMemo(() => parseMapDraft(params), [params]);
  const onDraftChange = useCallback(
    (next: MapDraft) => setParams(serializeMapDraft(next), { replace: true }),
    [setParams],
  );
  return (
    <div className="lt-page" data-testid="map-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {t.map.title}
        </Typography.Title>
      </div>
      <CommuneMapPanel draft={draft} onDraftChange={onDraftChange} title={t.map.nav} />
    </div>
  );
}
