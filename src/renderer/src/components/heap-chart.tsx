import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HeapSample, PhaseSpan } from '../../../shared/contract';
import { formatBytes } from '../format/units';
import { CHART_MARGIN, xAxisFor, xAxisProps, type XKind } from './chart-axes';
import { highlightAttr, type Highlight } from '../state/evidence-view';
import { CHART_HEIGHT, ChartCard } from './chart-card';
import { EvidenceKey, evidenceArea } from './evidence-area';
import { committedName, heapAxis, heapYAxisProps } from './heap-axis';
import { PhaseKey, phaseAreas } from './phase-areas';

interface Series {
  key: Exclude<keyof HeapSample, 'startSec'>;
  name: string;
  color: string;
  dash: string | undefined;
}

/** Every line a log may fill; a chart draws only those its log has values for. */
const SERIES: readonly Series[] = [
  { key: 'heapBeforeBytes', name: 'heap at GC start', color: '#d9822b', dash: undefined },
  { key: 'heapAfterBytes', name: 'heap at GC end', color: '#2b6cb0', dash: undefined },
  { key: 'liveBytes', name: 'live heap', color: '#2f855a', dash: undefined },
  { key: 'oldAfterBytes', name: 'old gen after GC', color: '#2f855a', dash: undefined },
  { key: 'humongousAfterBytes', name: 'humongous after GC', color: '#b83280', dash: undefined },
  { key: 'metaspaceAfterBytes', name: 'metaspace', color: '#718096', dash: '2 3' },
  { key: 'heapCommittedBytes', name: 'committed', color: '#4a5161', dash: '8 4' },
  { key: 'goalBytes', name: 'goal', color: '#8a8f99', dash: '5 4' },
];

function seriesWithData(samples: HeapSample[]): Series[] {
  return SERIES.filter(({ key }) => samples.some((sample) => sample[key] !== null));
}

function largest(samples: HeapSample[], series: Series[]): number {
  let max = 0;
  for (const sample of samples) {
    for (const { key } of series) max = Math.max(max, sample[key] ?? 0);
  }
  return max;
}

/** Legend and tooltip list the series in the order above, not alphabetically. */
function seriesOrder(item: { dataKey?: unknown }): number {
  return SERIES.findIndex((series) => series.key === item.dataKey);
}

export function HeapChart({
  samples,
  phases,
  xKind,
  highlight = null,
}: {
  samples: HeapSample[];
  phases: PhaseSpan[];
  xKind: XKind;
  /** The evidence range to mark, in the samples' x units. */
  highlight?: Highlight | null;
}) {
  const series = seriesWithData(samples);
  const committed = series.filter(({ key }) => key === 'heapCommittedBytes');
  const y = heapAxis(largest(samples, series.filter((s) => !committed.includes(s))), largest(samples, committed));
  const time = xAxisFor(
    samples.map((s) => s.startSec),
    xKind,
  );
  return (
    <ChartCard title="Heap per cycle" testId="heap-chart" points={samples.length} highlight={highlightAttr(highlight)}>
      <PhaseKey spans={phases} />
      <EvidenceKey highlight={highlight} />
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart data={samples} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e6e8ec" />
          <XAxis {...xAxisProps('startSec', time)} />
          <YAxis {...heapYAxisProps(y)} />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatBytes(value) : '—')}
            labelFormatter={time.tooltip}
            itemSorter={seriesOrder}
            isAnimationActive={false}
          />
          <Legend verticalAlign="top" height={28} itemSorter={seriesOrder} />
          {phaseAreas(phases)}
          {evidenceArea(highlight, time.domain)}
          {series.map((line) => (
            <Line
              key={line.key}
              dataKey={line.key}
              name={line.key === 'heapCommittedBytes' ? committedName(line.name, y) : line.name}
              type="linear"
              stroke={line.color}
              strokeDasharray={line.dash}
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
