import type { Violation } from './manifest-rules';

interface Stage {
  readonly from: string;
  readonly name?: string;
  readonly lines: readonly string[];
}

/** Joins continuation lines and drops comments, as Docker reads the file. */
export function dockerInstructions(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

function stagesOf(instructions: readonly string[]): Stage[] {
  const stages: { from: string; name?: string; lines: string[] }[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1], name: from[2], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** The value of a global `ARG NAME=value` (before the first FROM). */
function globalArg(instructions: readonly string[], name: string): string | undefined {
  const firstFrom = instructions.findIndex((line) => /^FROM\s/i.test(line));
  const globals = firstFrom < 0 ? instructions : instructions.slice(0, firstFrom);
  return globals.map((line) => new RegExp(`^ARG\\s+${name}=(\\S+)`, 'i').exec(line)?.[1]).find(Boolean);
}

/**
 * The rules of issue 7 for the one Dockerfile: multi-stage, Node 24 pinned, Nx build of `$APP`,
 * production dependencies only, non-root, tini as PID 1, a health check.
 */
export function dockerfileViolations(text: string): Violation[] {
  const instructions = dockerInstructions(text);
  const stages = stagesOf(instructions);
  const problems: Violation[] = [];
  if (stages.length < 2) problems.push('needs a multi-stage build');
  for (const stage of stages) {
    const image = stage.from.replace(
      /^\$\{(\w+)\}$/,
      (_, name: string) => globalArg(instructions, name) ?? stage.from,
    );
    if (stages.some((other) => other.name === image)) continue;
    const tag = /:([^/:@]+)$/.exec(image)?.[1];
    if (!tag || tag === 'latest') problems.push(`FROM ${image}: pin the base image by tag`);
    else if (image.startsWith('node:') && !/^24\.\d+\.\d+-/.test(tag))
      problems.push(`FROM ${image}: needs a Node 24 LTS tag`);
  }
  const runtime = stages.at(-1);
  const all = instructions.join('\n');
  if (!/^ARG\s+APP\b/im.test(all)) problems.push('needs ARG APP');
  if (!/nx build "?\$\{?APP\}?"?/.test(all)) problems.push('needs an Nx build of $APP');
  if (!/npm (ci|install)[^\n]*--omit=dev/.test(all))
    problems.push('needs production dependencies only (--omit=dev)');
  if (runtime) {
    const body = runtime.lines.join('\n');
    const user = [...runtime.lines]
      .reverse()
      .map((line) => /^USER\s+(\S+)/i.exec(line)?.[1])
      .find(Boolean);
    if (!user || /^(root|0)(:|$)/.test(user)) problems.push('the runtime stage needs a non-root USER');
    if (!/^ENTRYPOINT\s+\[\s*"[^"]*tini"/im.test(body))
      problems.push('the runtime stage needs tini as PID 1 (ENTRYPOINT)');
    if (!/^HEALTHCHECK\s+.*\/health\/live/im.test(body))
      problems.push('the runtime stage needs a HEALTHCHECK on /health/live');
    if (!/COPY\s+--from=\S+.*dist\/apps\/\$\{?APP\}?/i.test(body))
      problems.push('the runtime stage needs the Nx build output of $APP');
    if (/npm (ci|install)(?![^\n]*--omit=dev)/.test(body))
      problems.push('the runtime stage must not install dev dependencies');
  }
  if (/^ADD\s+https?:/im.test(all)) problems.push('no ADD from URLs');
  for (const line of instructions.filter((l) => /apt-get install/.test(l)))
    if (!/rm -rf \/var\/lib\/apt\/lists/.test(line))
      problems.push('apt-get install must clean /var/lib/apt/lists in the same RUN');
  return problems;
}

/** What must never enter the build context. */
export function dockerignoreViolations(text: string): Violation[] {
  const entries = new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
  return ['**/node_modules', 'dist', '.git', '.env']
    .filter((entry) => !entries.has(entry))
    .map((entry) => `.dockerignore: needs ${entry}`);
}
