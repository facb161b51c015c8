import { type ApprovalGate, approveAllGate, type RunEvent, type WorkflowReport } from '@gepa-aime/core';
import { createTerminalApprovalGate } from '../approvals/terminal-approval-gate';
import { type CliCommand, type CliContext, UsageError } from '../command';
import { createCommandRuntime } from '../command-runtime';
import { parseCommandArgs } from '../parse-command-args';
import { describeEvent } from '../progress/describe-event';
import { summaryLine } from '../progress/run-summary';
import { terminalStyle, wantsColour } from '../progress/terminal-style';
import { RUN_LIMIT_OPTIONS, runLimits } from '../run-limit-options';

const HELP = `Usage: aime run [options] <goal...>

Runs the AIME loop on one goal: the dynamic planner builds a checklist, actors work through it
with the workspace tools, and the JSON report is printed to stdout when the planner declares the
goal done (or a limit, an error or Ctrl-C stops the run). In a terminal, live progress (plan,
task start and end, tool calls, a closing summary) goes to stderr; stdout stays the report.

Options:
  --events               stream every run event as a JSON line to stdout; the report is the last line
  --progress             print the progress to stderr even when it is not a terminal
  --quiet                no progress on stderr, even in a terminal
  --approve-all          approve every tool call that needs approval (AIME_APPROVAL=risky|all);
                         without it a terminal asks y/n, and without a terminal such calls are denied
  --workspace <dir>      directory the file tools may touch (default: AIME_WORKSPACE, else the
                         directory you ran the command in)
  --max-iterations <n>   planner iterations that run tasks (1-100, default 20)
  --max-parallel <n>     actors running at the same time (1-16, default 3)
  --config <dir>         config directory (default: <repo>/config)
  -h, --help             show this help

Exit codes: 0 completed, 1 failed or limit reached, 130 cancelled (Ctrl-C).

Examples:
  pnpm aime run "Summarise the repository layout and propose next steps"
  pnpm aime run --workspace /tmp/demo "Read README.md and write a summary to notes/summary.md"
  pnpm aime run --events "List the docs folder" | jq -c 'select(.type=="task-end")'`;

export const runCommand: CliCommand = {
  summary: 'run the AIME loop on a goal and print the JSON report',
  help: HELP,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs('run', argv, {
      events: { type: 'boolean' },
      progress: { type: 'boolean' },
      quiet: { type: 'boolean' },
      'approve-all': { type: 'boolean' },
      workspace: { type: 'string' },
      ...RUN_LIMIT_OPTIONS,
    });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    const goal = positionals.join(' ').trim();
    if (!goal)
      throw new UsageError('run needs a goal, e.g. aime run "Summarise the repository layout" (see: aime run --help)');
    const limits = runLimits(values);
    const runtime = await createCommandRuntime(context, values.workspace);
    const stderr = context.stderr as NodeJS.WritableStream & { isTTY?: boolean };
    const showProgress = !values.quiet && (values.progress === true || stderr.isTTY === true);
    const style = terminalStyle(wantsColour(stderr, context.env));
    const startedAt = Date.now();
    const onEvent = (event: RunEvent) => {
      if (values.events) context.stdout.write(`${JSON.stringify(event)}\n`);
      const line = showProgress ? describeEvent(event, style) : undefined;
      if (line) stderr.write(`${line}\n`);
    };
    const report = await runtime.workflow
      .run(goal, {
        signal: context.signal,
        ...limits,
        ...(values.events || showProgress ? { onEvent } : {}),
        ...approvalGate(values['approve-all'] === true, context),
      })
      .finally(() => runtime.close());
    if (showProgress) stderr.write(`${summaryLine(report, Date.now() - startedAt, style)}\n`);
    context.stdout.write(values.events ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
    return exitCodeFor(report);
  },
};

/** `--approve-all` approves every request; a terminal asks y/n; otherwise calls that need approval are denied. */
function approvalGate(approveAll: boolean, context: CliContext): { approvals?: ApprovalGate } {
  if (approveAll) return { approvals: approveAllGate };
  if (context.stdin.isTTY === true) return { approvals: createTerminalApprovalGate(context.stdin, context.stderr) };
  return {};
}

export function exitCodeFor(report: WorkflowReport): number {
  if (report.status === 'completed') return 0;
  if (report.status === 'cancelled') return 130;
  return 1;
}
