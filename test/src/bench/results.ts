// BENCHMARKS.md holds one section per benchmark, each with its own table: rows go after the last
// row of their section's table (appending at the end of the file would land in another table).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RESULTS = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));

/** `heading` is the section's `## …` line; `intro` (method text and table header) is written once. */
export function recordInSection(heading: string, intro: string[], rows: string[]): void {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmarks\n';
  const lines = text.replace(/\n+$/, '').split('\n');
  const at = lines.indexOf(heading);
  if (at >= 0) {
    let end = at + 1;
    while (end < lines.length && !lines[end]!.startsWith('|') && !lines[end]!.startsWith('## ')) end++;
    while (end < lines.length && lines[end]!.startsWith('|')) end++;
    lines.splice(end, 0, ...rows);
  } else {
    lines.push('', heading, '', ...intro, ...rows);
  }
  writeFileSync(RESULTS, lines.join('\n') + '\n');
}
