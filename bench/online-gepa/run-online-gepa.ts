import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AIMEWorkflow,
  createJudge,
  createModel,
  FixedPromptOptimizer,
  LightweightOnlineGEPA,
  loadConfig,
  type PromptOptimizer,
  type RunEvent,
  SeededRandom,
} from '@gepa-aime/core';
import { startFakeOpenAIServer } from '@gepa-aime/core/testing';
import { type BenchGoal, generateGoals, writeDocuments } from './goal-suite';
import { ReminderOptimizer } from './reminder-optimizer';
import { createSimulatedReflection, type ReflectionStats } from './simulated-reflection';
import { createSimulatedWorld, type SimulatedWorld } from './simulated-world';

export const STRATEGIES = ['online-gepa', 'off', 'reminder'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface OnlineGEPAOptions {
  seeds: number[];
  goals: number;
  heldOut: number;
  window: number;
  /** gepa_config.yaml values for the online optimizer (and the reminder rule's window/threshold). */
  gepa: {
    window_size: number;
    threshold: number;
    min_traces_before_reflection: number;
    reflection_minibatch_size: number;
  };
}

export interface GoalResult {
  index: number;
  kind: BenchGoal['kind'];
  passed: boolean;
  score: number;
  tokens: number;
}

export interface StrategyRun {
  seed: number;
  strategy: Strategy;
  stream: GoalResult[];
  heldOut: GoalResult[];
  adoptions: number;
  rollbacks: number;
  proposals: number;
  reminders: number;
  reflection?: ReflectionStats;
  finalPrompts: { planner: string; actor: string };
}

/** Runs every strategy on every seed: the goal stream with learning, then the held-out set with the final prompts frozen. */
export async function runOnlineGEPA(options: OnlineGEPAOptions): Promise<StrategyRun[]> {
  const world = createSimulatedWorld();
  const server = await startFakeOpenAIServer({ handler: world.handler, model: 'simulated' });
  const runs: StrategyRun[] = [];
  try {
    for (const seed of options.seeds) {
      for (const strategy of STRATEGIES) runs.push(await runStrategy(seed, strategy, options, world, server.url));
    }
  } finally {
    await server.close();
  }
  return runs;
}

async function runStrategy(
  seed: number,
  strategy: Strategy,
  options: OnlineGEPAOptions,
  world: SimulatedWorld,
  apiBase: string,
): Promise<StrategyRun> {
  const root = mkdtempSync(join(tmpdir(), 'aime-online-gepa-bench-'));
  try {
    const workspace = join(root, 'workspace');
    const configDirectory = join(root, 'config');
    mkdirSync(configDirectory, { recursive: true });
    writeFileSync(
      join(configDirectory, 'model_config.yaml'),
      `model: simulated\nprovider: openai\napi_base: ${apiBase}\nrequest_timeout: 30\nmax_retries: 0\n`,
    );
    const config = loadConfig({ directory: configDirectory, env: {} });
    const model = createModel(config);
    const judge = createJudge(config, model);
    const documents = writeDocuments(workspace, new SeededRandom(seed));
    const stream = generateGoals(new SeededRandom(seed * 7919 + 1), documents, options.goals);
    const heldOut = generateGoals(new SeededRandom(seed * 7919 + 2), documents, options.heldOut, 10_000);
    const reflection = createSimulatedReflection(seed);
    const reminder = new ReminderOptimizer({
      windowSize: options.gepa.window_size,
      threshold: options.gepa.threshold,
      minTraces: options.gepa.min_traces_before_reflection,
    });
    const gepa =
      strategy === 'online-gepa'
        ? await LightweightOnlineGEPA.create({
            tracePath: join(root, 'traces', 'gepa_history.jsonl'),
            config: { ...options.gepa, components: ['planner', 'actor'] },
            reflectionModel: reflection.reflect,
            logger: { warn: () => undefined },
          })
        : undefined;
    const optimizer: PromptOptimizer | undefined =
      strategy === 'online-gepa' ? gepa : strategy === 'reminder' ? reminder : undefined;
    const decisions: string[] = [];
    const runGoals = async (goals: BenchGoal[], withOptimizer: PromptOptimizer | undefined) => {
      const workflow = new AIMEWorkflow({
        config,
        model,
        workspaceRoot: workspace,
        judge,
        ...(withOptimizer ? { optimizer: withOptimizer } : {}),
        limits: { maxActorSteps: 6, maxReplans: 3 },
      });
      const results: GoalResult[] = [];
      for (const goal of goals) {
        world.enter({ seed, goal, workspace });
        const report = await workflow.run(goal.text, {
          maxIterations: 6,
          maxParallelActors: 2,
          onEvent: (event: RunEvent) => {
            if (event.type === 'gepa-candidate') decisions.push(event.decision);
          },
        });
        results.push({
          index: goal.index,
          kind: goal.kind,
          passed: report.verdict?.verdict === 'pass',
          score: report.verdict?.score ?? 0,
          tokens: report.usage.total.totalTokens,
        });
      }
      return results;
    };
    const streamResults = await runGoals(stream, optimizer);
    await gepa?.flush();
    const finalPrompts = {
      planner: optimizer?.currentPrompt('planner').text ?? '',
      actor: optimizer?.currentPrompt('actor').text ?? '',
    };
    const frozen = optimizer ? new FixedPromptOptimizer(finalPrompts, 'final') : undefined;
    const heldOutResults = await runGoals(heldOut, frozen);
    return {
      seed,
      strategy,
      stream: streamResults,
      heldOut: heldOutResults,
      adoptions: decisions.filter((decision) => decision === 'accepted').length,
      rollbacks: decisions.filter((decision) => decision === 'rejected').length,
      proposals: decisions.filter((decision) => decision === 'proposed').length,
      reminders: strategy === 'reminder' ? reminder.reminders : 0,
      ...(strategy === 'online-gepa' ? { reflection: reflection.stats } : {}),
      finalPrompts,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
