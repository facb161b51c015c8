import type { CliCommand } from '../command';
import { chatCommand } from './chat';

/** Every `aime` subcommand. Adding one is one line here. */
export const commands: Record<string, CliCommand> = {
  chat: chatCommand,
};
