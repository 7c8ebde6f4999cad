import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HeapSample } from '../../../shared/contract';
import { niceTicks, tickFormatter } from '../format/nice-ticks';
import { byteUnitFor, formatBytes } from '../format/units';
import { AXIS_TICK, CHART_MARGIN, xAxisFor, type XKind } from './chart-axes';
import { CHART_HEIGHT, ChartCard } from './chart-card';

const SERIES = [
  { key: 'heapBeforeBytes', name: 'heap at GC start', color: '#d9822b', dash: undefined },
  { key: 'heapAfterBytes', name: 'heap at GC end', color: '#2b6cb0', dash: undefined },
  { key: 'liveBytes', name: 'live heap', color: '#2f855a', dash: undefined },
  { key: 'goalBytes', name: 'goal', color: '#8a8f99', dash: '5 4' },
] as const satisfies readonly { key: keyof HeapSample; name: string; color: string; dash: string | undefined }[];

function largest(samples: HeapSample[]): number {
  let max = 0;
  for (const sample of samples) {
    for (const { key } of SERIES) max = Math.max(max, sample[key] ?? 0);
  }
  return max;
}

/** Legend and tooltip list the series in the order above, not alphabetically. */
function seriesOrder(item: { dataKey?: unknown }): number {
  return SERIES.findIndex((series) => series.key === item.dataKey);
}

export function HeapChart({ samples, xKind }: { samples: HeapSample[]; xKind: XKind }) {
  const max = largest(samples);
  const unit = byteUnitFor(max);
  const inUnit = niceTicks(max / unit.divisor);
  const ticks = inUnit.map((tick) => tick * unit.divisor);
  const format = tickFormatter(inUnit);
  const time = xAxisFor(
    samples.map((s) => s.startSec),
    xKind,
  );
  return (
    <ChartCard title="Heap per cycle" testId="heap-chart" points={samples.length}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart data={samples} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e6e8ec" />
          <XAxis
            dataKey="startSec"
            type="number"
            domain={time.domain}
            ticks={time.ticks}
            tick={AXIS_TICK}
            tickFormatter={time.tick}
            label={{ value: time.label, position: 'insideBottom', offset: -14, fontSize: 12 }}
          />
          <YAxis
            domain={[0, ticks[ticks.length - 1] ?? 'auto']}
            ticks={ticks}
            tick={AXIS_TICK}
            tickFormatter={(bytes: number) => format(bytes / unit.divisor)}
            label={{ value: `heap (${unit.label})`, angle: -90, position: 'insideLeft', fontSize: 12 }}
          />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatBytes(value) : '—')}
            labelFormatter={time.tooltip}
            itemSorter={seriesOrder}
            isAnimationActive={false}
          />
          <Legend verticalAlign="top" height={28} itemSorter={seriesOrder} />
          {SERIES.map((series) => (
            <Line
              key={series.key}
              dataKey={series.key}
              name={series.name}
              type="linear"
              stroke={series.color}
              strokeDasharray={series.dash}
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
