export * from './fake-server/index';
export { ScriptedModel, type ScriptedModelOptions, type ScriptedReply } from './scripted-model';
