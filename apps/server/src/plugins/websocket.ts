import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { WEBSOCKET_PROTOCOL } from '../http/websocket-token';

/**
 * WebSocket support for `/ws`. Register it before the auth plugin: its hooks mark upgrade
 * requests, so the socket of a refused upgrade (401/403) is destroyed instead of left open.
 */
export default fp(
  async function websocket(fastify: FastifyInstance, options: { maxPayloadBytes: number }) {
    await fastify.register(fastifyWebsocket, {
      options: {
        maxPayload: options.maxPayloadBytes,
        // Answer with the plain protocol, never echo the one carrying the token.
        handleProtocols: (protocols: Set<string>) => (protocols.has(WEBSOCKET_PROTOCOL) ? WEBSOCKET_PROTOCOL : false),
      },
    });
  },
  { name: 'websocket' },
);
