import { UsageError } from './command';

export interface GlobalOptions {
  config?: string;
  help: boolean;
  version: boolean;
  /** The subcommand name, if any. */
  command?: string;
  /** Arguments after the subcommand name. */
  rest: string[];
}

/**
 * Splits `aime [--config DIR] [--help] [--version] <command> [args]`. `--config` is also accepted
 * after the command name; everything after `--` is left to the command.
 */
export function parseGlobalOptions(argv: string[]): GlobalOptions {
  const result: GlobalOptions = { help: false, version: false, rest: [] };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--') {
      result.rest.push(...argv.slice(index));
      break;
    }
    if (argument === '--config' || argument.startsWith('--config=')) {
      const value = argument === '--config' ? argv[++index] : argument.slice('--config='.length);
      if (!value) throw new UsageError('--config needs a directory (see: aime --help)');
      result.config = value;
      continue;
    }
    if (result.command === undefined) {
      // `aime --viz` (the seed's `-viz`) is the `viz` command.
      if (argument === '--viz' || argument === '-viz') result.command = 'viz';
      else if (argument === '--help' || argument === '-h') result.help = true;
      else if (argument === '--version' || argument === '-V') result.version = true;
      else if (argument.startsWith('-')) throw new UsageError(`Unknown option '${argument}' (see: aime --help)`);
      else result.command = argument;
      continue;
    }
    result.rest.push(argument);
  }
  return result;
}
