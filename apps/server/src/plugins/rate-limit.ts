import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Rate limiting is opt-in per route (`config.rateLimit`); `POST /runs` uses it. */
export default fp(
  async function rateLimit(fastify: FastifyInstance) {
    await fastify.register(fastifyRateLimit, { global: false });
  },
  { name: 'rate-limit' },
);
