import { createAimeRuntime } from '@gepa-aime/core';
import type { CliCommand } from '../command';
import { runInteractiveSession } from '../interactive/interactive-session';
import { parseCommandArgs } from '../parse-command-args';
import { positiveInteger, resolveWorkspace } from '../workspace-option';

const HELP = `Usage: aime interactive [options]     (also: aime with no command)

The interactive session: plain lines chat with the configured model, /goal <text> runs the AIME
loop on a goal and prints the JSON report, /quit or /exit leaves. Ctrl-C cancels a running goal
without leaving; at the prompt it leaves.

Options:
  --workspace <dir>      directory the file tools may touch (default: AIME_WORKSPACE, else the
                         directory you ran the command in)
  --max-iterations <n>   planner iterations per goal (default 20)
  --max-parallel <n>     actors running at the same time (default 3)
  --config <dir>         config directory (default: <repo>/config)
  -h, --help             show this help`;

export const interactiveCommand: CliCommand = {
  summary: 'chat with the model and run goals with /goal (the default with no command)',
  help: HELP,
  async run(argv, context) {
    const { values } = parseCommandArgs('interactive', argv, {
      workspace: { type: 'string' },
      'max-iterations': { type: 'string' },
      'max-parallel': { type: 'string' },
    });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    const maxIterations = positiveInteger('max-iterations', values['max-iterations']);
    const maxParallelActors = positiveInteger('max-parallel', values['max-parallel']);
    const { model, workflow } = await createAimeRuntime({
      configDirectory: context.configDirectory,
      workspaceRoot: resolveWorkspace(values.workspace, context.env),
      env: context.env,
    });
    return runInteractiveSession({
      input: context.stdin,
      output: context.stdout,
      terminal: context.stdin.isTTY === true,
      model,
      workflow,
      signal: context.signal,
      ...(maxIterations !== undefined ? { maxIterations } : {}),
      ...(maxParallelActors !== undefined ? { maxParallelActors } : {}),
    });
  },
};
