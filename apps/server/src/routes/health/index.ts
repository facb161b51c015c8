import { normalizeError } from '@gepa-aime/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SERVICE_VERSION } from '../../version';

const READY_TIMEOUT_MS = 3000;

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number(),
  authRequired: z.boolean().describe('true when API routes need `Authorization: Bearer`'),
  database: z
    .object({ ok: z.boolean(), detail: z.string() })
    .optional()
    .describe('scale-out mode (AIME_DATABASE_URL): is PostgreSQL reachable'),
});

const readySchema = z.object({
  ready: z.boolean(),
  detail: z.string(),
  provider: z.string(),
  model: z.string(),
});

const health: FastifyPluginAsyncZod = async (fastify) => {
  const services = fastify.aime;

  fastify.get(
    '/health',
    { schema: { tags: ['ops'], summary: 'Liveness of the process (no auth)', response: { 200: healthSchema } } },
    async () => ({
      status: 'ok' as const,
      version: SERVICE_VERSION,
      uptimeSeconds: Math.round((Date.now() - services.startedAt) / 1000),
      authRequired: services.authRequired,
      // Reported, not fatal: a process waiting for its database is alive (`/ready` says 503).
      ...(services.checkDatabase
        ? { database: await services.checkDatabase(AbortSignal.timeout(READY_TIMEOUT_MS)) }
        : {}),
    }),
  );

  fastify.get(
    '/ready',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: is the model reachable (vLLM `/health` or `/v1/models`)',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      let result: { ready: boolean; detail: string };
      try {
        result = await services.readiness(AbortSignal.timeout(READY_TIMEOUT_MS));
      } catch (error) {
        result = { ready: false, detail: normalizeError(error).message };
      }
      return reply.code(result.ready ? 200 : 503).send({ ...result, ...services.model });
    },
  );
};

export default health;
