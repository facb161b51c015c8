import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { GepaTimelinePoint } from '../../api/types';

/** Points where a component's prompt changed: the first trace scored with a newly adopted candidate. */
export function findAdoptions(timeline: readonly GepaTimelinePoint[]): GepaTimelinePoint[] {
  const current = new Map<string, string>();
  const adoptions: GepaTimelinePoint[] = [];
  for (const point of timeline) {
    const previous = current.get(point.component);
    if (previous !== undefined && previous !== point.candidateId) adoptions.push(point);
    current.set(point.component, point.candidateId);
  }
  return adoptions;
}

export interface AdoptionMarker {
  point: GepaTimelinePoint;
  /** Empty for an adoption drawn under the label of an earlier one close by. */
  label: string;
}

/**
 * Labels for the adoption markers. Adoptions within a few traces of each other (planner and actor
 * prompts are often adopted in the same run) share one label, "new planner + actor", on the
 * first of them, so labels never overprint each other.
 */
export function labelAdoptions(adoptions: readonly GepaTimelinePoint[], traceCount: number): AdoptionMarker[] {
  const span = Math.max(1, Math.round(traceCount / 8));
  const markers: AdoptionMarker[] = [];
  let head: { marker: AdoptionMarker; components: string[] } | undefined;
  for (const point of adoptions) {
    if (head && point.index - head.marker.point.index <= span) {
      if (!head.components.includes(point.component)) head.components.push(point.component);
      head.marker.label = `new ${head.components.join(' + ')}`;
      markers.push({ point, label: '' });
      continue;
    }
    head = { marker: { point, label: `new ${point.component}` }, components: [point.component] };
    markers.push(head.marker);
  }
  return markers;
}

interface ScoreChartProps {
  timeline: readonly GepaTimelinePoint[];
  threshold: number;
}

/** Rolling composite score over traces, the evolution threshold, and where new prompts were adopted. */
export function ScoreChart({ timeline, threshold }: ScoreChartProps) {
  const adoptions = labelAdoptions(findAdoptions(timeline), timeline.length);
  if (timeline.length === 0) return <p className="empty-note">No traces yet: run a goal to start the timeline.</p>;
  return (
    <figure
      className="score-chart"
      aria-label={`Composite score over ${timeline.length} traces, threshold ${threshold}`}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={timeline as GepaTimelinePoint[]} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="var(--grid-line)" strokeDasharray="3 3" />
          <XAxis dataKey="index" stroke="var(--text-muted)" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} stroke="var(--text-muted)" tick={{ fontSize: 12 }} width={40} />
          <Tooltip
            contentStyle={{ background: 'var(--surface-raised)', border: '1px solid var(--border)', borderRadius: 8 }}
            labelFormatter={(label) => `trace ${label}`}
          />
          <ReferenceLine
            y={threshold}
            stroke="var(--warning)"
            strokeDasharray="6 4"
            label={{
              value: `threshold ${threshold}`,
              position: 'insideTopRight',
              fill: 'var(--warning)',
              fontSize: 12,
            }}
          />
          {adoptions.map(({ point }) => (
            <ReferenceLine key={`line-${point.index}`} x={point.index} stroke="var(--accent-2)" strokeDasharray="2 4" />
          ))}
          {adoptions.map(({ point, label }) => (
            <ReferenceDot
              key={`dot-${point.index}`}
              x={point.index}
              y={point.composite}
              r={6}
              fill="var(--accent-2)"
              stroke="var(--surface)"
              label={label ? { value: label, position: 'top', fill: 'var(--accent-2)', fontSize: 11 } : undefined}
            />
          ))}
          <Line
            type="monotone"
            dataKey="score"
            name="trace score"
            stroke="var(--text-muted)"
            strokeWidth={1}
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="composite"
            name="composite"
            stroke="var(--accent)"
            strokeWidth={2.5}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="chart-legend">
        <span className="legend-item legend-composite">composite</span>
        <span className="legend-item legend-score">trace score</span>
        <span className="legend-item legend-threshold">threshold</span>
        <span className="legend-item legend-adoption">prompt adopted</span>
      </figcaption>
    </figure>
  );
}
