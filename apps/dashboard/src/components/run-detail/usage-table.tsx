import { formatCompactCount, formatCount, formatModelTime } from '../../format/format-time';
import type { RoleUsage } from '../../state/run-state';

interface UsageRow {
  role: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  calls?: number;
  ms?: number;
}

export function usageRows(
  live: Record<string, RoleUsage>,
  reported?: Record<string, Omit<UsageRow, 'role'>>,
): UsageRow[] {
  const source = reported && Object.keys(reported).length > 0 ? reported : live;
  return Object.entries(source)
    .map(([role, usage]) => ({ role, ...live[role], ...usage }))
    .sort((left, right) => right.totalTokens - left.totalTokens);
}

/** A token count, compact when large; the exact number is in the tooltip. */
function TokenCell({ value }: { value: number }) {
  return (
    <td className="numeric" title={formatCount(value)}>
      {formatCompactCount(value)}
    </td>
  );
}

/** Token usage per model role (planner, actor, reflection…), with a total row. */
export function UsageTable({ rows }: { rows: UsageRow[] }) {
  if (rows.length === 0) return <p className="empty-note">No model calls yet.</p>;
  const total = rows.reduce(
    (sum, row) => ({
      promptTokens: sum.promptTokens + row.promptTokens,
      completionTokens: sum.completionTokens + row.completionTokens,
      totalTokens: sum.totalTokens + row.totalTokens,
    }),
    { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
  );
  const hasCalls = rows.some((row) => row.calls !== undefined);
  const hasTime = rows.some((row) => row.ms !== undefined);
  const totalCalls = rows.reduce((sum, row) => sum + (row.calls ?? 0), 0);
  const totalTime = rows.reduce((sum, row) => sum + (row.ms ?? 0), 0);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a horizontally scrolling region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label="Token usage by role">
      <table className="data-table usage-table">
        <caption className="sr-only">Token usage by role</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col" className="numeric">
              Calls
            </th>
            <th scope="col" className="numeric">
              Prompt
            </th>
            <th scope="col" className="numeric">
              Completion
            </th>
            <th scope="col" className="numeric">
              Total
            </th>
            <th scope="col" className="numeric">
              <span className="sr-only">Model </span>Time
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.role}>
              <th scope="row">{row.role}</th>
              <td className="numeric">{row.calls ?? '—'}</td>
              <TokenCell value={row.promptTokens} />
              <TokenCell value={row.completionTokens} />
              <TokenCell value={row.totalTokens} />
              <td className="numeric">{row.ms === undefined ? '—' : formatModelTime(row.ms)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">total</th>
            <td className="numeric">{hasCalls ? totalCalls : ''}</td>
            <TokenCell value={total.promptTokens} />
            <TokenCell value={total.completionTokens} />
            <TokenCell value={total.totalTokens} />
            <td className="numeric">{hasTime ? formatModelTime(totalTime) : ''}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
