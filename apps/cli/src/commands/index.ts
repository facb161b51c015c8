import type { CliCommand } from '../command';
import { chatCommand } from './chat';
import { interactiveCommand } from './interactive';
import { optimizeCommand } from './optimize';
import { runCommand } from './run';
import { vizCommand } from './viz';

/** Every `aime` subcommand. Adding one is one line here. */
export const commands: Record<string, CliCommand> = {
  chat: chatCommand,
  interactive: interactiveCommand,
  optimize: optimizeCommand,
  run: runCommand,
  viz: vizCommand,
};
