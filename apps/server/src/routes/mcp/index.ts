import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { createAIMEMCPServer } from '../../mcp/aime-mcp-server';

/** Open MCP sessions at most (each holds a server and a transport); more get 503 until one ends. */
const MAX_SESSIONS = 64;

interface Session {
  transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
}

/**
 * `/mcp`: the GEPA-AIME MCP server over Streamable HTTP, behind the same auth as the rest of the
 * API. A POST with `initialize` opens a session (`MCP-Session-Id`); later POSTs, the GET event
 * stream and DELETE use it. Sessions end on DELETE, when the transport closes, or on shutdown.
 */
const mcpRoutes: FastifyPluginAsync = async (fastify) => {
  const sessions = new Map<string, Session>();

  fastify.addHook('preClose', async () => {
    await Promise.allSettled([...sessions.values()].map((session) => session.close()));
    sessions.clear();
  });

  fastify.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    handler: async (request, reply) => {
      const header = request.headers['mcp-session-id'];
      const sessionId = typeof header === 'string' ? header : undefined;
      let session = sessionId === undefined ? undefined : sessions.get(sessionId);
      if (sessionId !== undefined && !session) {
        return sendError(reply, 404, 'not_found', `unknown MCP session ${sessionId}: initialize a new one`);
      }
      if (!session) {
        if (request.method !== 'POST' || !isInitializeRequest(request.body)) {
          return sendError(reply, 400, 'bad_request', 'no MCP-Session-Id: send an initialize request first');
        }
        if (sessions.size >= MAX_SESSIONS) {
          return sendError(reply, 503, 'service_unavailable', `too many MCP sessions (${MAX_SESSIONS}); close one`);
        }
        session = await openSession(fastify.aime, sessions);
      }
      reply.hijack();
      await session.transport.handleRequest(request.raw, reply.raw, request.body);
    },
  });
};

async function openSession(
  services: Parameters<typeof createAIMEMCPServer>[0],
  sessions: Map<string, Session>,
): Promise<Session> {
  const server = createAIMEMCPServer(services);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => {
      sessions.set(id, session);
    },
  });
  const session: Session = { transport, close: () => server.close() };
  transport.onclose = () => {
    if (transport.sessionId) sessions.delete(transport.sessionId);
  };
  await server.connect(transport);
  return session;
}

function sendError(reply: FastifyReply, statusCode: number, error: string, message: string): FastifyReply {
  return reply.code(statusCode).send({ statusCode, error, message });
}

export default mcpRoutes;
