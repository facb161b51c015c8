export { ScriptedModel, type ScriptedModelOptions, type ScriptedReply } from './scripted-model';
