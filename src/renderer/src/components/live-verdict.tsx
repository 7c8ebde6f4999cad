import type { AnalysisResult } from '../../../shared/analysis';
import { formatBytes, formatSeconds } from '../format/units';

const VERDICT_NAMES: Record<AnalysisResult['verdict'], string> = {
  leak: 'Leak',
  'no-leak': 'No leak',
  inconclusive: 'Inconclusive',
};

const TOP_FINDINGS = 3;

/** The latest analysis of the attach's records: verdict, its one sentence, and the most severe findings. */
export function LiveVerdict({ analysis, cycles }: { analysis: AnalysisResult | null; cycles: number }) {
  if (!analysis) {
    return (
      <section className="live-verdict live-verdict--waiting" data-testid="live-verdict" data-verdict="">
        Waiting for enough GC events to analyse ({cycles} so far; a verdict needs at least 10 cycles over 30 s).
      </section>
    );
  }
  const slope = analysis.metrics.floorTrend?.slopeBytesPerSec;
  return (
    <section className={`live-verdict live-verdict--${analysis.verdict}`} data-testid="live-verdict" data-verdict={analysis.verdict} data-confidence={analysis.confidence}>
      <div className="live-verdict__line">
        <strong className="live-verdict__name">{VERDICT_NAMES[analysis.verdict]}</strong>
        {analysis.verdict !== 'inconclusive' && <span className="live-verdict__confidence">{Math.round(analysis.confidence * 100)} % sure</span>}
        <span className="live-verdict__summary">{analysis.summary}</span>
      </div>
      {(slope !== undefined || analysis.metrics.timeToLimitSec !== null) && (
        <div className="live-verdict__metrics">
          {slope !== undefined && <span>floor {slope >= 0 ? '+' : ''}{formatBytes(slope * 60)}/min</span>}
          {analysis.metrics.timeToLimitSec !== null && <span>limit in {formatSeconds(analysis.metrics.timeToLimitSec)}</span>}
          {analysis.metrics.window && <span>over {formatSeconds(analysis.metrics.window.toSec - analysis.metrics.window.fromSec)}</span>}
        </div>
      )}
      {analysis.findings.length > 0 && (
        <ul className="live-verdict__findings">
          {analysis.findings.slice(0, TOP_FINDINGS).map((finding, index) => (
            <li key={`${finding.rule}:${index}`} className={`live-verdict__finding live-verdict__finding--${finding.severity}`} data-testid="live-finding" data-rule={finding.rule} data-severity={finding.severity}>
              {finding.title}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
