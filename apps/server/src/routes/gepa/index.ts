import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { gepaMetricsSchema } from '../../schemas/gepa';

const gepa: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/gepa',
    {
      schema: {
        tags: ['gepa'],
        summary: 'Online GEPA: composite score timeline, current prompts, candidates with scores and lineage',
        response: { 200: gepaMetricsSchema },
      },
    },
    async () => fastify.aime.gepa.metrics(),
  );
};

export default gepa;
