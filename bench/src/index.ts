/** `pnpm bench`: prints every table; `pnpm bench --write` also updates BENCHMARKS.md at the root. */
import { pipelineTable, webCryptoTable } from './pipeline';

const started = Date.now();
const sections: string[] = [];
const print = (title: string, body: string): void => {
  const section = `## ${title}\n\n${body}\n`;
  sections.push(section);
  process.stdout.write(`\n${section}`);
};

const pipeline = await pipelineTable();
print('1. Core pipeline vs the floor vs whatsapp-api-js', pipeline.markdown);
print('2. Web Crypto build vs Node build', await webCryptoTable());
process.stdout.write(`\nratios: ${JSON.stringify(pipeline.ratios, null, 1)}\n`);
process.stdout.write(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
