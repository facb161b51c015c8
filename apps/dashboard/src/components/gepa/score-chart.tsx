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
import type { GEPATimelinePoint } from '../../api/types';
import { findAdoptions, labelAdoptions } from './score-adoptions';

interface ScoreChartProps {
  timeline: readonly GEPATimelinePoint[];
  threshold: number;
  /**
   * `compact` is the small strip beside the runs: the composite line, threshold and adoption dots
   * only (no trace scores, labels, x axis or legend).
   */
  variant?: 'full' | 'compact';
  /** Draw only the newest N traces (adoptions are still found over the whole timeline). */
  lastTraces?: number;
}

const variants = {
  full: { height: 260, margin: { top: 16, right: 24, bottom: 8, left: 0 } },
  compact: { height: 96, margin: { top: 6, right: 6, bottom: 4, left: 0 } },
} as const;

const tooltipStyle = { background: 'var(--surface-raised)', border: '1px solid var(--border)', borderRadius: 8 };

/** Rolling composite score over traces, the evolution threshold, and where new prompts were adopted. */
export function ScoreChart({ timeline, threshold, variant = 'full', lastTraces }: ScoreChartProps) {
  const compact = variant === 'compact';
  const size = variants[variant];
  const shown = lastTraces === undefined ? timeline : timeline.slice(-lastTraces);
  const firstShown = shown[0]?.index ?? 0;
  const adoptions = labelAdoptions(findAdoptions(timeline), shown.length).filter(
    ({ point }) => point.index >= firstShown,
  );
  if (shown.length === 0) {
    return (
      <p className="empty-note">{compact ? 'No traces yet.' : 'No traces yet: run a goal to start the timeline.'}</p>
    );
  }
  return (
    <figure
      className={compact ? 'score-chart score-chart-compact' : 'score-chart'}
      aria-label={`Composite score over ${shown.length} traces, threshold ${threshold}`}
      data-points={shown.length}
    >
      <ResponsiveContainer width="100%" height={size.height}>
        <LineChart data={shown as GEPATimelinePoint[]} margin={size.margin}>
          <CartesianGrid stroke="var(--grid-line)" strokeDasharray="3 3" vertical={!compact} />
          <XAxis dataKey="index" stroke="var(--text-muted)" tick={{ fontSize: 12 }} hide={compact} />
          <YAxis
            domain={[0, 1]}
            ticks={compact ? [0, 0.5, 1] : undefined}
            stroke="var(--text-muted)"
            tick={{ fontSize: compact ? 10 : 12 }}
            width={compact ? 28 : 40}
          />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(label) => `trace ${label}`} />
          <ReferenceLine
            y={threshold}
            stroke="var(--warning)"
            strokeDasharray="6 4"
            label={
              compact
                ? undefined
                : {
                    value: `threshold ${threshold}`,
                    position: 'insideTopRight',
                    fill: 'var(--warning)',
                    fontSize: 12,
                  }
            }
          />
          {adoptions.map(({ point }) => (
            <ReferenceLine key={`line-${point.index}`} x={point.index} stroke="var(--accent-2)" strokeDasharray="2 4" />
          ))}
          {adoptions.map(({ point, label }) => (
            <ReferenceDot
              key={`dot-${point.index}`}
              x={point.index}
              y={point.composite}
              r={compact ? 4 : 6}
              fill="var(--accent-2)"
              stroke="var(--surface)"
              label={
                label && !compact ? { value: label, position: 'top', fill: 'var(--accent-2)', fontSize: 11 } : undefined
              }
            />
          ))}
          {compact ? null : (
            <Line
              type="monotone"
              dataKey="score"
              name="trace score"
              stroke="var(--text-muted)"
              strokeWidth={1}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          )}
          <Line
            type="monotone"
            dataKey="composite"
            name="composite"
            stroke="var(--accent)"
            strokeWidth={compact ? 2 : 2.5}
            dot={{ r: compact ? 2 : 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      {compact ? null : (
        <figcaption className="chart-legend">
          <span className="legend-item legend-composite">composite</span>
          <span className="legend-item legend-score">trace score</span>
          <span className="legend-item legend-threshold">threshold</span>
          <span className="legend-item legend-adoption">prompt adopted</span>
        </figcaption>
      )}
    </figure>
  );
}
