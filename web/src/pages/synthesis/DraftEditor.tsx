import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import type { TRoundSynthesis, TSynthesisSection } from '../../../../common/contracts/synthesis';
import { isApiError } from '../../api/client';
import { useSaveSynthesis } from '../../api/synthesis';
import { ProblemAlert } from '../../components/Feedback';
import { useT } from '../../i18n';
import { unitsByReport } from './Narrative';

/**
 * The draft as the secretariat edits it: each sentence's words, never its sources (a sentence keeps
 * the reports it came from); sentences may be removed, or added without sources. Saved from the
 * version shown.
 */
export function DraftEditor({
  synthesis,
  initial,
  onDone,
}: {
  synthesis: TRoundSynthesis;
  /** the text to start from: the current draft's, or an older version's being reused */
  initial: TSynthesisSection[];
  onDone: () => void;
}) {
  const t = useT();
  const s = t.synthesis;
  const { message } = App.useApp();
  const save = useSaveSynthesis(synthesis.round.id);
  const [sections, setSections] = useState(() => structuredClone(initial));
  const [problem, setProblem] = useState<TProblem | null>(null);
  const unitOf = unitsByReport(synthesis.sentences);
  const version = synthesis.draft!.version;

  const change = (i: number, update: (section: TSynthesisSection) => TSynthesisSection) =>
    setSections((list) => list.map((section, k) => (k === i ? update(section) : section)));

  const submit = async () => {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({
        version,
        sections: sections.map((section) => ({
          key: section.key,
          kind: section.kind,
          title: section.title,
          sentences: section.sentences
            .filter((x) => x.text.trim())
            .map((x) => ({ text: x.text, sourceSentenceIds: x.sourceSentenceIds })),
        })),
      });
      void message.success(s.saved(saved.draft!.version));
      onDone();
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
  };

  return (
    <div className="lt-synthesis-editor" data-testid="synthesis-editor">
      {problem ? (
        <ProblemAlert
          problem={problem}
          title={problem.code === 'version_conflict' ? s.conflict : undefined}
          onClose={() => setProblem(null)}
        />
      ) : null}
      {sections.map((section, i) => (
        <section key={section.key} className="lt-synthesis-section">
          <Typography.Title level={5}>{section.title}</Typography.Title>
          {section.sentences.map((sentence, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sentences have no id; their order is their identity
            <div key={j} className="lt-synthesis-edit-row">
              <Input.TextArea
                value={sentence.text}
                autoSize={{ minRows: 1, maxRows: 8 }}
                aria-label={s.sentenceLabel(section.title, j + 1)}
                data-testid="synthesis-edit-sentence"
                onChange={(e) =>
                  change(i, (x) => ({
                    ...x,
                    sentences: x.sentences.map((y, k) => (k === j ? { ...y, text: e.target.value } : y)),
                  }))
                }
              />
              <div className="lt-synthesis-edit-meta">
                <Typography.Text type="secondary">
                  {sentence.sourceReportIds.length
                    ? `${s.sources}: ${sentence.sourceReportIds.map((id) => unitOf.get(id) ?? '').join(', ')}`
                    : s.noSources}
                </Typography.Text>
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={s.removeSentence}
                  title={s.removeSentence}
                  onClick={() =>
                    change(i, (x) => ({ ...x, sentences: x.sentences.filter((_, k) => k !== j) }))
                  }
                />
              </div>
            </div>
          ))}
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              change(i, (x) => ({
                ...x,
                sentences: [...x.sentences, { text: '', sourceSentenceIds: [], sourceReportIds: [] }],
              }))
            }
          >
            {s.addSentence}
          </Button>
        </section>
      ))}
      <Space className="lt-synthesis-editor-actions">
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={save.isPending}
          onClick={() => void submit()}
          data-testid="synthesis-save"
        >
          {s.save(version)}
        </Button>
        <Button onClick={onDone}>{s.cancel}</Button>
      </Space>
    </div>
  );
}
