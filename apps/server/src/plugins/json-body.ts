import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { parseJsonBody } from './parse-json-body';

/**
 * Replaces Fastify's JSON body parser and drops its text/plain one: same rules (prototype-pollution keys are refused), but a
 * refused body gets a 400 that names the problem instead of "Body is not valid JSON".
 */
export default fp(
  async function jsonBody(fastify: FastifyInstance) {
    fastify.removeContentTypeParser('application/json');
    // JSON sent as text/plain is refused with a 415 that says to send application/json, as for
    // any other media type, instead of being validated as a string.
    fastify.removeContentTypeParser('text/plain');
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  },
  { name: 'json-body' },
);
