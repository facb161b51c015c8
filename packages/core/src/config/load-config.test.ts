import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import { loadConfig } from './load-config';

function configDirectory(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'aime-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const SEED_EXAMPLE = `model: qwen3-235b
provider: vllm
api_base: https://your-vllm-gateway.example.com
request_timeout: 60
extra_params:
  temperature: 0.5
  max_tokens: 2048
  top_p: 0.9
  endpoint: /v1/generate
`;

describe('loadConfig', () => {
  it('defaults to the offline provider and the seed gepa/tool defaults when files are missing', () => {
    const config = loadConfig({ directory: configDirectory({}), env: {} });
    expect(config.model.provider).toBe('offline');
    expect(config.gepa.trace_path).toBe('traces/gepa_history.jsonl');
    expect(Object.keys(config.toolBundles)).toEqual(['default', 'progress']);
    expect(config.toolBundles.progress?.tools.map((tool) => tool.name)).toEqual(['update_progress']);
  });

  it("loads the seed README's vLLM example unchanged", () => {
    const config = loadConfig({ directory: configDirectory({ 'model_config.yaml': SEED_EXAMPLE }), env: {} });
    expect(config.model).toMatchObject({
      model: 'qwen3-235b',
      provider: 'vllm',
      api_base: 'https://your-vllm-gateway.example.com',
      request_timeout: 60,
      extra_params: { temperature: 0.5, max_tokens: 2048, top_p: 0.9, endpoint: '/v1/generate' },
    });
  });

  it('folds unknown top-level keys into extra_params, explicit entries winning', () => {
    const yaml = 'provider: offline\nseed: 7\ntemperature: 0.1\nextra_params:\n  temperature: 0.2\n';
    const config = loadConfig({ directory: configDirectory({ 'model_config.yaml': yaml }), env: {} });
    expect(config.model.extra_params).toEqual({ seed: 7, temperature: 0.2 });
  });

  it('applies environment overrides and resolves the API key from api_key_env', () => {
    const yaml = 'provider: offline\napi_key_env: MY_KEY\n';
    const config = loadConfig({
      directory: configDirectory({ 'model_config.yaml': yaml }),
      env: { AIME_PROVIDER: 'vllm', AIME_API_BASE: 'http://127.0.0.1:8000/v1', AIME_MODEL: 'qwen', MY_KEY: 'k-1' },
    });
    expect(config.model).toMatchObject({ provider: 'vllm', api_base: 'http://127.0.0.1:8000/v1', model: 'qwen' });
    expect(config.apiKey).toBe('k-1');
  });

  it('judges with the main model by default, mode model', () => {
    const config = loadConfig({ directory: configDirectory({ 'model_config.yaml': SEED_EXAMPLE }), env: {} });
    expect(config.judge).toMatchObject({ mode: 'model', ownModel: false, model: { model: 'qwen3-235b' } });
  });

  it('reads the judge block: its own model, server, key variable and extra_params', () => {
    const yaml = `${SEED_EXAMPLE}api_key_env: MAIN_KEY
judge:
  mode: model
  model: judge-7b
  api_base: http://127.0.0.1:9000/v1
  api_key_env: JUDGE_KEY
  extra_params:
    temperature: 0
`;
    const config = loadConfig({
      directory: configDirectory({ 'model_config.yaml': yaml }),
      env: { MAIN_KEY: 'main', JUDGE_KEY: 'judge' },
    });
    expect(config.model.extra_params).not.toHaveProperty('judge');
    expect(config.judge).toMatchObject({
      mode: 'model',
      ownModel: true,
      apiKey: 'judge',
      model: {
        model: 'judge-7b',
        provider: 'vllm',
        api_base: 'http://127.0.0.1:9000/v1',
        extra_params: { temperature: 0 },
      },
    });
  });

  it("never sends the main key to the judge's other server", () => {
    const yaml = `${SEED_EXAMPLE}api_key: main\njudge:\n  api_base: http://127.0.0.1:9000/v1\n`;
    const config = loadConfig({ directory: configDirectory({ 'model_config.yaml': yaml }), env: {} });
    expect(config.apiKey).toBe('main');
    expect(config.judge.apiKey).toBeUndefined();
  });

  it.each([
    ['judge:\n  mode: strict\n', /judge\.mode/],
    ['judge:\n  temperature: 0\n', /judge/],
    ['judge:\n  provider: vllm\n', /judge\.api_base: required/],
  ])('rejects a bad judge block (%s)', (text, pattern) => {
    expect(() => loadConfig({ directory: configDirectory({ 'model_config.yaml': text }), env: {} })).toThrow(pattern);
  });

  it.each([
    ['model_config.yaml', 'provider: [oops\n', /model_config\.yaml:\d+: invalid YAML/],
    ['model_config.yaml', 'provider: llama\n', /model_config\.yaml: provider: /],
    ['model_config.yaml', 'request_timeout: soon\n', /request_timeout: .*number/],
    ['model_config.yaml', 'provider: vllm\n', /api_base: required when provider is vllm/],
    ['model_config.yaml', '- just\n- a list\n', /expected a mapping/],
    ['gepa_config.yaml', 'window_size: 0\n', /gepa_config\.yaml: window_size: /],
    ['gepa_config.yaml', 'completion_weight: 0.9\n', /must equal 1/],
    ['tool_bundles.json', '{"default": [ {"name": "x",} ]}', /tool_bundles\.json(:\d+)?: invalid JSON/],
    ['tool_bundles.json', '{"default": 42}', /tool_bundles\.json: /],
    ['model_config.yaml', 'extra_params:\n  endpoint: generate\n', /extra_params\.endpoint/],
  ])('rejects malformed %s (%s) with a message naming the problem', (name, text, pattern) => {
    const directory = configDirectory({ [name]: text });
    let caught: unknown;
    try {
      loadConfig({ directory, env: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(pattern);
    expect((caught as Error).message).toContain(name);
  });

  it('loads a Python-reference bundle file with implementation strings', () => {
    const json = JSON.stringify({
      bundles: { research: { description: 'r', tools: ['web_search', { name: 'read_file', implementation: 'a:B' }] } },
    });
    const config = loadConfig({ directory: configDirectory({ 'tool_bundles.json': json }), env: {} });
    expect(config.toolBundles.research?.tools).toEqual([
      { name: 'web_search' },
      { name: 'read_file', implementation: 'a:B' },
    ]);
  });

  it('loads the shipped config directory', () => {
    const config = loadConfig({ directory: join(__dirname, '../../../../config'), env: {} });
    expect(config.model.provider).toBe('offline');
    expect(config.toolBundles.default?.tools.length).toBeGreaterThanOrEqual(5);
  });
});

describe('project paths', () => {
  it('resolves gepa paths under the project root, and AIME_TRACES_DIR relocates traces/', () => {
    const directory = configDirectory({});
    const root = join(directory, '..');
    const plain = loadConfig({ directory, env: {} });
    expect(plain.paths.gepaTraceFile).toBe(join(root, 'traces', 'gepa_history.jsonl'));
    expect(plain.paths.tracesDir).toBe(join(root, 'traces'));
    const moved = loadConfig({ directory, env: { AIME_TRACES_DIR: '/srv/aime-traces' } });
    expect(moved.paths.gepaTraceFile).toBe('/srv/aime-traces/gepa_history.jsonl');
    expect(moved.paths.gepaRunDir).toBe('/srv/aime-traces/gepa');
  });

  it('keeps absolute gepa paths and paths outside traces/ where they are', () => {
    const yaml = 'trace_path: /var/lib/aime/history.jsonl\nrun_dir: runs/gepa\n';
    const directory = configDirectory({ 'gepa_config.yaml': yaml });
    const config = loadConfig({ directory, env: { AIME_TRACES_DIR: '/elsewhere' } });
    expect(config.paths.gepaTraceFile).toBe('/var/lib/aime/history.jsonl');
    expect(config.paths.gepaRunDir).toBe(join(directory, '..', 'runs', 'gepa'));
  });
});
