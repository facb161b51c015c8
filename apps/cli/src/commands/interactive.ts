import type { CliCommand } from '../command';
import { createCommandRuntime } from '../command-runtime';
import { runInteractiveSession } from '../interactive/interactive-session';
import { parseCommandArgs } from '../parse-command-args';
import { wantsColour } from '../progress/terminal-style';
import { RUN_LIMIT_OPTIONS, runLimits } from '../run-limit-options';

const HELP = `Usage: aime interactive [options]     (also: aime with no command)

The interactive session: plain lines chat with the configured model, /goal <text> runs the AIME
loop on a goal and prints its progress, the final answer and a summary (/report prints the full
JSON report), /quit or /exit leaves. Colours in a terminal, none when NO_COLOR is set. Ctrl-C cancels a running goal
without leaving; at the prompt it leaves. With AIME_APPROVAL=risky|all a tool call that needs approval
asks "Run <tool>? [y/N]" at the prompt (n <note> denies with a note the model sees).

Options:
  --workspace <dir>      directory the file tools may touch (default: AIME_WORKSPACE, else the
                         directory you ran the command in)
  --max-iterations <n>   planner iterations per goal (1-100, default 20)
  --max-parallel <n>     actors running at the same time (1-16, default 3)
  --config <dir>         config directory (default: <repo>/config)
  -h, --help             show this help`;

export const interactiveCommand: CliCommand = {
  summary: 'chat with the model and run goals with /goal (the default with no command)',
  help: HELP,
  async run(argv, context) {
    const { values } = parseCommandArgs('interactive', argv, {
      workspace: { type: 'string' },
      ...RUN_LIMIT_OPTIONS,
    });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    const limits = runLimits(values);
    const runtime = await createCommandRuntime(context, values.workspace);
    return runInteractiveSession({
      input: context.stdin,
      output: context.stdout,
      terminal: context.stdin.isTTY === true,
      model: runtime.model,
      workflow: runtime.workflow,
      signal: context.signal,
      colour: wantsColour(context.stdout as { isTTY?: boolean }, context.env),
      ...limits,
    }).finally(() => runtime.close());
  },
};
