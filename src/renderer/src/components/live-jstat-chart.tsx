import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { JstatSample } from '../../../shared/contract';
import { formatBytes } from '../format/units';
import { CHART_MARGIN, xAxisFor, xAxisProps } from './chart-axes';
import { ChartCard } from './chart-card';
import { committedName, heapAxis, heapYAxisProps } from './heap-axis';

const JSTAT_CHART_HEIGHT = 220;

interface JstatPoint {
  uptimeSec: number;
  oldUsedBytes: number | null;
  edenUsedBytes: number | null;
  committedBytes: number | null;
}

const SERIES = [
  { key: 'oldUsedBytes', name: 'old gen used', color: '#2f855a', dash: undefined },
  { key: 'edenUsedBytes', name: 'eden used', color: '#d9822b', dash: undefined },
  { key: 'committedBytes', name: 'committed (eden + survivor + old)', color: '#4a5161', dash: '8 4' },
] as const;

/** Committed heap as jstat gives it: the capacities of the spaces it prints; null when it prints none. */
function committed(sample: JstatSample): number | null {
  const parts = [sample.edenCapacityBytes, sample.survivorCapacityBytes, sample.oldCapacityBytes].filter((v) => v !== null);
  return parts.length === 0 ? null : parts.reduce((sum, v) => sum + v, 0);
}

/** The JVM's heap spaces once a second (jstat -gc), between and across collections. */
export function LiveJstatChart({ samples }: { samples: JstatSample[] }) {
  const points = useMemo<JstatPoint[]>(
    () => samples.map((s) => ({ uptimeSec: s.uptimeSec, oldUsedBytes: s.oldUsedBytes, edenUsedBytes: s.edenUsedBytes, committedBytes: committed(s) })),
    [samples],
  );
  const y = heapAxis(
    points.reduce((m, p) => Math.max(m, p.oldUsedBytes ?? 0, p.edenUsedBytes ?? 0), 0),
    points.reduce((m, p) => Math.max(m, p.committedBytes ?? 0), 0),
  );
  const time = xAxisFor(
    points.map((p) => p.uptimeSec),
    'time',
  );
  return (
    <ChartCard title="jstat: heap spaces once a second" testId="jstat-chart" points={points.length}>
      <ResponsiveContainer width="100%" height={JSTAT_CHART_HEIGHT}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e6e8ec" />
          <XAxis {...xAxisProps('uptimeSec', time, `JVM uptime (${time.label.replace(/^.*\(|\)$/g, '')})`)} />
          <YAxis {...heapYAxisProps(y)} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? formatBytes(value) : '—')} labelFormatter={time.tooltip} isAnimationActive={false} />
          <Legend verticalAlign="top" height={28} />
          {SERIES.map((line) => (
            <Line
              key={line.key}
              dataKey={line.key}
              name={line.key === 'committedBytes' ? committedName(line.name, y) : line.name}
              type="linear"
              stroke={line.color}
              strokeDasharray={line.dash}
              strokeWidth={1.5}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
