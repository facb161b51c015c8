import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, loadModelConfig } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadServiceSettings } from '../../apps/server/src/config/service-settings';
import {
  composeFiles,
  environmentOf,
  findDockerCompose,
  loadComposeFile,
  readRawComposeFile,
  repositoryRoot,
  runDockerCompose,
  service,
  testEnvironment,
} from './compose-files';
import { composeFileSchema } from './compose-schema';
import { environmentOf as dockerfileEnvironmentOf, healthcheckCommand, readDockerfile } from './dockerfile';
import { interpolate, MissingVariableError } from './interpolate';

const dockerCompose = findDockerCompose();
const runtimeStage = readDockerfile(repositoryRoot).stages.at(-1)!;
const imageEnvironment = dockerfileEnvironmentOf(runtimeStage);

function commandFlag(command: string[], flag: string): string | undefined {
  const index = command.indexOf(flag);
  return index < 0 ? undefined : command[index + 1];
}

function vllmCommand(): string[] {
  const command = service(loadComposeFile('docker-compose.yml'), 'vllm').command;
  if (!Array.isArray(command)) throw new Error('vllm command must be a list of arguments');
  return command;
}

/** Checks against the real binary are skipped, visibly and with this reason, where it is not installed (.ci/run installs it). */
const withDockerCompose = it.skipIf(dockerCompose === undefined);
const NEEDS_BINARY = '(needs the docker-compose binary)';

describe('compose files are valid', () => {
  withDockerCompose.each(composeFiles)(`%s passes \`docker-compose config -q\` ${NEEDS_BINARY}`, (file) => {
    const result = runDockerCompose(dockerCompose as string, file, ['config', '-q']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(composeFiles)('%s matches the strict Compose schema subset', (file) => {
    const result = composeFileSchema.safeParse(interpolate(readRawComposeFile(file), testEnvironment));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('the schema subset rejects a misspelt key and an undeclared named volume', () => {
    const broken = structuredClone(interpolate(readRawComposeFile('docker-compose.yml'), testEnvironment)) as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.vllm = { ...broken.services.vllm, ipcc: 'host' };
    broken.services.aime = { ...broken.services.aime, volumes: ['nowhere:/app/traces'] };
    const messages = composeFileSchema.safeParse(broken).error?.issues.map((issue) => issue.message) ?? [];
    expect(messages.join('\n')).toMatch(/ipcc/);
    expect(messages.join('\n')).toMatch(/undeclared volume nowhere/);
  });

  it.each(composeFiles)('%s refuses to start without AIME_API_TOKEN', (file) => {
    expect(() => loadComposeFile(file, {})).toThrow(MissingVariableError);
    expect(() => loadComposeFile(file, {})).toThrow(/AIME_API_TOKEN/);
  });

  withDockerCompose.each(composeFiles)(`docker-compose refuses %s without AIME_API_TOKEN ${NEEDS_BINARY}`, (file) => {
    const result = runDockerCompose(dockerCompose as string, file, ['config', '-q'], {});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/AIME_API_TOKEN/);
  });

  it('our reading of docker-compose.yml substitutes the served model name', () => {
    const ours = loadComposeFile('docker-compose.yml', { ...testEnvironment, VLLM_SERVED_MODEL_NAME: 'custom' });
    expect(commandFlag(vllmCommand(), '--served-model-name')).toBe('qwen3');
    expect(environmentOf(service(ours, 'aime')).AIME_MODEL).toBe('custom');
  });

  withDockerCompose(`our reading of docker-compose.yml equals docker-compose’s own ${NEEDS_BINARY}`, () => {
    const ours = loadComposeFile('docker-compose.yml', { ...testEnvironment, VLLM_SERVED_MODEL_NAME: 'custom' });
    const result = runDockerCompose(dockerCompose as string, 'docker-compose.yml', ['config'], {
      ...testEnvironment,
      VLLM_SERVED_MODEL_NAME: 'custom',
    });
    expect(result.status).toBe(0);
    const { version: _version, ...resolved } = parse(result.stdout) as Record<string, unknown>;
    const theirs = composeFileSchema.safeParse(resolved);
    expect(theirs.success).toBe(true);
    expect(service(theirs.data!, 'vllm').command).toEqual(service(ours, 'vllm').command);
    expect(environmentOf(service(theirs.data!, 'aime'))).toEqual(environmentOf(service(ours, 'aime')));
  });
});

describe('vllm service', () => {
  const file = () => loadComposeFile('docker-compose.yml');
  const vllm = () => service(file(), 'vllm');

  it('runs a pinned vllm/vllm-openai release, never a moving tag', () => {
    expect(vllm().image).toMatch(/^vllm\/vllm-openai:v\d+\.\d+\.\d+$/);
    expect(readFileSync(join(repositoryRoot, 'docker-compose.yml'), 'utf8')).not.toMatch(/:latest\b/);
  });

  it('serves a small Qwen3 instruct model by default under the name the aime service asks for', () => {
    expect(commandFlag(vllmCommand(), '--model')).toMatch(/^Qwen\/Qwen3-[\w.-]*Instruct/);
    const servedName = commandFlag(vllmCommand(), '--served-model-name');
    expect(servedName).toBe('qwen3');
    expect(environmentOf(service(file(), 'aime')).AIME_MODEL).toBe(servedName);
  });

  it('takes model, served name, context length and parser from the environment', () => {
    const custom = loadComposeFile('docker-compose.yml', {
      ...testEnvironment,
      VLLM_MODEL: 'meta-llama/Llama-3.1-8B-Instruct',
      VLLM_SERVED_MODEL_NAME: 'llama',
      VLLM_MAX_MODEL_LEN: '8192',
      VLLM_TOOL_CALL_PARSER: 'llama3_json',
    });
    const customCommand = service(custom, 'vllm').command as string[];
    expect(commandFlag(customCommand, '--model')).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(commandFlag(customCommand, '--served-model-name')).toBe('llama');
    expect(commandFlag(customCommand, '--max-model-len')).toBe('8192');
    expect(commandFlag(customCommand, '--tool-call-parser')).toBe('llama3_json');
    expect(environmentOf(service(custom, 'aime')).AIME_MODEL).toBe('llama');
  });

  it('enables tool calling with the parser for Qwen3 (hermes) and bounds the context', () => {
    expect(vllmCommand()).toContain('--enable-auto-tool-choice');
    expect(commandFlag(vllmCommand(), '--tool-call-parser')).toBe('hermes');
    expect(Number(commandFlag(vllmCommand(), '--max-model-len'))).toBeGreaterThanOrEqual(8192);
  });

  it('shares host IPC, reserves an NVIDIA GPU and caches Hugging Face downloads in a volume', () => {
    expect(vllm().ipc).toBe('host');
    expect(vllm().deploy?.resources?.reservations?.devices).toEqual([
      { driver: 'nvidia', count: 1, capabilities: ['gpu'] },
    ]);
    expect(vllm().volumes).toContain('huggingface-cache:/root/.cache/huggingface');
    expect(Object.keys(file().volumes ?? {})).toContain('huggingface-cache');
  });

  it('passes HF_TOKEN and VLLM_API_KEY through from the host without defaults', () => {
    expect(environmentOf(vllm())).toMatchObject({ HF_TOKEN: null, VLLM_API_KEY: null });
  });

  it('is healthy only when its /health answers, with a long start period for the first download', () => {
    const test = vllm().healthcheck?.test as string[];
    expect(test[0]).toBe('CMD');
    expect(test.join(' ')).toContain(`http://127.0.0.1:${commandFlag(vllmCommand(), '--port')}/health`);
    expect(vllm().healthcheck?.start_period).toMatch(/^\d+m$/);
    expect(Number.parseInt(vllm().healthcheck?.start_period ?? '0', 10)).toBeGreaterThanOrEqual(10);
  });

  it('publishes its port on loopback only', () => {
    expect(vllm().ports).toEqual([`127.0.0.1:8000:${commandFlag(vllmCommand(), '--port')}`]);
  });
});

describe('aime service', () => {
  const file = () => loadComposeFile('docker-compose.yml');
  const aime = () => service(file(), 'aime');
  const environment = () => environmentOf(aime());

  it('is built from the Dockerfile and starts once vllm is healthy', () => {
    expect(aime().build).toBe('.');
    expect(aime().depends_on).toEqual({ vllm: { condition: 'service_healthy' } });
  });

  it('talks to vllm over the compose network at the port vllm listens on', () => {
    expect(environment().AIME_PROVIDER).toBe('vllm');
    expect(environment().AIME_API_BASE).toBe(`http://vllm:${commandFlag(vllmCommand(), '--port')}/v1`);
  });

  it('sets env names the config loaders actually read (model config and service settings)', () => {
    const merged = { ...imageEnvironment, ...(environment() as Record<string, string>) };
    const model = loadModelConfig(join(repositoryRoot, 'config'), merged);
    expect(model).toMatchObject({ provider: 'vllm', api_base: 'http://vllm:8000/v1', model: 'qwen3' });
    const settings = loadServiceSettings(merged);
    expect(settings).toMatchObject({
      host: '0.0.0.0',
      port: 8765,
      apiToken: 'test-token',
      concurrency: 4,
      tracesDir: '/app/traces',
      workspace: '/workspace',
    });
  });

  it('sends the key vLLM requires when VLLM_API_KEY is set, and none otherwise', () => {
    const keyed = service(
      loadComposeFile('docker-compose.yml', { ...testEnvironment, VLLM_API_KEY: 'vllm-key' }),
      'aime',
    );
    const merged = { ...imageEnvironment, ...(environmentOf(keyed) as Record<string, string>) };
    expect(loadConfig({ directory: join(repositoryRoot, 'config'), env: merged }).apiKey).toBe('vllm-key');
    expect(environment().AIME_API_KEY).toBe('');
  });

  it('publishes the image port on 127.0.0.1:8765 by default', () => {
    expect(aime().ports).toEqual([`127.0.0.1:8765:${imageEnvironment.AIME_PORT}`]);
    const moved = service(
      loadComposeFile('docker-compose.yml', { ...testEnvironment, AIME_PUBLISHED_PORT: '9000' }),
      'aime',
    );
    expect(moved.ports).toEqual(['127.0.0.1:9000:8765']);
  });

  it('keeps traces and the workspace in named volumes mounted where the image expects them, config read-only', () => {
    expect(aime().volumes).toEqual(
      expect.arrayContaining([
        `aime-traces:${imageEnvironment.AIME_TRACES_DIR}`,
        `aime-workspace:${imageEnvironment.AIME_WORKSPACE}`,
        './config:/app/config:ro',
      ]),
    );
    expect(existsSync(join(repositoryRoot, 'config', 'model_config.yaml'))).toBe(true);
    expect(Object.keys(file().volumes ?? {})).toEqual(expect.arrayContaining(['aime-traces', 'aime-workspace']));
  });

  it('checks health with the same probe as the image HEALTHCHECK', () => {
    const test = aime().healthcheck?.test as string[];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toBe(healthcheckCommand(runtimeStage).at(-1));
    expect(test[3]).toContain('/health');
  });
});

describe('offline compose file', () => {
  const offline = () => loadComposeFile('docker-compose.offline.yml');
  const aime = () => service(offline(), 'aime');
  const withVllm = () => service(loadComposeFile('docker-compose.yml'), 'aime');

  it('runs aime alone on the offline model: no vllm, no GPU, no dependency', () => {
    expect(Object.keys(offline().services)).toEqual(['aime']);
    expect(aime().depends_on).toBeUndefined();
    expect(aime().deploy).toBeUndefined();
    expect(environmentOf(aime())).toMatchObject({ AIME_PROVIDER: 'offline', AIME_API_TOKEN: 'test-token' });
    expect(environmentOf(aime()).AIME_API_BASE).toBeUndefined();
  });

  it('uses the same image, ports, volumes and healthcheck as the aime service next to vLLM', () => {
    for (const key of ['build', 'image', 'ports', 'volumes', 'healthcheck', 'restart'] as const) {
      expect(aime()[key], key).toEqual(withVllm()[key]);
    }
  });

  it('resolves to the offline provider through the real config loader', () => {
    const merged = { ...imageEnvironment, ...(environmentOf(aime()) as Record<string, string>) };
    expect(loadModelConfig(join(repositoryRoot, 'config'), merged)).toMatchObject({ provider: 'offline' });
  });
});
