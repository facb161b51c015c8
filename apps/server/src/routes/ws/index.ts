import type {} from '@fastify/websocket';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UpgradeRequiredError } from '../../errors/upgrade-required-error';

const ws: FastifyPluginAsyncZod = async (fastify) => {
  fastify.route({
    method: 'GET',
    url: '/ws',
    schema: {
      tags: ['live'],
      summary: 'WebSocket: send {"type":"subscribe","runId":"<id>|*","afterSeq":N}; receives RunEvents and run-status',
      description: 'A plain HTTP request (no `Upgrade: websocket`) is answered 426.',
      querystring: z.object({
        token: z.string().optional().describe('API token, for browsers that cannot set the Authorization header'),
      }),
    },
    // A request without `Upgrade: websocket` reaches this handler instead of opening a socket.
    handler: async (_request, reply) => {
      reply.header('upgrade', 'websocket');
      throw new UpgradeRequiredError(
        '/ws is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket), not plain HTTP',
      );
    },
    wsHandler: (socket) => {
      fastify.aime.hub.connect(socket);
    },
  });
};

export default ws;
