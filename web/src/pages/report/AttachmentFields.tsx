import {
  CloseOutlined,
  DeleteOutlined,
  LinkOutlined,
  PaperClipOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Button } from 'antd';
import { useId, useRef, useState } from 'react';
import type { TEvidence } from '../../../../common/contracts/reports';
import { isApiError } from '../../api/client';
import { evidenceUrl, removeEvidence, uploadEvidence, useHeldReportVersion } from '../../api/reports';
import { useFeedback } from '../../app/feedback';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useReportField } from './field-context';
import { FieldBlock } from './ReportFields';
import { evidenceField, isEvidenceUrl } from './report-fields';
import { Secondary } from './ui';

const MAX_LINKS = 20;

/** Evidence links: a list, and (when editable) a box to add one; only http(s) addresses. */
export function LinksField({ field, label }: { field: string; label: string }) {
  const t = useT();
  const { autosave, editable } = useReportField();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const links = (autosave.value(field) as string[] | null) ?? [];

  const add = () => {
    const url = text.trim();
    if (!url) return;
    if (!isEvidenceUrl(url)) return setError(t.reports.links.invalid);
    if (links.length >= MAX_LINKS) return setError(t.reports.links.max);
    setError(null);
    setText('');
    if (!links.includes(url)) autosave.setValue(field, [...links, url]);
  };

  if (!editable && links.length === 0) {
    return (
      <FieldBlock field={field} label={label}>
        <Secondary>{t.reports.notEntered}</Secondary>
      </FieldBlock>
    );
  }
  return (
    <FieldBlock field={field} label={label} inputId={editable ? id : undefined}>
      {links.length > 0 ? (
        <ul className="lt-report-links">
          {links.map((url) => (
            <li key={url}>
              <LinkOutlined />
              <a href={url} target="_blank" rel="noopener noreferrer">
                {url}
              </a>
              {editable ? (
                <Button
                  size="small"
                  type="text"
                  icon={<CloseOutlined />}
                  onClick={() =>
                    autosave.setValue(
                      field,
                      links.filter((l) => l !== url),
                    )
                  }
                  aria-label={t.reports.links.remove(url)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? (
        <>
          <div className="lt-report-link-add">
            <input
              id={id}
              type="url"
              inputMode="url"
              className={`lt-input${error ? ' lt-input-error' : ''}`}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') add();
              }}
              placeholder={t.reports.links.placeholder}
              aria-invalid={error ? true : undefined}
              maxLength={1000}
              data-testid="link-input"
            />
            <Button icon={<PlusOutlined />} onClick={add} disabled={!text.trim()}>
              {t.reports.links.add}
            </Button>
          </div>
          {error ? (
            <div className="lt-entry-error" role="alert">
              {error}
            </div>
          ) : null}
        </>
      ) : null}
    </FieldBlock>
  );
}

const ACCEPTED_FILES =
  '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,application/pdf,image/*,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "850 KB", "2,4 MB". */
function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${formatNumber(Math.round(bytes / 104_857.6) / 10)} MB`;
}

/**
 * Evidence files of a task (or of the report as a whole): download links, and while the report
 * is editable, attach and remove. Pending edits are saved first, since a file moves the report
 * to a new version.
 */
export function EvidenceField({ planItemId, label }: { planItemId: string | null; label: string }) {
  const t = useT();
  const { message, modal } = useFeedback();
  const { report, autosave, editable, canComment } = useReportField();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const heldVersion = useHeldReportVersion(report.id);
  const files = report.evidence.filter((e) => e.planItemId === planItemId);
  const e = t.reports.evidence;

  const upload = async (chosen: File[]) => {
    if (chosen.length === 0) return;
    setBusy(true);
    try {
      if (!(await autosave.flush())) {
        void message.error(t.reports.saveFailedTitle);
        return;
      }
      // each file moves the report to a new version, which the next one is based on
      let version = heldVersion() ?? report.version;
      for (const file of chosen) {
        try {
          version = (await uploadEvidence(report.id, file, version, planItemId ?? undefined)).reportVersion;
          void message.success(e.uploaded(file.name));
        } catch (error) {
          if (!isApiError(error)) throw error;
          void message.error(`${e.failed}: ${error.problem.detail}`);
          // someone else changed the report: the rest would be refused too; the reload shows their change
          if (error.status === 409) break;
        }
      }
      await autosave.reload(true);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const remove = (file: TEvidence) =>
    modal.confirm({
      title: e.removeTitle(file.fileName),
      okText: e.remove(file.fileName),
      okButtonProps: { danger: true },
      cancelText: t.common.cancel,
      onOk: async () => {
        try {
          if (!(await autosave.flush())) {
            void message.error(t.reports.saveFailedTitle);
            return;
          }
          await removeEvidence(report.id, file.id, heldVersion() ?? report.version);
          await autosave.reload(true);
          void message.success(e.removed(file.fileName));
        } catch (error) {
          if (!isApiError(error)) throw error;
          void message.error(`${e.removeFailed}: ${error.problem.detail}`);
          // changed meanwhile (by someone else, or sent): show the report as it is now
          if (error.status === 409) await autosave.reload(true);
        }
      },
    });

  // readers see the block only when there is something to see or to comment on
  if (!editable && files.length === 0 && !canComment) return null;
  return (
    <FieldBlock field={evidenceField(planItemId)} label={label}>
      {files.length > 0 ? (
        <ul className="lt-report-links lt-report-files">
          {files.map((file) => (
            <li key={file.id} data-testid="evidence-file">
              <PaperClipOutlined />
              <a href={evidenceUrl(report.id, file.id)} download={file.fileName}>
                {file.fileName}
              </a>
              <span className="lt-hint lt-nowrap">{fileSize(file.size)}</span>
              {editable ? (
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(file)}
                  aria-label={e.remove(file.fileName)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : editable ? null : (
        <Secondary>{e.none}</Secondary>
      )}
      {editable ? (
        <div className="lt-report-attach">
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept={ACCEPTED_FILES}
            onChange={(event) => void upload([...(event.target.files ?? [])])}
            data-testid="evidence-input"
          />
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={busy}
            onClick={() => input.current?.click()}
          >
            {e.attach}
          </Button>
          <span className="lt-hint">{e.hint}</span>
        </div>
      ) : null}
    </FieldBlock>
  );
}
