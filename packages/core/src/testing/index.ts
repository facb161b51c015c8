export { actorFixture, leafTask, toolPairingProblems } from './actor-fixture';
export { agentHandler, fakeServerWorkflow, finishCall, messagesOf } from './agent-script';
export * from './fake-server/index';
export { everythingServer, filesystemServer, mcpServerScript, mcpToolBundle } from './mcp-servers';
export * from './online-gepa-fixtures';
export { type FakeModelServer, useFakeModelServer, weatherTool } from './openai-compatible-fixtures';
export { ScriptedModel, type ScriptedModelOptions, type ScriptedReply } from './scripted-model';
export { createTemporaryWorkspace, type TemporaryWorkspace } from './temporary-workspace';
export { expectValidEventLog, requestRole, tempWorkspace, testConfig } from './workflow-fixtures';
