// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GEPAOverview, GEPATimelinePoint } from '../../api/types';
import { GEPAStrip, stripTraceCount } from './gepa-strip';

/** happy-dom does no layout: the chart's container gets the size a browser would give the sidebar. */
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 280, 96));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** 60 traces alternating planner/actor; the planner adopts a new prompt at trace 5 and at trace 40. */
function timeline(): GEPATimelinePoint[] {
  return Array.from({ length: 60 }, (_, index) => {
    const component = index % 2 === 0 ? 'planner' : 'actor';
    const candidateId =
      component === 'planner' ? (index < 5 ? 'planner-0' : index < 40 ? 'planner-1' : 'planner-2') : 'actor-0';
    return {
      index,
      ts: index,
      runId: null,
      component,
      candidateId,
      score: 0.4 + (index % 7) / 20,
      composite: 0.5 + index / 300,
    };
  });
}

const overview: GEPAOverview = {
  source: 'optimizer',
  compositeScore: 0.7123,
  threshold: 0.6,
  timeline: timeline(),
  current: {
    planner: { candidateId: 'planner-2', prompt: 'plan well' },
    actor: { candidateId: 'actor-0', prompt: 'act well' },
  },
  candidates: [],
  trial: null,
  traceRecords: 60,
};

function referenceLines(container: HTMLElement): { horizontal: number; vertical: number } {
  const lines = [...container.querySelectorAll('.recharts-reference-line line')];
  return {
    horizontal: lines.filter((line) => line.getAttribute('y1') === line.getAttribute('y2')).length,
    vertical: lines.filter((line) => line.getAttribute('x1') === line.getAttribute('x2')).length,
  };
}

describe('GEPAStrip', () => {
  it('charts the newest traces with the threshold line and the adoptions among them', async () => {
    const { container } = render(<GEPAStrip gepa={overview} />);
    const chart = await screen.findByRole(
      'figure',
      {
        name: `Composite score over ${stripTraceCount} traces, threshold 0.6`,
      },
      { timeout: 10_000 },
    );
    // recharts lays the chart out after its first render
    await waitFor(() => expect(chart.querySelectorAll('.recharts-line-dot')).toHaveLength(stripTraceCount));
    // the threshold, and one adoption marker: trace 40 is in the window, trace 5 is not
    expect(referenceLines(container)).toEqual({ horizontal: 1, vertical: 1 });
    expect(chart.querySelectorAll('.recharts-reference-dot')).toHaveLength(1);
  });

  it('shows the current composite, the candidates in use and a link to the full view', () => {
    render(<GEPAStrip gepa={overview} />);
    expect(screen.getByTestId('gepa-strip-composite').textContent).toBe('0.712');
    expect(screen.getByText('planner-2')).toBeTruthy();
    expect(screen.getByText('actor-0')).toBeTruthy();
    expect(screen.getByText(/60 traces/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /Full GEPA view/ }).getAttribute('href')).toBe('#/gepa');
  });

  it('says why there is no chart when GET /gepa failed', () => {
    render(<GEPAStrip error="network down" />);
    expect(screen.getByText('network down')).toBeTruthy();
    expect(screen.queryByRole('figure')).toBeNull();
  });
});
