import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Col, DatePicker, Row, Select, Switch, Tag } from 'antd';
import { useCallback, useState } from 'react';
import type { TPlanTreeNode } from '../../../../common';
import { ITEM_STATUSES, type ItemStatus } from '../../../../common/enums';
import { GroupTreeSelect } from '../../components/GroupTreeSelect';
import { MultiSelectFilter } from '../../components/MultiSelectFilter';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { SearchBox } from '../../components/SearchBox';
import { useT } from '../../i18n';
import { DATE_FORMAT, parseIsoDate, toIsoDate } from '../../lib/format';
import { STATUS_TAG_COLOR } from '../../lib/status';
import { activeFilterCount, ITEM_SORT_KEYS, type ItemSort, type TaskFilters } from './task-filters';

interface Props {
  filters: TaskFilters;
  update: (patch: Partial<TaskFilters>, options?: { replace?: boolean }) => void;
  reset: () => void;
  groups: TPlanTreeNode[];
  narrow: boolean;
}

export function TaskFiltersBar({ filters, update, reset, groups, narrow }: Props) {
  const t = useT();
  const commitSearch = useCallback((q: string) => update({ q }, { replace: true }), [update]);
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(filters);

  const search = (
    <SearchBox
      value={filters.q}
      onCommit={commitSearch}
      placeholder={t.tasks.search}
      data-testid="task-search"
    />
  );

  const deadline = narrow ? (
    <div className="lt-date-pair">
      <DatePicker
        format={DATE_FORMAT}
        placeholder={t.tasks.deadlineFrom}
        value={parseIsoDate(filters.deadlineFrom)}
        onChange={(d) => update({ deadlineFrom: toIsoDate(d) ?? undefined })}
        inputReadOnly
      />
      <DatePicker
        format={DATE_FORMAT}
        placeholder={t.tasks.deadlineTo}
        value={parseIsoDate(filters.deadlineTo)}
        onChange={(d) => update({ deadlineTo: toIsoDate(d) ?? undefined })}
        inputReadOnly
      />
    </div>
  ) : (
    <DatePicker.RangePicker
      style={{ width: '100%' }}
      format={DATE_FORMAT}
      placeholder={[t.tasks.deadlineFrom, t.tasks.deadlineTo]}
      allowEmpty={[true, true]}
      value={[parseIsoDate(filters.deadlineFrom), parseIsoDate(filters.deadlineTo)]}
      onChange={(range) =>
        update({
          deadlineFrom: toIsoDate(range?.[0]) ?? undefined,
          deadlineTo: toIsoDate(range?.[1]) ?? undefined,
        })
      }
      data-testid="deadline-range"
    />
  );

  const fields = (
    <Row gutter={[8, 8]}>
      <Col xs={24} sm={12} lg={8}>
        <GroupTreeSelect
          roots={groups}
          style={{ width: '100%' }}
          placeholder={t.tasks.group}
          aria-label={t.tasks.group}
          value={filters.group}
          onChange={(group) => update({ group: group ?? undefined })}
          data-testid="group-filter"
        />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <OrgUnitSelect
          style={{ width: '100%' }}
          placeholder={t.tasks.lead}
          aria-label={t.tasks.lead}
          value={filters.lead}
          onChange={(lead) => update({ lead: typeof lead === 'string' ? lead : undefined })}
          data-testid="lead-filter"
        />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <MultiSelectFilter
          label={t.tasks.status}
          value={filters.status}
          onChange={(status) => update({ status })}
          options={ITEM_STATUSES.map((s) => ({ value: s, label: t.status[s] }))}
          tagRender={({ value, label, closable, onClose }) => (
            <Tag
              color={STATUS_TAG_COLOR[value as ItemStatus]}
              closable={closable}
              onClose={onClose}
              style={{ marginInlineEnd: 4 }}
            >
              {label}
            </Tag>
          )}
          data-testid="status-filter"
        />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        {deadline}
      </Col>
      <Col xs={24} lg={8} className="lt-filter-switches">
        <span className="lt-switch-label">
          <Switch
            id="lt-overdue-only"
            size="small"
            checked={filters.overdue}
            onChange={(overdue) => update({ overdue })}
            data-testid="overdue-filter"
          />
          <label htmlFor="lt-overdue-only">{t.tasks.overdueOnly}</label>
        </span>
        {narrow ? (
          <Select<string>
            size="small"
            className="lt-sort-select"
            value={`${filters.sort}:${filters.order}`}
            onChange={(v) => {
              const [sort, order] = v.split(':') as [ItemSort, 'asc' | 'desc'];
              update({ sort, order });
            }}
            options={ITEM_SORT_KEYS.flatMap((key) =>
              (['asc', 'desc'] as const).map((order) => ({
                value: `${key}:${order}`,
                label: `${t.columns[key]} ${order === 'asc' ? '↑' : '↓'}`,
              })),
            )}
            data-testid="sort-select"
          />
        ) : null}
        <Button icon={<ClearOutlined />} onClick={reset} data-testid="reset-filters">
          {t.tasks.reset}
        </Button>
      </Col>
    </Row>
  );

  if (!narrow) {
    return (
      <div className="lt-filters" data-testid="task-filters">
        <div className="lt-filters-search">{search}</div>
        {fields}
      </div>
    );
  }
  return (
    <div className="lt-filters" data-testid="task-filters">
      <div className="lt-filters-search lt-filters-search-narrow">
        {search}
        <Badge count={active} size="small">
          <Button
            icon={<FilterOutlined />}
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            data-testid="filters-toggle"
          />
        </Badge>
      </div>
      {open ? fields : null}
    </div>
  );
}
