/*
 * Writes a synthetic Merseyside population with ground truth, for measuring identity matching:
 *
 *   node -r ./libs/shared/testing/src/lib/swc-register.js tools/identity-data/cli.ts \
 *     --persons 10000 --seed 42 --out /tmp/population.json
 */
import { writeFileSync } from 'node:fs';
import { parseCliArguments } from './cli-arguments';
import { generatePopulation } from './generate-population';
import { summarisePopulation } from './population-summary';

function main(): void {
  const { options, seed, out } = parseCliArguments(process.argv.slice(2));
  const population = generatePopulation(options, seed);
  writeFileSync(out, JSON.stringify({ seed, options, ...population }));
  console.log(JSON.stringify({ out, ...summarisePopulation(population) }, null, 2));
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
