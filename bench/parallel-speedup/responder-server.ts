import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel } from '@gepa-aime/core';
import { type AIMEConfig, createModel, loadConfig } from '@gepa-aime/core';
import type { FakeHandler } from '@gepa-aime/core/testing';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@gepa-aime/core/testing';
import { type AIMEResponderOptions, createAIMEResponder, isJudgeRequest } from '../loop-overhead/aime-responder';

/** The stateless AIME responder behind the fake OpenAI-compatible server, answering after `latencyMs`. */
export function responderHandler(options: AIMEResponderOptions, latencyMs: number): FakeHandler {
  const respond = createAIMEResponder(options);
  return (body) => {
    const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role: string; content?: unknown }>) : [];
    return {
      ...respond({ messages, planner: body.response_format !== undefined, judge: isJudgeRequest(body) }),
      latencyMs,
    };
  };
}

export interface BenchEnvironment {
  fake: FakeOpenAIServer;
  /** The real OpenAI-compatible client pointed at the fake server. */
  model: LanguageModel;
  /** The config loaded from `configDirectory` (read once). */
  config: AIMEConfig;
  root: string;
  workspaceRoot: string;
  configDirectory: string;
  close(): Promise<void>;
}

/** A temp workspace and config directory whose model_config.yaml points the real client at a fake server. */
export async function startBenchEnvironment(
  handler: FakeHandler,
  requestTimeoutSeconds = 30,
): Promise<BenchEnvironment> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-bench-')));
  const workspaceRoot = join(root, 'workspace');
  const configDirectory = join(root, 'config');
  mkdirSync(join(workspaceRoot, 'src'), { recursive: true });
  mkdirSync(configDirectory);
  writeFileSync(join(workspaceRoot, 'README.md'), `# Bench workspace\n\n${'A line of text.\n'.repeat(30)}`);
  writeFileSync(join(workspaceRoot, 'src', 'index.ts'), 'export const answer = 42;\n');
  const fake = await startFakeOpenAIServer({ handler });
  writeFileSync(
    join(configDirectory, 'model_config.yaml'),
    [
      'model: fake-model',
      'provider: openai',
      `api_base: ${fake.url}`,
      `request_timeout: ${requestTimeoutSeconds}`,
      'max_retries: 0',
      '',
    ].join('\n'),
  );
  const config = loadConfig({ directory: configDirectory, env: {} });
  const model = createModel(config);
  return {
    fake,
    model,
    config,
    root,
    workspaceRoot,
    configDirectory,
    async close() {
      await fake.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
