import { describeSettings } from '@ilinks/platform/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ILINKS_APPS } from './ilinks-apps';
import { REPO_ROOT } from './render-manifests';

const operations = readFileSync(join(REPO_ROOT, 'docs', 'operations.md'), 'utf8');
const settings = describeSettings(...ILINKS_APPS.flatMap((app) => Object.values(app.settings)));

describe('docs/operations.md', () => {
  it.each(settings.map((setting) => [setting.env, setting]))(
    'documents %s with its default',
    (env, setting) => {
      const row = operations.split('\n').find((line) => new RegExp(`^\\|\\s*\`${env}\`\\s*\\|`).test(line));
      expect(row).toBeDefined();
      if (setting.default) expect(row).toContain(`\`${setting.default}\``);
    },
  );
});
