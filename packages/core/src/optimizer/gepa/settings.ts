import { GEPAError } from './gepa-error';
import { defaultReflectionPromptTemplate, validatePromptTemplate } from './instruction-proposal';
import type { CandidateSelection, ComponentSelection, GEPAOptimizeOptions, GEPAStopCondition } from './types';

/** Options with defaults applied and validated. */
export interface EngineSettings {
  minibatchSize: number;
  candidateSelection: CandidateSelection;
  epsilon: number;
  componentSelection: ComponentSelection;
  useMerge: boolean;
  maxMergeInvocations: number;
  mergeSubsampleSize: number;
  skipPerfectScore: boolean;
  perfectScore: number;
  seed: number;
  concurrency: number;
  promptTemplate: string;
  maxMetricCalls: number | undefined;
  maxConsecutiveReflectionErrors: number;
  stopWhen: GEPAStopCondition[];
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1) {
    throw new GEPAError('gepa_invalid_options', `${name} must be a positive integer, got ${String(value)}`);
  }
  return resolved;
}

export function resolveSettings<Example>(options: GEPAOptimizeOptions<Example>): EngineSettings {
  const fail = (message: string): never => {
    throw new GEPAError('gepa_invalid_options', message);
  };
  const componentNames = Object.keys(options.seedCandidate);
  if (componentNames.length === 0) fail('seedCandidate needs at least one component');
  if (options.trainset.length === 0) fail('trainset must not be empty');
  if (options.valset && options.valset.length === 0) fail('valset must not be empty');
  if (!options.reflectionModel && !options.adapter.proposeNewTexts) {
    fail('reflectionModel is required unless the adapter implements proposeNewTexts');
  }
  const stopWhen = options.stopWhen === undefined ? [] : [options.stopWhen].flat();
  const hasStop =
    options.maxMetricCalls !== undefined ||
    options.timeoutMs !== undefined ||
    options.noImprovementIterations !== undefined ||
    options.scoreThreshold !== undefined ||
    options.signal !== undefined ||
    options.runDir !== undefined ||
    stopWhen.length > 0;
  if (!hasStop) fail('optimize() needs a stop condition: maxMetricCalls, timeoutMs, stopWhen …');
  const epsilon = options.epsilon ?? 0.1;
  if (!(epsilon >= 0 && epsilon <= 1)) fail('epsilon must be between 0 and 1');
  const promptTemplate = options.reflectionPromptTemplate ?? defaultReflectionPromptTemplate;
  try {
    validatePromptTemplate(promptTemplate);
  } catch (error) {
    fail((error as Error).message);
  }
  return {
    minibatchSize: positiveInteger('reflectionMinibatchSize', options.reflectionMinibatchSize, 3),
    candidateSelection: options.candidateSelection ?? 'pareto',
    epsilon,
    componentSelection: options.componentSelection ?? 'round-robin',
    useMerge: options.useMerge ?? false,
    maxMergeInvocations: options.maxMergeInvocations ?? 5,
    mergeSubsampleSize: positiveInteger('mergeSubsampleSize', options.mergeSubsampleSize, 5),
    skipPerfectScore: options.skipPerfectScore ?? true,
    perfectScore: options.perfectScore ?? 1,
    seed: options.seed ?? 0,
    concurrency: positiveInteger('concurrency', options.concurrency, 1),
    promptTemplate,
    maxMetricCalls:
      options.maxMetricCalls === undefined
        ? undefined
        : Number.isInteger(options.maxMetricCalls) && options.maxMetricCalls >= 0
          ? options.maxMetricCalls
          : fail('maxMetricCalls must be a non-negative integer'),
    maxConsecutiveReflectionErrors: positiveInteger(
      'maxConsecutiveReflectionErrors',
      options.maxConsecutiveReflectionErrors,
      3,
    ),
    stopWhen,
  };
}
