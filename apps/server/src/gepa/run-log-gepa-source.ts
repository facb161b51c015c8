import { readFile } from 'node:fs/promises';
import type { RunEvent } from '@gepa-aime/core';
import type { RunObserver } from '../runs/run-manager';
import type { RunState } from '../runs/run-state';
import type { GEPACandidate, GEPAMetrics, GEPATimelinePoint } from '../schemas/gepa';
import type { GEPAMetricsSource } from './gepa-metrics-source';

const MAX_TIMELINE_POINTS = 1000;

export interface RunLogGEPASourceOptions {
  /** `trace_path` of gepa_config.yaml; its records are counted (and plotted when no run logged GEPA events). */
  traceFile?: string;
  /** `threshold` of gepa_config.yaml (default 0.5). */
  threshold?: number;
}

type TimelineEntry = Omit<GEPATimelinePoint, 'index'>;
type CandidateEntry = Omit<GEPACandidate, 'score' | 'uses'>;

/** GEPA view folded from `gepa-record` / `gepa-candidate` events of every run (recovered and live). */
export class RunLogGEPASource implements GEPAMetricsSource, RunObserver {
  private readonly timeline: TimelineEntry[] = [];
  private readonly candidates = new Map<string, CandidateEntry>();
  /** candidateId → [sum of outcome scores, count]. */
  private readonly outcomes = new Map<string, [number, number]>();

  constructor(private readonly options: RunLogGEPASourceOptions = {}) {}

  onEvent(_run: RunState, event: RunEvent): void {
    this.ingest(event);
  }

  onRecoveredEvent(event: RunEvent): void {
    this.ingest(event);
  }

  ingest(event: RunEvent): void {
    if (event.type === 'gepa-record') {
      const [sum, count] = this.outcomes.get(event.candidateId) ?? [0, 0];
      this.outcomes.set(event.candidateId, [sum + event.score, count + 1]);
      this.timeline.push({
        ts: event.ts,
        runId: event.runId,
        component: event.component,
        candidateId: event.candidateId,
        score: event.score,
        composite: event.composite,
      });
      if (this.timeline.length > MAX_TIMELINE_POINTS)
        this.timeline.splice(0, this.timeline.length - MAX_TIMELINE_POINTS);
    } else if (event.type === 'gepa-candidate') {
      this.candidates.set(event.candidateId, {
        id: event.candidateId,
        component: event.component,
        parents: event.parents,
        prompt: event.prompt,
        scores: event.scores,
        decision: event.decision,
        createdAt: event.ts,
        runId: event.runId,
      });
    }
  }

  async metrics(): Promise<GEPAMetrics> {
    const history = await readTraceFile(this.options.traceFile);
    const fromLogs = this.timeline.length > 0 || this.candidates.size > 0;
    const entries = fromLogs ? [...this.timeline].sort((left, right) => left.ts - right.ts) : history.timeline;
    const timeline = entries.map((entry, index) => ({ index, ...entry }));
    const candidates = [...this.candidates.values()]
      .sort((left, right) => left.createdAt - right.createdAt)
      .map((candidate) => {
        const [sum, count] = this.outcomes.get(candidate.id) ?? [0, 0];
        return { ...candidate, score: count > 0 ? sum / count : null, uses: count };
      });
    return {
      source: fromLogs ? 'run-logs' : history.records > 0 ? 'history-file' : 'none',
      compositeScore: timeline.at(-1)?.composite ?? null,
      threshold: this.options.threshold ?? 0.5,
      timeline,
      current: currentPrompts(candidates),
      candidates,
      trial: null,
      traceRecords: history.records,
    };
  }
}

/** The newest accepted (or restored) candidate of each component. */
function currentPrompts(candidates: CandidateEntry[]): GEPAMetrics['current'] {
  const current: GEPAMetrics['current'] = {};
  for (const candidate of candidates) {
    if (candidate.decision === 'accepted' || candidate.decision === 'restored') {
      current[candidate.component] = { candidateId: candidate.id, prompt: candidate.prompt };
    }
  }
  return current;
}

/** Tolerant reader of the trace file: counts records and plots their scores with a running mean. */
async function readTraceFile(path: string | undefined): Promise<{ records: number; timeline: TimelineEntry[] }> {
  if (!path) return { records: 0, timeline: [] };
  const text = await readFile(path, 'utf8').catch(() => '');
  const timeline: TimelineEntry[] = [];
  let records = 0;
  let scoreSum = 0;
  for (const line of text.split('\n')) {
    if (line.trim().length === 0) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    records += 1;
    if (typeof record.score !== 'number') continue;
    scoreSum += record.score;
    timeline.push({
      ts: numberField(record, ['ts', 'timestamp']) ?? records,
      runId: stringField(record, ['runId', 'run_id']),
      component: stringField(record, ['component']) ?? 'planner',
      candidateId: stringField(record, ['candidateId', 'candidate_id']) ?? 'unknown',
      score: record.score,
      composite: numberField(record, ['composite', 'composite_score']) ?? scoreSum / (timeline.length + 1),
    });
  }
  return { records, timeline: timeline.slice(-MAX_TIMELINE_POINTS) };
}

function numberField(record: Record<string, unknown>, names: string[]): number | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  }
  return undefined;
}

function stringField(record: Record<string, unknown>, names: string[]): string | null {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string') return value;
  }
  return null;
}
