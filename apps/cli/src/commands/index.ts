import type { CliCommand } from '../command';
import { chatCommand } from './chat';
import { dbCommand } from './db';
import { gepaCommand } from './gepa';
import { interactiveCommand } from './interactive';
import { mcpCommand } from './mcp';
import { optimizeCommand } from './optimize';
import { runCommand } from './run';
import { vizCommand } from './viz';
import { workerCommand } from './worker';

/** Every `aime` subcommand. Adding one is one line here. */
export const commands: Record<string, CliCommand> = {
  chat: chatCommand,
  db: dbCommand,
  gepa: gepaCommand,
  interactive: interactiveCommand,
  mcp: mcpCommand,
  optimize: optimizeCommand,
  run: runCommand,
  viz: vizCommand,
  worker: workerCommand,
};
