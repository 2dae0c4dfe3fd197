import { EditOutlined } from '@ant-design/icons';
import { Button, Input, Table, type TableColumnsType } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import type {
  AnnexColumn,
  TAnnexLayout,
  TImportIssue,
  TPreviewRow,
} from '../../../../common/contracts/plan-import';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';

export const PAGE_SIZE = 50;
export const rowAnchor = (row: number) => `dong-${row}`;

/** "Dòng 12, cột C (Cơ quan chủ trì): không tìm thấy…" → what is left to say inside the cell. */
const inCell = (issue: TImportIssue) => issue.message.replace(/^Dòng \d+(, cột [^:]*)?: /, '');

const hasError = (issues: TImportIssue[]) => issues.some((i) => i.severity === 'error');

interface Props {
  layout: TAnnexLayout;
  rows: TPreviewRow[];
  page: number;
  onPage: (page: number) => void;
  highlighted: number | null;
  busy: boolean;
  /** a cell corrected in place: its row, column and new text */
  onEdit: (row: number, column: AnnexColumn, text: string) => void;
}

/**
 * The annex as read: each row with its cells as the file has them, each finding under the cell it
 * is about (row-level ones in the last column), errors in red. A cell with a finding can be
 * corrected here; the rows are then checked again.
 */
export function PreviewTable({ layout, rows, page, onPage, highlighted, busy, onEdit }: Props) {
  const t = useT();
  const m = t.planImport;
  const [editing, setEditing] = useState<string | null>(null);

  const cellColumn = (key: AnnexColumn, letter: string): TableColumnsType<TPreviewRow>[number] => ({
    key,
    title: m.columns[key],
    width: key === 'stt' ? 72 : key === 'title' ? 320 : key === 'deadline' || key === 'start' ? 130 : 200,
    render: (_, r) => {
      const cell = `${letter}${r.row}`;
      const issues = r.issues.filter((i) => i.column === key);
      const text = r.cells[key];
      const save = (value: string) => {
        setEditing(null);
        if (value.trim() !== text) onEdit(r.row, key, value.trim());
      };
      return (
        <div className={hasError(issues) ? 'lt-pi-cell lt-pi-cell-error' : 'lt-pi-cell'} data-cell={cell}>
          {editing === cell ? (
            <Input.TextArea
              autoFocus
              autoSize
              defaultValue={text}
              aria-label={m.editLabel(cell)}
              onBlur={(e) => save(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  save(e.currentTarget.value);
                }
                if (e.key === 'Escape') setEditing(null);
              }}
              data-testid={`pi-input-${cell}`}
            />
          ) : (
            <span className="lt-pi-text">{text}</span>
          )}
          {issues.map((issue) => (
            <div key={issue.code + issue.message} className={`lt-pi-msg lt-pi-${issue.severity}`}>
              {inCell(issue)}
            </div>
          ))}
          {issues.length > 0 && editing !== cell ? (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              disabled={busy}
              onClick={() => setEditing(cell)}
              aria-label={m.edit(cell)}
              data-testid={`pi-edit-${cell}`}
            />
          ) : null}
        </div>
      );
    },
  });

  const columns: TableColumnsType<TPreviewRow> = [
    { key: 'row', title: m.columns.row, width: 64, render: (_, r) => r.row },
    ...layout.columns.map((c) => cellColumn(c.key, c.letter)),
    { key: 'result', title: m.columns.result, width: 240, render: (_, r) => <ReadAs row={r} /> },
  ];

  return (
    <Table<TPreviewRow>
      size="small"
      rowKey="row"
      className="lt-pi-table"
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={
        rows.length > PAGE_SIZE
          ? { current: page, pageSize: PAGE_SIZE, showSizeChanger: false, onChange: onPage }
          : false
      }
      rowClassName={(r) =>
        [
          hasError(r.issues) ? 'lt-pi-row-error' : r.issues.length ? 'lt-pi-row-warning' : '',
          r.row === highlighted ? 'lt-pi-row-current' : '',
        ].join(' ')
      }
      onRow={(r) =>
        ({ id: rowAnchor(r.row), tabIndex: -1, 'data-row': r.row }) as HTMLAttributes<HTMLElement>
      }
      data-testid="pi-table"
    />
  );
}

/** What the row becomes: its code and kind, lead, co-operators, deadline; row-level findings. */
function ReadAs({ row }: { row: TPreviewRow }) {
  const m = useT().planImport;
  const item = row.item;
  const general = row.issues.filter((i) => i.column === null);
  return (
    <div className="lt-pi-read">
      {item ? (
        <>
          <div>
            <strong>{m.code(item.code)}</strong> · {m.kinds[item.kind]}
          </div>
          {item.lead ? <div>{item.lead.shortName ?? item.lead.name}</div> : null}
          {item.cooperatorGroups.map((g) => (
            <div key={g.label}>{m.units(g.label, g.count)}</div>
          ))}
          {item.deadline ? (
            <div>
              {m.deadline(formatDate(item.deadline))}
              {item.recurrence === 'yearly' ? ` (${m.yearly})` : ''}
            </div>
          ) : null}
        </>
      ) : null}
      {general.map((issue) => (
        <div key={issue.code + issue.message} className={`lt-pi-msg lt-pi-${issue.severity}`}>
          {inCell(issue)}
        </div>
      ))}
    </div>
  );
}
