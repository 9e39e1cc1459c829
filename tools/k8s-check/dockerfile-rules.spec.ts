import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfileViolations, dockerignoreViolations, dockerInstructions } from './dockerfile-rules';
import { REPO_ROOT } from './render-manifests';

const dockerfile = readFileSync(join(REPO_ROOT, 'docker', 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8');
const broken = (from: RegExp | string, to: string): string[] => {
  const changed = dockerfile.replace(from, to);
  expect(changed).not.toBe(dockerfile);
  return dockerfileViolations(changed);
};

describe('docker/Dockerfile', () => {
  it('follows every rule', () => {
    expect(dockerfileViolations(dockerfile)).toEqual([]);
  });

  it('fails with a latest base image', () => {
    expect(broken(/node:24[^\s]+/, 'node:latest')).toContainEqual(
      expect.stringContaining('pin the base image'),
    );
  });

  it('fails with a Node version other than 24', () => {
    expect(broken(/node:24\.\d+\.\d+/, 'node:22.11.0')).toContainEqual(expect.stringContaining('Node 24'));
  });

  it('fails when the runtime stage runs as root', () => {
    expect(broken(/USER 1000:1000/, 'USER root')).toContainEqual(expect.stringContaining('non-root USER'));
  });

  it('fails without tini as PID 1', () => {
    expect(broken(/ENTRYPOINT \["\/usr\/bin\/tini", "--", /, 'ENTRYPOINT [')).toContainEqual(
      expect.stringContaining('tini'),
    );
  });

  it('fails without a health check', () => {
    expect(broken(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, '')).toContainEqual(
      expect.stringContaining('HEALTHCHECK'),
    );
  });

  it('fails when dev dependencies reach the image', () => {
    expect(broken(/ --omit=dev/, '')).toContainEqual(expect.stringContaining('production dependencies only'));
  });

  it('fails without the Nx build of $APP', () => {
    expect(broken(/npx nx build "\$APP"/, 'npx tsc')).toContainEqual(expect.stringContaining('Nx build'));
  });

  it('fails as a single stage', () => {
    expect(dockerfileViolations('ARG APP\nFROM node:24.11.1-bookworm-slim\nUSER node\n')).toContainEqual(
      'needs a multi-stage build',
    );
  });

  it('joins continuation lines and drops comments', () => {
    expect(dockerInstructions('# c\nRUN a \\\n  b\n')).toEqual(['RUN a    b']);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, git and env files out of the context', () => {
    expect(dockerignoreViolations(dockerignore)).toEqual([]);
  });

  it('fails when node_modules would be sent', () => {
    expect(dockerignoreViolations(dockerignore.replace('**/node_modules\n', ''))).toEqual([
      '.dockerignore: needs **/node_modules',
    ]);
  });
});
