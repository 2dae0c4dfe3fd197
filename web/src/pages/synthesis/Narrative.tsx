import { Popover, Typography } from 'antd';
import { Link } from 'react-router';
import type {
  TDraftSentence,
  TRoundSynthesis,
  TSourceSentence,
} from '../../../../common/contracts/synthesis';
import { useT } from '../../i18n';

/** Report id → the unit whose report it is, from the round's source sentences. */
export function unitsByReport(sentences: readonly TSourceSentence[]): Map<string, string> {
  return new Map(sentences.map((s) => [s.reportId, s.unit.name]));
}

const SHOWN = 3;

/** The links of one sentence to its source reports: the first few, the rest behind "+N". */
function SourceLinks({ sentence, unitOf }: { sentence: TDraftSentence; unitOf: Map<string, string> }) {
  const t = useT();
  const s = t.synthesis;
  if (!sentence.sourceReportIds.length)
    return (
      <Typography.Text type="secondary" className="lt-synthesis-nosource">
        ({s.noSources})
      </Typography.Text>
    );
  const link = (reportId: string) => {
    const unit = unitOf.get(reportId) ?? '';
    return (
      <Link
        key={reportId}
        to={`/bao-cao/${reportId}`}
        className="lt-synthesis-source"
        aria-label={s.sourceLink(unit)}
        data-testid="synthesis-source"
      >
        {unit}
      </Link>
    );
  };
  const rest = sentence.sourceReportIds.slice(SHOWN);
  return (
    <span className="lt-synthesis-sources">
      {sentence.sourceReportIds.slice(0, SHOWN).map(link)}
      {rest.length ? (
        <Popover content={<div className="lt-synthesis-more">{rest.map(link)}</div>} trigger="click">
          <button type="button" className="lt-synthesis-more-button">
            {s.moreSources(rest.length)}
          </button>
        </Popover>
      ) : null}
    </span>
  );
}

/** The draft as it reads: each section, each sentence followed by the reports it came from. */
export function Narrative({ synthesis }: { synthesis: TRoundSynthesis }) {
  const unitOf = unitsByReport(synthesis.sentences);
  return (
    <div className="lt-synthesis-narrative" data-testid="synthesis-narrative">
      {synthesis.draft!.sections.map((section) => (
        <section key={section.key} className="lt-synthesis-section" data-section={section.key}>
          <Typography.Title level={5}>{section.title}</Typography.Title>
          {section.sentences.map((sentence, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sentences have no id; their order is their identity
            <p key={i} className="lt-synthesis-sentence" data-testid="synthesis-sentence">
              {sentence.text} <SourceLinks sentence={sentence} unitOf={unitOf} />
            </p>
          ))}
        </section>
      ))}
    </div>
  );
}
