import { Fragment, useState } from 'react';
import type { OpenedFile } from '../../../shared/contract';
import { baseName, formatBytes } from '../format/units';
import { highlightOf } from '../state/evidence-view';
import type { XKind } from './chart-axes';
import { FindingsPanel, type EvidenceSelection } from './findings-panel';
import { HeapChart } from './heap-chart';
import { MetricsTable } from './metrics-table';
import { PauseChart } from './pause-chart';
import { SummaryStrip } from './summary-strip';
import { UnknownLines } from './unknown-lines';
import { VerdictBanner } from './verdict-banner';

const FORMAT_NAMES: Partial<Record<OpenedFile['summary']['format'], string>> = {
  'go-gctrace': 'Go gctrace',
  'jvm-unified': 'JVM unified GC log',
  'jvm-legacy': 'JVM GC log',
  unknown: 'unknown format',
};

export function FileView({ file }: { file: OpenedFile }) {
  const [unknownExpanded, setUnknownExpanded] = useState(false);
  const [selection, setSelection] = useState<EvidenceSelection | null>(null);
  const xKind: XKind = file.summary.xAxis === 'cycle-index' ? 'cycle' : 'time';
  const { analysis } = file;
  const evidence = selection ? (analysis.findings[selection.finding]?.evidence[selection.evidence] ?? null) : null;
  const highlight = highlightOf(evidence, analysis.metrics.clock, file.summary.xAxis);
  return (
    <article className="file-view">
      <header className="file-view__header">
        <h1 className="file-view__names" data-testid="file-names">
          {file.names.map((name, index) => (
            <Fragment key={`${index}:${name}`}>
              {index > 0 && <span className="file-view__separator">, </span>}
              <span className="file-view__name" title={name}>
                {baseName(name)}
              </span>
            </Fragment>
          ))}
        </h1>
        <span className="file-view__meta">
          {FORMAT_NAMES[file.summary.format] ?? file.summary.format} · {formatBytes(file.totalBytes)}
        </span>
      </header>
      <VerdictBanner analysis={analysis} />
      <SummaryStrip
        summary={file.summary}
        spanKnown={xKind === 'time'}
        unknownExpanded={unknownExpanded}
        onToggleUnknown={() => setUnknownExpanded((open) => !open)}
      />
      {unknownExpanded && file.summary.unknownLines > 0 && (
        <UnknownLines samples={file.unknownSamples} total={file.summary.unknownLines} />
      )}
      <FindingsPanel findings={analysis.findings} fileId={file.fileId} selection={selection} onSelect={setSelection} />
      <HeapChart samples={file.heap} phases={file.phases} xKind={xKind} highlight={highlight} />
      <PauseChart samples={file.pauses} phases={file.phases} xKind={xKind} highlight={highlight} />
      <MetricsTable metrics={analysis.metrics} notes={analysis.notes} />
    </article>
  );
}
