import { sampleFromSchema } from '../json-schema-sample';
import type { OfflineSkill } from '../offline-skill';
import { lastUserText } from '../request-text';

/** Structured output: answers any request with a `responseSchema` with a value valid for it. */
export const structuredOutputSkill: OfflineSkill = {
  name: 'structured-output',
  handles: (request) => request.responseSchema !== undefined,
  respond(request) {
    const schema = request.responseSchema?.schema ?? {};
    return { content: JSON.stringify(sampleFromSchema(schema, { text: lastUserText(request) })) };
  },
};
