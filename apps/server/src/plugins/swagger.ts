import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { nameResponses } from '../http/response-names';

/** OpenAPI document generated from the routes' zod schemas, at `/docs/json`, with the UI at `/docs`. */
export default fp(
  async function swagger(fastify: FastifyInstance, options: { version: string; authRequired: boolean }) {
    await fastify.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'GEPA-AIME',
          description:
            'Runs the AIME multi-agent loop and reports online GEPA prompt evolution. Live events: WebSocket `/ws` (see docs/api.md).',
          version: options.version,
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        },
        security: options.authRequired ? [{ bearer: [] }] : [],
      },
      transform: jsonSchemaTransform,
      transformObject: (input) => nameResponses(jsonSchemaTransformObject(input) as never),
    });
    await fastify.register(fastifySwaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
