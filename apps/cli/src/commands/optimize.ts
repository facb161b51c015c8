import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  AIME_REFLECTION_PROMPT_TEMPLATE,
  type AIMEGoalSet,
  type CandidateSelection,
  createAIMEAdapter,
  createModel,
  LightweightOnlineGEPA,
  optimize,
  type PromptComponent,
  safeParseGoalSet,
  toGoalSet,
} from '@gepa-aime/core';
import { type CliCommand, type CliContext, UsageError } from '../command';
import { integerOption } from '../integer-option';
import { parseCommandArgs } from '../parse-command-args';
import { userDirectory } from '../paths';
import { runLimits } from '../run-limit-options';
import { applyImprovement } from './optimize-apply';
import { OptimizeProgress } from './optimize-progress';

const HELP = `Usage: aime optimize --goals <file> [options]

Evolves the planner system prompt and the actor prompt template with GEPA (reflective prompt
evolution, Pareto candidate selection): every goal runs through the AIME loop in a fresh
temporary workspace and is scored from its outcome (goal completed, share of tasks completed,
the goal's expectations); a reflection model rewrites a prompt from the feedback of a minibatch,
and the rewrite is kept when it scores better. Starts from the prompts online GEPA currently
uses. Progress goes to stderr, the JSON summary to stdout.

Options:
  --goals <file>          goals file (JSON): a list of goals or {goals, validation}; each goal is
                          {goal, files?, expect?: {files, fileContains, answerContains}} — see
                          config/optimize_goals.json
  --budget <n>            metric calls (one goal run = one call; default 4 × validation goals,
                          at least the validation size + 4)
  --run-dir <dir>         where the state is saved every iteration; rerun with the same directory
                          to resume; create <dir>/gepa.stop to stop gracefully
                          (default: <run_dir of gepa_config.yaml>/optimize-<timestamp>)
  --seed <n>              seed of the run's random choices (default 0)
  --apply                 if a candidate beat the current prompts, make it the one warm-started
                          next time (appended to the trace file as applied candidates); with
                          "improved": false nothing is applied. A running server picks applied
                          prompts up when it restarts
  --selection <strategy>  pareto (default), current-best or epsilon-greedy
  --merge                 also try system-aware merges of Pareto candidates
  --max-iterations <n>    planner iterations per goal (1-100, default 8)
  --config <dir>          config directory (default: <repo>/config)
  -h, --help              show this help

Exit codes: 0 done, 1 error, 2 usage error, 130 interrupted (the state is saved; rerun to resume).

Examples:
  pnpm aime optimize --goals config/optimize_goals.json --budget 12
  pnpm aime optimize --goals my-goals.json --run-dir traces/gepa/my-run --apply`;

const SELECTIONS: readonly CandidateSelection[] = ['pareto', 'current-best', 'epsilon-greedy'];

export const optimizeCommand: CliCommand = {
  summary: 'evolve the planner and actor prompts with GEPA over a set of goals',
  help: HELP,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs('optimize', argv, {
      goals: { type: 'string' },
      budget: { type: 'string' },
      'run-dir': { type: 'string' },
      seed: { type: 'string' },
      apply: { type: 'boolean' },
      selection: { type: 'string' },
      merge: { type: 'boolean' },
      'max-iterations': { type: 'string' },
    });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument '${positionals[0]}' (see: aime optimize --help)`);
    if (!values.goals) throw new UsageError('optimize needs --goals <file> (see: aime optimize --help)');
    const selection = values.selection ?? 'pareto';
    if (!SELECTIONS.includes(selection as CandidateSelection)) {
      throw new UsageError(`--selection must be one of ${SELECTIONS.join(', ')} (got '${selection}')`);
    }
    const seed = integerOption('seed', values.seed, 0) ?? 0;
    const { maxIterations } = runLimits({ 'max-iterations': values['max-iterations'] });
    const goalsFile = fromUserDirectory(values.goals, context);
    const goals = readGoals(goalsFile);
    const budget = integerOption('budget', values.budget) ?? Math.max(4 * goals.valset.length, goals.valset.length + 4);
    if (budget < goals.valset.length) {
      throw new UsageError(
        `--budget ${budget} is smaller than the ${goals.valset.length} validation goals the seed prompts are scored on`,
      );
    }

    const config = context.loadConfig();
    const model = createModel(config);
    const tracePath = config.paths.gepaTraceFile;
    const runDir = values['run-dir']
      ? fromUserDirectory(values['run-dir'], context)
      : resolve(config.paths.gepaRunDir, `optimize-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    const online = await LightweightOnlineGEPA.create({ tracePath, config: config.gepa });
    const components = config.gepa.components as PromptComponent[];
    const seedCandidate = Object.fromEntries(
      components.map((component) => [component, online.currentPrompt(component).text]),
    );
    const progress = new OptimizeProgress(context.stderr, budget);
    const proposals = { proposed: 0, accepted: 0, rejected: 0, skipped: 0 };
    const adapter = createAIMEAdapter({
      config,
      model,
      ...(maxIterations !== undefined ? { maxIterations } : {}),
    });
    const result = await optimize({
      seedCandidate,
      trainset: goals.trainset,
      valset: goals.valset,
      adapter,
      reflectionModel: model,
      reflectionPromptTemplate: AIME_REFLECTION_PROMPT_TEMPLATE,
      maxMetricCalls: budget,
      reflectionMinibatchSize: Math.min(config.gepa.reflection_minibatch_size, goals.trainset.length),
      candidateSelection: selection as CandidateSelection,
      useMerge: values.merge ?? false,
      seed,
      runDir,
      signal: context.signal,
      onEvent: (event) => {
        progress.onEvent(event);
        if (event.type === 'candidate-proposed') proposals.proposed += 1;
        else if (event.type === 'candidate-accepted') proposals.accepted += 1;
        else if (event.type === 'candidate-rejected') proposals.rejected += 1;
        else if (event.type === 'proposal-skipped') proposals.skipped += 1;
      },
    });

    const improved = result.bestIndex !== 0;
    const applied = values.apply
      ? await applyImprovement({
          tracePath,
          improved,
          bestCandidate: result.bestCandidate,
          bestScore: result.bestScore,
          parentIds: Object.fromEntries(
            components.map((component) => [component, online.currentPrompt(component).candidateId]),
          ),
        })
      : null;
    // The seed prompts are what runs use already: applying them again would only add a copy.
    if (values.apply && !applied) {
      context.stderr.write('--apply: nothing applied — no candidate scored better than the current prompts\n');
    }
    const summary = {
      goals: goalsFile,
      runDir,
      model: model.modelId,
      stopReason: result.stopReason,
      iterations: result.iterations,
      metricCalls: result.totalMetricCalls,
      budget,
      seed,
      candidates: result.candidates.length,
      /** Reflective mutations in this call: proposed, accepted / rejected on the minibatch, skipped. */
      proposals,
      seedScore: result.valAggregateScores[0] ?? null,
      bestScore: result.bestScore,
      bestIndex: result.bestIndex,
      improved,
      /** The best candidate's score on each validation goal. */
      goalScores: Object.fromEntries(
        goals.valset.map((goal, index) => [
          goal.id ?? `goal-${index + 1}`,
          result.valSubscores[result.bestIndex]?.[index] ?? null,
        ]),
      ),
      bestCandidate: result.bestCandidate,
      applied,
    };
    context.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return result.stopReason === 'aborted' ? 130 : 0;
  },
};

function readGoals(file: string): AIMEGoalSet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`--goals ${file}: ${reason}`);
  }
  const parsed = safeParseGoalSet(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--goals ${file}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}`);
  }
  return toGoalSet(parsed.data);
}

function fromUserDirectory(path: string, context: CliContext): string {
  return isAbsolute(path) ? path : resolve(userDirectory(context.env), path);
}
