import type { AnalysisResult, VerdictKind } from '../../../shared/analysis';
import { formatConfidence } from '../format/analysis-values';
import './verdict-banner.css';

const HEADLINES: Record<VerdictKind, string> = {
  leak: 'Leak',
  'no-leak': 'No leak',
  inconclusive: 'Inconclusive',
};

/** The answer first: leak, no leak or cannot tell, how sure, and the one sentence why. */
export function VerdictBanner({ analysis }: { analysis: AnalysisResult }) {
  const { verdict, confidence, summary } = analysis;
  return (
    <section
      className={`verdict-banner verdict-banner--${verdict}`}
      data-testid="verdict"
      data-verdict={verdict}
      data-confidence={confidence}
      aria-label="Verdict"
    >
      <div className="verdict-banner__headline">
        <span className="verdict-banner__kind">{HEADLINES[verdict]}</span>
        {verdict !== 'inconclusive' && <span className="verdict-banner__confidence">confidence {formatConfidence(confidence)}</span>}
      </div>
      <p className="verdict-banner__summary" data-testid="verdict-summary">
        {summary}
      </p>
    </section>
  );
}
