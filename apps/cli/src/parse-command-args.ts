import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs with `-h/--help` added and parse errors turned into UsageError. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split(/\n|\. To specify/)[0];
    throw new UsageError(`${message} (see: aime ${command} --help)`);
  }
}
