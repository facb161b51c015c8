export { type SampleHints, sampleFromSchema } from './json-schema-sample';
export { OfflineModel, type OfflineModelOptions } from './offline-model';
export type { OfflineReply, OfflineSkill } from './offline-skill';
export { registerOfflineModel } from './register-offline-model';
export { keywords, lastMessageText, lastUserText, mentionedPath, summarise } from './request-text';
export { defaultOfflineSkills } from './skills/index';
export { plainChatSkill } from './skills/plain-chat-skill';
export { structuredOutputSkill } from './skills/structured-output-skill';
export { toolCallSkill } from './skills/tool-call-skill';
