import type {} from '@fastify/websocket';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const ws: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/ws',
    {
      websocket: true,
      schema: {
        tags: ['live'],
        summary:
          'WebSocket: send {"type":"subscribe","runId":"<id>|*","afterSeq":N}; receives RunEvents and run-status',
        querystring: z.object({
          token: z.string().optional().describe('API token, for browsers that cannot set the Authorization header'),
        }),
      },
    },
    (socket) => {
      fastify.aime.hub.connect(socket);
    },
  );
};

export default ws;
