import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { UnsupportedEncodingError } from '../errors/unsupported-encoding-error';
import { UriTooLongError } from '../errors/uri-too-long-error';
import { MAX_RUN_ID_LENGTH } from '../runs/run-store';

/** `/runs/<id>` and below: the id segment as sent. */
const RUN_ID_SEGMENT = /^\/runs\/([^/?#]+)/;

/**
 * Checks made before routing can send a request elsewhere: a run id longer than any id is 414
 * whichever route matched (the dashboard's static wildcard answers GET otherwise, with 404 or
 * 403), and a compressed body is refused instead of being parsed as plain JSON.
 */
export default fp(
  async function requestGuards(fastify: FastifyInstance) {
    fastify.addHook('onRequest', async (request) => {
      const runId = RUN_ID_SEGMENT.exec(request.url)?.[1];
      if (runId !== undefined && runId.length > MAX_RUN_ID_LENGTH) throw new UriTooLongError();
      const hasBody =
        request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
      const encoding = request.headers['content-encoding']?.trim().toLowerCase();
      if (hasBody && encoding && encoding !== 'identity') throw new UnsupportedEncodingError(encoding);
    });
  },
  { name: 'request-guards' },
);
