import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { foldForSearch } from '../../../common/vietnamese';
import { useAllOrgUnits } from '../api/org-units';
import { useT } from '../i18n';
import { formatNumber } from '../lib/format';

interface UnitOption {
  value: string;
  label: string;
  title: string;
  kindLabel: string;
  search: string;
}

type Props = Omit<SelectProps<string | string[], UnitOption>, 'options' | 'showSearch' | 'optionRender'>;

/** A searchable org-unit picker showing short names; the search ignores diacritics. */
export function OrgUnitSelect(props: Props) {
  const t = useT();
  const { units, isLoading } = useAllOrgUnits();
  const options = useMemo<UnitOption[]>(
    () =>
      units.map((u) => ({
        value: u.id,
        label: u.shortName ?? u.name,
        title: u.name,
        kindLabel:
          u.leadCount > 0 ? `${t.orgUnitKind[u.kind]} · ${formatNumber(u.leadCount)}` : t.orgUnitKind[u.kind],
        search: foldForSearch(`${u.code} ${u.name} ${u.shortName ?? ''}`),
      })),
    [units, t],
  );
  return (
    <Select<string | string[], UnitOption>
      loading={isLoading}
      allowClear
      {...props}
      options={options}
      showSearch={{ filterOption: (input, option) => !!option?.search.includes(foldForSearch(input.trim())) }}
      optionRender={(option) => (
        <div className="lt-unit-option" title={option.data.title}>
          <span>{option.data.label}</span>
          <span className="lt-unit-option-kind">{option.data.kindLabel}</span>
        </div>
      )}
    />
  );
}
