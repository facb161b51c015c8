import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApprovalNotFoundError } from '../../errors/approval-not-found-error';
import type { RunCoordinator } from '../../runs/run-coordinator';
import { runLinks, toRunDetail, toRunSummary } from '../../runs/run-view';
import { errorResponseSchema } from '../../schemas/error';
import {
  approvalBodySchema,
  approvalParamsSchema,
  approvalSchema,
  createRunBodySchema,
  createRunResponseSchema,
  eventsQuerySchema,
  eventsResponseSchema,
  listRunsQuerySchema,
  runDetailSchema,
  runListResponseSchema,
  runParamsSchema,
  runSummarySchema,
} from '../../schemas/run';
import { EventStreams, resumeSeq, wantsEventStream } from './event-stream';

/** Request bodies above this are refused with 413 (a goal is at most 8000 characters). */
const CREATE_RUN_BODY_LIMIT = 64 * 1024;

const runs: FastifyPluginAsyncZod = async (fastify) => {
  const { manager, store, runsPerMinute } = fastify.aime;
  const eventStreams = new EventStreams({ manager, store });
  fastify.addHook('onClose', async () => eventStreams.closeAll());

  fastify.post(
    '/runs',
    {
      bodyLimit: CREATE_RUN_BODY_LIMIT,
      config: { rateLimit: runsPerMinute > 0 ? { max: runsPerMinute, timeWindow: '1 minute' } : false },
      schema: {
        tags: ['runs'],
        summary: 'Queue a run for a goal',
        body: createRunBodySchema,
        response: {
          202: createRunResponseSchema,
          400: errorResponseSchema,
          413: errorResponseSchema,
          429: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const run = await manager.submit(request.body);
      const links = runLinks(run.id);
      return reply.code(202).header('location', links.self).send({ id: run.id, status: run.status, links });
    },
  );

  fastify.get(
    '/runs',
    {
      schema: {
        tags: ['runs'],
        summary: 'List runs, newest first',
        querystring: listRunsQuerySchema,
        response: { 200: runListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      const page = manager.list(request.query);
      return { runs: page.runs.map(toRunSummary), nextCursor: page.nextCursor };
    },
  );

  fastify.get(
    '/runs/:id',
    {
      schema: {
        tags: ['runs'],
        summary: 'One run: status, checklist, markdown, report when finished, usage',
        params: runParamsSchema,
        response: { 200: runDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => toRunDetail(await manager.load(request.params.id)),
  );

  fastify.get(
    '/runs/:id/events',
    {
      schema: {
        tags: ['runs'],
        summary: 'Logged events after a seq: JSON, NDJSON, or a live Server-Sent Events stream',
        description:
          '`Accept: application/x-ndjson`: one event per line. `Accept: text/event-stream`: Server-Sent Events — the ' +
          'events after `Last-Event-ID` (else `after`), then live ones, each once and in seq order; ends after `run-end`.',
        params: runParamsSchema,
        querystring: eventsQuerySchema,
        response: { 200: eventsResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const run = await manager.load(request.params.id);
      const { after, limit } = request.query;
      if (wantsEventStream(request)) return eventStreams.stream(request, reply, run, resumeSeq(request, after));
      const events = await store.readEvents(run.id, after, limit);
      if ((request.headers.accept ?? '').includes('application/x-ndjson')) {
        const lines = events.map((event) => `${JSON.stringify(event)}\n`).join('');
        // A string body is sent as is: the JSON schema above describes the other representation.
        return reply.type('application/x-ndjson').send(lines as never);
      }
      const lastReturned = events.at(-1)?.seq;
      const nextAfter = events.length === limit && lastReturned !== undefined ? lastReturned : null;
      return { runId: run.id, events, lastSeq: run.lastSeq, nextAfter };
    },
  );

  fastify.post(
    '/runs/:id/cancel',
    {
      schema: {
        tags: ['runs'],
        summary: 'Cancel a queued or running run (idempotent)',
        description: 'Waits up to 5 s for a running run to stop, then answers with its state.',
        params: runParamsSchema,
        body: z.unknown().optional(),
        response: { 200: runSummarySchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => toRunSummary(await manager.cancel(request.params.id)),
  );

  fastify.post(
    '/runs/:id/approvals/:callId',
    {
      schema: {
        tags: ['runs'],
        summary: 'Approve or deny a tool call that waits for an operator',
        description:
          'The call is the toolCallId of an approval-requested event. Approve runs it; deny turns it into an ' +
          'observation ("denied by the operator: <note>") the model can react to. 404 when no such request is open.',
        params: approvalParamsSchema,
        body: approvalBodySchema,
        response: { 200: approvalSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const { id, callId } = request.params;
      const run = manager.require(id);
      const { decision, note } = request.body;
      if (!(await fastify.aime.approvals.resolve(id, callId, decision, note)))
        throw new ApprovalNotFoundError(id, callId);
      await waitForResolution(manager, id, callId);
      const approval = run.approvals.find((candidate) => candidate.toolCallId === callId);
      if (!approval) throw new ApprovalNotFoundError(id, callId);
      return approval;
    },
  );
};

/** The actor logs approval-resolved right after the decision; answer once the run state has it (bounded). */
async function waitForResolution(manager: RunCoordinator, runId: string, callId: string): Promise<void> {
  const resolved = () =>
    manager.get(runId)?.approvals.find((approval) => approval.toolCallId === callId)?.decision !== undefined;
  if (resolved()) return;
  await new Promise<void>((resolve) => {
    // Scale-out: the worker reads the answer on NOTIFY (else its 500 ms poll) and its event comes back the same way.
    const timer = setTimeout(done, 5000);
    const stop = manager.observe({
      onEvent: (run, event) => {
        if (run.id === runId && event.type === 'approval-resolved' && event.toolCallId === callId) done();
      },
    });
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

export default runs;
