import type { RunEvent } from '@gepa-aime/core';
import type { RunSummary as ServerRunSummary } from '@gepa-aime/server';

/**
 * The server's response types, inferred from its zod schemas. Type-only imports: they are erased at
 * build time, so no server code reaches the browser bundle.
 */
export type {
  CreateRunBody,
  GEPACandidate,
  GEPAMetrics as GEPAOverview,
  GEPATimelinePoint,
  RunAccepted as CreatedRun,
  RunDetail,
  RunEvents as RunEventsPage,
  RunList as RunListPage,
} from '@gepa-aime/server';

/**
 * One run in the runs list: a `GET /runs` row, or one built from a run's first event, so only id,
 * goal, status and createdAt are sure to be there.
 */
export type RunSummary = Pick<ServerRunSummary, 'id' | 'goal' | 'status' | 'createdAt'> & Partial<ServerRunSummary>;

/** What the WebSocket delivers besides run events. */
export type ServerMessage =
  | { kind: 'event'; event: RunEvent }
  | { kind: 'runs'; runs: RunSummary[] }
  | { kind: 'error'; code: string; message: string; runId?: string }
  | { kind: 'other'; type: string };
