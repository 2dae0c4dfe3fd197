import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Progress, Radio, Row, Select, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TMe } from '../../../../common/contracts/auth';
import type { TRowError, TWriteDataValuesResult, WriteMode } from '../../../../common/contracts/data-values';
import { foldForSearch } from '../../../../common/vietnamese';
import { ApiError } from '../../api/client';
import { importDataValuesFile, templateUrl } from '../../api/data-import';
import { dataValueKeys } from '../../api/data-values';
import { useAllOrgUnits } from '../../api/org-units';
import { useAuth } from '../../auth/auth-context';
import { Forbidden } from '../../components/Feedback';
import { FileDropZone } from '../../components/FileDropZone';
import { useLocale, useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { PeriodFields } from '../data-entry/PeriodFields';
import { defaultPeriod, isEntryPeriod } from '../data-entry/periods';
import { countCsvRows, importReportCsv, reportFileName } from './import-report';
import './data-import.css';

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; percent: number; dryRun: boolean }
  | { step: 'checking'; rows: number | null; dryRun: boolean }
  | { step: 'preview'; result: TWriteDataValuesResult }
  | { step: 'done'; result: TWriteDataValuesResult }
  | { step: 'failed'; message: string };

const COUNT_KEYS = ['total', 'created', 'updated', 'cleared', 'unchanged', 'rejected'] as const;
const rowAnchor = (row: number) => `loi-dong-${row}`;

/** The user's own unit, as the entry grid picks it (not imported: that would load the grid's chunk). */
const ownEntryUnit = (me: TMe | null | undefined) =>
  me?.assignments.find((a) => a.abilities.includes('data_values.enter'))?.orgUnit.id;

/** The units the user enters values for: their assignments' subtrees (the whole tree for the province). */
function useEntryUnits() {
  const { me } = useAuth();
  const { units, isLoading } = useAllOrgUnits();
  const options = useMemo(() => {
    const roots = new Set(
      (me?.assignments ?? [])
        .filter((a) => a.abilities.includes('data_values.enter'))
        .map((a) => a.orgUnit.id),
    );
    const children = new Map<string | null, string[]>();
    for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    const reach = new Set<string>();
    const walk = (id: string) => {
      if (reach.has(id)) return;
      reach.add(id);
      for (const child of children.get(id) ?? []) walk(child);
    };
    for (const id of roots) walk(id);
    return units
      .filter((u) => reach.has(u.id))
      .map((u) => ({
        value: u.id,
        label: `${u.shortName ?? u.name} (${u.code})`,
        search: foldForSearch(`${u.code} ${u.name} ${u.shortName ?? ''}`),
      }));
  }, [me, units]);
  return { options, isLoading };
}

/** `/nhap-so-lieu/tu-tep?orgUnitId=…&period=…`: template, upload, dry-run preview, then the write. */
export default function DataImportPage() {
  const t = useT();
  const m = t.dataImport;
  const { lang } = useLocale();
  const { me, can } = useAuth();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const orgUnitId = params.get('orgUnitId') ?? ownEntryUnit(me);
  const urlPeriod = params.get('period');
  const period = isEntryPeriod(urlPeriod) ? urlPeriod : defaultPeriod('month');
  const units = useEntryUnits();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<WriteMode>('all_or_nothing');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  useDocumentTitle(m.title);
  useEffect(() => () => abort.current?.abort(), []);

  if (!can('data_values.enter')) return <Forbidden />;

  const go = (next: { orgUnitId?: string; period?: string }) =>
    setParams(
      { orgUnitId: next.orgUnitId ?? orgUnitId ?? '', period: next.period ?? period },
      { replace: true },
    );

  async function send(chosen: File, dryRun: boolean) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'uploading', percent: 0, dryRun });
    const rows = /\.csv$/i.test(chosen.name) ? countCsvRows(chosen).catch(() => null) : Promise.resolve(null);
    try {
      const result = await importDataValuesFile({
        file: chosen,
        dryRun,
        mode,
        csrfToken: me?.csrfToken,
        lang,
        signal: controller.signal,
        onUploadProgress: (sent, total) =>
          setPhase({ step: 'uploading', percent: total ? Math.floor((sent / total) * 100) : 0, dryRun }),
        onUploaded: () => {
          setPhase({ step: 'checking', rows: null, dryRun });
          void rows.then((n) =>
            setPhase((p) => (p.step === 'checking' && p.dryRun === dryRun ? { ...p, rows: n } : p)),
          );
        },
      });
      if (controller.signal.aborted) return;
      if (dryRun) {
        setPhase({ step: 'preview', result });
      } else {
        setPhase({ step: 'done', result });
        if (result.applied) {
          void queryClient.invalidateQueries({ queryKey: dataValueKeys.all });
          void queryClient.invalidateQueries({ queryKey: ['analytics'] });
        }
      }
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setPhase({ step: 'failed', message: error instanceof ApiError ? error.message : String(error) });
    }
  }

  const choose = (chosen: File) => {
    setFile(chosen);
    setHighlighted(null);
    void send(chosen, true);
  };

  const result = phase.step === 'preview' || phase.step === 'done' ? phase.result : null;
  const busy = phase.step === 'uploading' || phase.step === 'checking';
  const writable = result ? result.created + result.updated + result.cleared : 0;
  const blocked = result !== null && mode === 'all_or_nothing' && result.rejected > 0;
  const errorRows = result ? [...new Set(result.errors.map((e) => e.row))] : [];

  const jumpTo = (row: number) => {
    setHighlighted(row);
    const target = document.getElementById(rowAnchor(row));
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target?.focus();
  };

  const downloadReport = () => {
    if (!result || !file) return;
    const url = URL.createObjectURL(importReportCsv(result, file.name, m));
    const link = document.createElement('a');
    link.href = url;
    link.download = reportFileName(file.name);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="lt-page lt-import" data-testid="data-import-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {m.title}
        </Typography.Title>
        <Link to={`/nhap-so-lieu?orgUnitId=${orgUnitId ?? ''}&period=${period}`}>{t.dataEntry.title}</Link>
      </div>
      <Typography.Paragraph>{m.lead}</Typography.Paragraph>

      <Card size="small" title={m.step1} className="lt-import-card">
        <Row gutter={[8, 8]} align="bottom">
          <Col xs={24} md={10}>
            <label className="lt-import-label" htmlFor="lt-import-unit">
              {t.dataEntry.orgUnit}
            </label>
            <Select
              id="lt-import-unit"
              style={{ width: '100%' }}
              value={orgUnitId}
              loading={units.isLoading}
              placeholder={t.form.selectUnit}
              options={units.options}
              showSearch={{
                filterOption: (input, option) => !!option?.search.includes(foldForSearch(input.trim())),
              }}
              onChange={(value) => go({ orgUnitId: value })}
              data-testid="import-unit"
            />
          </Col>
          <PeriodFields
            prefix="import"
            labelClassName="lt-import-label"
            period={period}
            onChange={(next) => go({ period: next })}
          />
        </Row>
        <Space wrap className="lt-import-template">
          <Button
            icon={<DownloadOutlined />}
            href={orgUnitId ? templateUrl(orgUnitId, period) : undefined}
            disabled={!orgUnitId}
            data-testid="import-template"
          >
            {m.downloadTemplate}
          </Button>
          <Typography.Text type="secondary">{m.templateHint}</Typography.Text>
        </Space>
      </Card>

      <Card size="small" title={m.step2} className="lt-import-card">
        <FileDropZone
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChoose={choose}
          disabled={busy}
          title={m.drop}
          hint={m.dropHint}
          testId="import-file"
        />
        {file ? (
          <Typography.Text className="lt-import-file" data-testid="import-file-name">
            {m.file(file.name)}
          </Typography.Text>
        ) : null}
        {phase.step === 'uploading' ? (
          <Progress
            percent={phase.percent}
            aria-label={m.uploading(phase.percent)}
            data-testid="import-upload"
          />
        ) : null}
        {phase.step === 'checking' ? (
          <div className="lt-import-checking" role="status" data-testid="import-checking">
            <Spin />
            <span>
              {!phase.dryRun ? m.writing : phase.rows !== null ? m.checkingRows(phase.rows) : m.checking}
            </span>
          </div>
        ) : null}
        {phase.step === 'failed' ? (
          <Alert
            type="error"
            showIcon
            title={m.failed}
            description={phase.message}
            data-testid="import-failed"
          />
        ) : null}
      </Card>

      {result ? (
        <Card
          size="small"
          title={phase.step === 'done' ? m.committedTitle : m.previewTitle}
          className="lt-import-card"
          data-testid="import-result"
        >
          <dl className="lt-import-counts">
            {COUNT_KEYS.map((key) => (
              <div key={key} className={key === 'rejected' && result.rejected ? 'lt-import-bad' : undefined}>
                <dt>{m.counts[key]}</dt>
                <dd data-testid={`import-count-${key}`}>{result[key].toLocaleString('vi-VN')}</dd>
              </div>
            ))}
          </dl>
          {phase.step === 'done' ? (
            <Alert
              type={result.applied ? 'success' : 'error'}
              showIcon
              className="lt-import-alert"
              data-testid="import-done"
              title={result.applied ? m.committed(writable) : m.notApplied}
              action={
                result.applied ? (
                  <Link
                    to={`/nhap-so-lieu?orgUnitId=${orgUnitId ?? ''}&period=${period}`}
                    data-testid="import-open-grid"
                  >
                    {m.openGrid}
                  </Link>
                ) : undefined
              }
            />
          ) : null}
          {result.rejected ? (
            <ErrorList
              result={result}
              rows={errorRows}
              highlighted={highlighted}
              onJump={jumpTo}
              messages={m}
            />
          ) : (
            <Typography.Paragraph type="success">{m.noErrors}</Typography.Paragraph>
          )}
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={downloadReport} data-testid="import-report">
              {m.downloadReport}
            </Button>
          </Space>
        </Card>
      ) : null}

      {phase.step === 'preview' && file ? (
        <Card size="small" title={m.step3} className="lt-import-card">
          <fieldset className="lt-import-mode">
            <legend>{m.mode}</legend>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as WriteMode)}
              data-testid="import-mode"
            >
              <Space direction="vertical">
                <Radio value="all_or_nothing">{m.modes.all_or_nothing}</Radio>
                <Radio value="valid_rows">{m.modes.valid_rows}</Radio>
              </Space>
            </Radio.Group>
          </fieldset>
          {blocked ? <Alert className="lt-import-alert" type="warning" showIcon title={m.fixFirst} /> : null}
          {!blocked && writable === 0 ? (
            <Alert className="lt-import-alert" type="info" showIcon title={m.nothingToWrite} />
          ) : null}
          <Button
            type="primary"
            disabled={blocked || writable === 0}
            onClick={() => void send(file, false)}
            data-testid="import-commit"
          >
            {m.commit}
          </Button>
        </Card>
      ) : null}
    </div>
  );
}

function ErrorList(props: {
  result: TWriteDataValuesResult;
  rows: number[];
  highlighted: number | null;
  onJump: (row: number) => void;
  messages: ReturnType<typeof useT>['dataImport'];
}) {
  const { result, rows, highlighted, onJump, messages: m } = props;
  // the first error of each row carries the row's anchor
  const firstOfRow = new Set<number>();
  const data = result.errors.map((e, index) => {
    const anchor = !firstOfRow.has(e.row);
    firstOfRow.add(e.row);
    return { ...e, key: index, anchor };
  });
  return (
    <div className="lt-import-errors" data-testid="import-errors">
      <Typography.Title level={5}>{m.errorsTitle(result.rejected)}</Typography.Title>
      <nav className="lt-import-jump" aria-label={m.errorRows}>
        <span>{m.errorRows}</span>
        {rows.slice(0, 50).map((row) => (
          <Button key={row} size="small" type="link" onClick={() => onJump(row)}>
            {row}
          </Button>
        ))}
      </nav>
      {result.errors.length < result.rejected ? (
        <Typography.Paragraph type="secondary">
          {m.errorsListed(result.errors.length, result.rejected)}
        </Typography.Paragraph>
      ) : null}
      <Table<TRowError & { key: number; anchor: boolean }>
        size="small"
        dataSource={data}
        pagination={data.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        rowClassName={(r) => (r.row === highlighted ? 'lt-import-highlight' : '')}
        onRow={(r) =>
          r.anchor ? { id: rowAnchor(r.row), tabIndex: -1, 'data-row': r.row } : { 'data-row': r.row }
        }
        columns={[
          { title: m.row, dataIndex: 'row', width: 80, render: (row: number) => m.rowLabel(row) },
          {
            title: m.field,
            dataIndex: 'field',
            width: 140,
            render: (field: string) => m.fields[field] ?? field,
          },
          { title: m.message, dataIndex: 'message' },
        ]}
      />
    </div>
  );
}
