/** What each status means on this API: the name of a response in the OpenAPI document. */
const NAMES_BY_STATUS: Record<string, string> = {
  '200': 'OK',
  '202': 'Accepted: the run is queued (Location: the run)',
  '204': 'Nothing newer: the run has ended',
  '400': 'Bad input: `message` and `fields` name what is wrong',
  '401': 'Missing or wrong bearer token',
  '404': 'No such run',
  '413': 'Body larger than the limit',
  '429': 'Too many runs from this client: retry after `Retry-After` seconds',
  '503': 'Not available: shutting down, or (for /ready) the model cannot be reached',
};

interface OpenApiDocument {
  paths?: Record<string, Record<string, { responses?: Record<string, { description?: string }> }>>;
}

/**
 * @fastify/swagger names every response "Default Response"; this names them by status instead
 * (a response that already has its own description keeps it).
 */
export function nameResponses<Document extends OpenApiDocument>(document: Document): Document {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!response.description || response.description === 'Default Response') {
          response.description = NAMES_BY_STATUS[status] ?? `HTTP ${status}`;
        }
      }
    }
  }
  return document;
}
