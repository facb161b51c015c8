import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const metrics: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/metrics',
    {
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics: runs by status, queue depth, event rate, model latency and tokens',
        produces: ['text/plain'],
      },
    },
    async (_request, reply) =>
      reply.type('text/plain; version=0.0.4; charset=utf-8').send(fastify.aime.metrics.render()),
  );
};

export default metrics;
