import { useMemo } from 'react';
import { Link } from 'react-router';
import type { TCommuneMap } from '../../../../common/contracts/geo';
import { compareVietnamese } from '../../../../common/vietnamese';
import { useT } from '../../i18n';
import { valueText } from './map-option';

/**
 * The map's figures as a table, by name: the map's text alternative. Always in the page for screen
 * readers (visually hidden until shown), and the only view when the province has no boundary file.
 * Each commune the reader may see links to its page, as a click on the map does.
 */
export function MapTable({ map, caption, shown }: { map: TCommuneMap; caption: string; shown: boolean }) {
  const t = useT();
  const rows = useMemo(() => [...map.units].sort((a, b) => compareVietnamese(a.name, b.name)), [map.units]);
  const withData = map.units.filter((u) => u.visible && u.value !== null).length;
  return (
    // a scrolling box must be reachable by keyboard (axe: scrollable-region-focusable)
    <section
      className={shown ? 'lt-map-table' : 'lt-sr-only'}
      aria-label={caption}
      tabIndex={shown ? 0 : undefined}
      data-testid="map-table"
    >
      <table>
        <caption>
          {caption}. {t.map.summary(withData, map.units.length)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.map.columnUnit}</th>
            <th scope="col">{map.layer === 'completeness' ? t.map.columnReports : t.map.columnValue}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((unit) => (
            <tr key={unit.orgUnitId} data-code={unit.code}>
              <th scope="row">
                {unit.visible ? <Link to={`/don-vi/${unit.orgUnitId}`}>{unit.name}</Link> : unit.name}
              </th>
              <td>{valueText(unit, map, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
