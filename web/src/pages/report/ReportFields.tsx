import { CloseOutlined, EditOutlined, MessageOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { LIMITS } from '../../../../common/limits';
import { ProgressBar } from '../../components/ProgressBar';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useReportField } from './field-context';
import { NumberBox, RangeSlider, Row, Secondary, TextArea } from './ui';

/**
 * One field of the report: its label, the reviewers' comments pinned to it, the control (or the
 * text, when the report is not editable), and for a reviewer a "Góp ý" button to pin a comment.
 */
export function FieldBlock({
  field,
  label,
  inputId,
  children,
}: {
  field: string;
  label: string;
  inputId?: string;
  children: ReactNode;
}) {
  const t = useT();
  const { comments, draftComments, setDraftComment, canComment, changed } = useReportField();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const pinned = comments.get(field) ?? [];
  const draft = draftComments[field];
  const isChanged = changed.has(field);

  const startEditing = () => {
    setText(draft ?? '');
    setEditing(true);
  };
  const pin = () => {
    const body = text.trim();
    setDraftComment(field, body || null);
    setEditing(false);
  };

  return (
    <div
      className={`lt-report-field${isChanged ? ' lt-report-field-changed' : ''}`}
      data-field={field}
      data-changed={isChanged || undefined}
      data-testid="report-field"
    >
      <div className="lt-report-field-head">
        {inputId ? (
          <label htmlFor={inputId} className="lt-report-field-label">
            {label}
          </label>
        ) : (
          <span className="lt-report-field-label">{label}</span>
        )}
        {isChanged ? (
          <Tag color="blue" className="lt-report-changed-tag">
            {t.reports.diff.changed}
          </Tag>
        ) : null}
        {canComment && !editing ? (
          <Button
            size="small"
            type="text"
            className="lt-report-comment-button"
            icon={<MessageOutlined />}
            onClick={startEditing}
            aria-label={t.reports.comment.buttonOf(label)}
            data-testid="comment-button"
          >
            {t.reports.comment.button}
          </Button>
        ) : null}
      </div>
      {pinned.length > 0 ? (
        <ul className="lt-report-comments" aria-label={t.reports.comment.button}>
          {pinned.map((c) => (
            <li key={c.id} className="lt-report-comment" data-testid="report-comment">
              <MessageOutlined className="lt-report-comment-icon" />
              <div>
                <div className="lt-report-comment-body">{c.body}</div>
                <div className="lt-hint">
                  {t.reports.comment.by(
                    c.author ?? t.reports.comment.unknownAuthor,
                    formatDateTime(c.createdAt),
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {children}
      {draft !== undefined && !editing ? (
        <div className="lt-report-comment lt-report-comment-draft" data-testid="draft-comment">
          <MessageOutlined className="lt-report-comment-icon" />
          <div className="lt-report-comment-main">
            <div className="lt-hint">{t.reports.comment.draft}</div>
            <div className="lt-report-comment-body">{draft}</div>
          </div>
          <Row gap={0}>
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              onClick={startEditing}
              aria-label={t.common.edit}
            />
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              onClick={() => setDraftComment(field, null)}
              aria-label={t.reports.comment.remove}
            />
          </Row>
        </div>
      ) : null}
      {editing ? (
        <div className="lt-report-comment-editor">
          <TextArea
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            minRows={2}
            maxRows={8}
            maxLength={LIMITS.textLength}
            placeholder={t.reports.comment.placeholder}
            aria-label={t.reports.comment.buttonOf(label)}
            data-testid="comment-text"
          />
          <Row>
            <Button
              type="primary"
              size="small"
              disabled={!text.trim()}
              onClick={pin}
              data-testid="comment-pin"
            >
              {t.reports.comment.pin}
            </Button>
            <Button size="small" onClick={() => setEditing(false)}>
              {t.common.cancel}
            </Button>
          </Row>
        </div>
      ) : null}
    </div>
  );
}

/** Text kept as typed, line breaks included; "Chưa nhập" when empty. */
export function ReadText({ value }: { value: string | null }) {
  const t = useT();
  return value ? (
    <div className="lt-report-text">{value}</div>
  ) : (
    <Secondary className="lt-report-text-empty">{t.reports.notEntered}</Secondary>
  );
}

/** A free-text field of the report (results, obstacles, proposals, the general section). */
export function TextField({
  field,
  label,
  placeholder,
  testId,
  suggestion,
}: {
  field: string;
  label: string;
  placeholder: string;
  testId: string;
  /** last period's text, offered (never filled in by itself) while the field is empty */
  suggestion?: string | null;
}) {
  const t = useT();
  const { autosave, editable } = useReportField();
  const id = useId();
  const value = autosave.value(field) as string | null;
  const offer = editable && suggestion && !value?.trim() ? suggestion : null;
  return (
    <FieldBlock field={field} label={label} inputId={editable ? id : undefined}>
      {editable ? (
        <TextArea
          id={id}
          value={value ?? ''}
          onChange={(e) => autosave.setValue(field, e.target.value)}
          minRows={2}
          maxRows={14}
          maxLength={LIMITS.textLength}
          placeholder={placeholder}
          data-testid={testId}
        />
      ) : (
        <ReadText value={value} />
      )}
      {offer ? (
        <div className="lt-report-suggestion" data-testid="carried-suggestion">
          <span className="lt-report-suggestion-label">{t.reports.taskNav.carriedObstacles}</span>{' '}
          <span className="lt-report-suggestion-text">{offer}</span>{' '}
          <Button size="small" onClick={() => autosave.setValue(field, offer)} data-testid="reuse-suggestion">
            {t.reports.taskNav.reuse}
          </Button>
        </div>
      ) : null}
    </FieldBlock>
  );
}

/**
 * Per cent done: a number box and a slider that move together. While nothing is entered, they show
 * last period's figure (`carried`), marked as such and not saved, until the unit keeps or changes it.
 */
export function ProgressField({
  field,
  label,
  code,
  carried,
}: {
  field: string;
  label: string;
  code: string;
  carried?: number | null;
}) {
  const t = useT();
  const { autosave, editable } = useReportField();
  const id = useId();
  const value = autosave.value(field) as number | null;
  const isCarried = editable && value === null && carried !== undefined && carried !== null;
  const shown = isCarried ? carried : value;
  return (
    <FieldBlock field={field} label={label} inputId={editable ? id : undefined}>
      {editable ? (
        <div
          className={`lt-report-progress${isCarried ? ' lt-report-progress-carried' : ''}`}
          data-carried={isCarried || undefined}
        >
          <NumberBox
            id={id}
            min={0}
            max={100}
            step={5}
            value={shown ?? null}
            onChange={(next) => autosave.setValue(field, next)}
            suffix="%"
            className="lt-report-progress-input"
            data-testid="progress-input"
          />
          <RangeSlider
            className="lt-report-progress-slider"
            min={0}
            max={100}
            step={5}
            value={shown ?? 0}
            onChange={(next) => autosave.setValue(field, next)}
            aria-label={t.reports.progressOf(code)}
            valueText={`${formatNumber(shown ?? 0)}%`}
          />
          {isCarried ? (
            <div className="lt-report-carried" data-testid="carried-progress">
              <span>{t.reports.taskNav.carried(t.common.percent(carried))}</span>
              <Button
                size="small"
                onClick={() => autosave.setValue(field, carried)}
                data-testid="keep-progress"
              >
                {t.reports.taskNav.keep}
              </Button>
            </div>
          ) : null}
        </div>
      ) : value === null ? (
        <Secondary>{t.reports.notEntered}</Secondary>
      ) : (
        <ProgressBar percent={value} size="small" data-testid="progress-text" />
      )}
    </FieldBlock>
  );
}
