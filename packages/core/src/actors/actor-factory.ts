import type { AIMEConfig } from '../config/load-config';
import type { LanguageModel } from '../llm/types';
import type { TaskNode } from '../progress/task-node';
import type { ActivePrompt } from '../protocol/prompt-optimizer';
import { resolveBundleTools } from '../tools/registry/resolve-bundle-tools';
import type { ToolRegistry } from '../tools/registry/tool-registry';
import type { AnyTool } from '../tools/types';
import {
  composeActorPrompt,
  DEFAULT_ACTOR_PROMPT_TEMPLATE,
  DEFAULT_OUTPUT_FORMAT,
  REACT_TEXT_OUTPUT_FORMAT,
} from './actor-prompt';
import { contextBudgetFor } from './context-budget';
import { DynamicActor } from './dynamic-actor';
import { finishTool } from './finish-tool';
import { describeToolsAsText } from './react-text';
import type { ToolExecutor } from './run-tool';

export const DEFAULT_PERSONA = 'a careful generalist assistant';

export interface ActorFactoryOptions {
  config: AIMEConfig;
  model: LanguageModel;
  tools: ToolRegistry;
  workspaceRoot: string;
  goal: string;
  /** The actor prompt template to use (the optimizer's current candidate). */
  prompt?: () => ActivePrompt;
  maxSteps?: number;
  toolTimeoutMs?: number;
  loopLimit?: number;
  now?: () => number;
  executeTool?: ToolExecutor;
}

export interface ActorKnowledge {
  /** Results of earlier tasks relevant to this one (dependencies first). */
  results: Array<{ id: string; title: string; summary: string; references: string[] }>;
  /** The judge's feedback on an earlier attempt at this same task (a `partial` verdict's retry). */
  judgeFeedback?: string;
}

const defaultPrompt = (): ActivePrompt => ({
  component: 'actor',
  candidateId: 'default',
  text: DEFAULT_ACTOR_PROMPT_TEMPLATE,
});

/**
 * AIME's Actor Factory: composes a specialised actor for one subtask from a persona, the tools of
 * the bundles the planner chose (update_progress always included), knowledge from earlier tasks,
 * the environment (OS, date, workspace root) and the required output format.
 */
export class ActorFactory {
  private readonly options: ActorFactoryOptions;

  constructor(options: ActorFactoryOptions) {
    this.options = options;
  }

  create(task: TaskNode, knowledge: ActorKnowledge = { results: [] }): DynamicActor {
    const { config } = this.options;
    const prompt = (this.options.prompt ?? defaultPrompt)();
    const persona = task.persona?.trim() || DEFAULT_PERSONA;
    const tools = this.toolsFor(task.bundles);
    const protocol = config.model.tool_protocol === 'react-text' ? 'react-text' : 'native';
    const toolsText =
      protocol === 'react-text'
        ? describeToolsAsText([...tools, finishTool])
        : tools.map((tool) => `- ${tool.name}: ${tool.description}`).join('\n') +
          `\n- finish: ${finishTool.description}`;
    const systemPrompt = composeActorPrompt(prompt.text, {
      persona,
      tools: toolsText,
      knowledge: renderKnowledge(knowledge),
      environment: this.environment(),
      output_format: protocol === 'react-text' ? REACT_TEXT_OUTPUT_FORMAT : DEFAULT_OUTPUT_FORMAT,
      task: task.title,
    });
    const options: ConstructorParameters<typeof DynamicActor>[0] = {
      name: `actor-${task.id}`,
      persona,
      goal: this.options.goal,
      task: {
        id: task.id,
        title: task.title,
        ...(task.completionCriteria ? { completionCriteria: task.completionCriteria } : {}),
      },
      systemPrompt,
      prompt,
      tools,
      knowledge: knowledge.results.map((result) => ({ ...result, references: [...result.references] })),
      model: this.options.model,
      protocol,
      maxSteps: this.options.maxSteps ?? 10,
      toolTimeoutMs: this.options.toolTimeoutMs ?? 30_000,
      loopLimit: this.options.loopLimit ?? 3,
      now: this.options.now ?? Date.now,
    };
    if (this.options.executeTool) options.executeTool = this.options.executeTool;
    const contextBudget = contextBudgetFor(config.model);
    if (contextBudget) options.contextBudget = contextBudget;
    return new DynamicActor(options);
  }

  /** Starts the MCP servers of the task's bundles if they are not running (first use, or a restart after a failure). */
  async prepare(task: TaskNode, signal?: AbortSignal): Promise<void> {
    const names = this.bundleNames(task.bundles).filter((name) => this.options.tools.bundleProvider(name));
    if (names.length > 0) await this.options.tools.prepareBundles(names, signal);
  }

  /** Tools of the requested bundles (unknown bundle names are ignored; none → `default`), plus update_progress. */
  toolsFor(bundles: string[] | undefined): AnyTool[] {
    return resolveBundleTools(this.bundleNames(bundles), this.options.config.toolBundles, this.options.tools);
  }

  private bundleNames(bundles: string[] | undefined): string[] {
    const available = this.options.config.toolBundles;
    const requested = (bundles ?? []).filter((name) => name in available);
    return requested.length > 0 ? requested : ['default'].filter((name) => name in available);
  }

  environment(): string {
    const now = new Date((this.options.now ?? Date.now)());
    return [
      `- Operating system: ${process.platform} (${process.arch})`,
      `- Current date and time: ${now.toISOString()}`,
      `- Workspace root: ${this.options.workspaceRoot} (file tools take paths relative to it and cannot leave it)`,
    ].join('\n');
  }
}

export function renderKnowledge(knowledge: ActorKnowledge): string {
  const feedback = knowledge.judgeFeedback
    ? `The judge found your previous attempt at this task incomplete: ${knowledge.judgeFeedback}\nFix exactly that this time.\n`
    : '';
  if (knowledge.results.length === 0) return `${feedback}(no earlier results)`;
  const results = knowledge.results
    .map((result) => {
      const references = result.references.length > 0 ? ` (references: ${result.references.join(', ')})` : '';
      return `- [${result.id}] ${result.title}: ${result.summary}${references}`;
    })
    .join('\n');
  return `${feedback}${results}`;
}
