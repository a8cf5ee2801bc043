/**
 * The HTTP benchmark in a process of its own (`httpTableInChild`): the load generator then starts with
 * a small, fresh heap, like autocannon run from a shell, instead of carrying what the earlier tables
 * left in the orchestrator. Prints the result as one JSON line.
 */
import { httpTable } from './http';

const result = await httpTable(JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof httpTable>[0]);
process.stdout.write(`${JSON.stringify(result)}\n`);
