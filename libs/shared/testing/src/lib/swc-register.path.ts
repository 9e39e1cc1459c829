import { join } from 'node:path';

/**
 * Absolute path of a `require` hook that lets a child `node` process run the repo's TypeScript
 * (and resolve `@ilinks/*`): `spawn(process.execPath, ['-r', swcRegisterPath, 'child.ts'])`.
 * For crash tests that must kill a real process, and for benchmarks.
 */
export const swcRegisterPath: string = join(__dirname, 'swc-register.js');
