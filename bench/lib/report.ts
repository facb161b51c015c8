import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport, BenchTable } from './types';

function escapeCell(cell: string): string {
  return cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function renderTable(table: BenchTable): string {
  const header = `| ${table.columns.map(escapeCell).join(' | ')} |`;
  const divider = `| ${table.columns.map(() => '---').join(' | ')} |`;
  const rows = table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`);
  return [`### ${table.title}`, '', header, divider, ...rows].join('\n');
}

export function renderReport(report: BenchReport): string {
  const parameters = Object.entries(report.parameters)
    .map(([key, value]) => `- ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
  const notes = report.notes?.length ? `\n\n${report.notes.map((note) => `- ${note}`).join('\n')}` : '';
  return `## ${report.name}\n\n${report.description}\n\n${parameters}\n\n${report.tables.map(renderTable).join('\n\n')}${notes}\n`;
}

/** Writes `<directory>/<name>.json` and `<directory>/<name>.md`; returns their paths. */
export function writeReport(report: BenchReport, directory: string, suffix = ''): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const json = join(directory, `${report.name}${suffix}.json`);
  const markdown = join(directory, `${report.name}${suffix}.md`);
  writeFileSync(json, `${JSON.stringify({ ...report, generatedAt: new Date().toISOString() }, null, 2)}\n`);
  writeFileSync(markdown, renderReport(report));
  return { json, markdown };
}
