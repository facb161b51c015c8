import type { AnyTool } from '../types';

/** The function-calling rule for tool names. */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A bundle whose tools are only known at run time (an MCP server); the registry owns its lifecycle. */
export interface BundleProvider {
  readonly name: string;
  /** The bundle's current tools (empty until `prepare` succeeded once). */
  tools(): AnyTool[];
  /** Makes the tools available (starts the server on first use). */
  prepare(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Tools by name. Names follow the function-calling rule: letters, digits, `_` and `-`, at most 64. */
export class ToolRegistry {
  private readonly tools = new Map<string, AnyTool>();
  private readonly providers = new Map<string, BundleProvider>();

  constructor(tools: AnyTool[] = []) {
    for (const tool of tools) this.register(tool);
  }

  /** Adds a tool; `replace` allows overriding one with the same name (otherwise a duplicate throws). */
  register(tool: AnyTool, options: { replace?: boolean } = {}): this {
    if (!TOOL_NAME_PATTERN.test(tool.name)) {
      throw new Error(`Invalid tool name "${tool.name}": use 1-64 letters, digits, "_" or "-"`);
    }
    if (this.tools.has(tool.name) && !options.replace)
      throw new Error(`A tool named "${tool.name}" is already registered`);
    this.tools.set(tool.name, tool);
    return this;
  }

  get(name: string): AnyTool | undefined {
    return this.tools.get(name);
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  names(): string[] {
    return [...this.tools.keys()];
  }

  all(): AnyTool[] {
    return [...this.tools.values()];
  }

  /** Registers the provider of a bundle's tools (one per bundle name). */
  addBundleProvider(provider: BundleProvider): this {
    if (this.providers.has(provider.name)) throw new Error(`Bundle "${provider.name}" already has a provider`);
    this.providers.set(provider.name, provider);
    return this;
  }

  bundleProvider(name: string): BundleProvider | undefined {
    return this.providers.get(name);
  }

  bundleProviders(): BundleProvider[] {
    return [...this.providers.values()];
  }

  /** Prepares the named providers (default all) side by side; returns the bundles that failed and why. */
  async prepareBundles(names?: string[], signal?: AbortSignal): Promise<Array<{ bundle: string; error: string }>> {
    const providers = (names ?? [...this.providers.keys()]).flatMap((name) => this.providers.get(name) ?? []);
    const settled = await Promise.allSettled(providers.map((provider) => provider.prepare(signal)));
    return settled.flatMap((outcome, index) =>
      outcome.status === 'rejected'
        ? [
            {
              bundle: providers[index]?.name ?? '',
              error: (outcome.reason as Error)?.message ?? String(outcome.reason),
            },
          ]
        : [],
    );
  }

  /** Closes every provider (stops MCP servers); safe to call twice. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.providers.values()].map((provider) => provider.close()));
  }
}
