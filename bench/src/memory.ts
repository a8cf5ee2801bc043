/** Table 4: memory, measured in a separate process. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fmt, table } from './harness';

interface MemoryFigures {
  bodyMB: number;
  batches: number;
  eventsDelivered: number;
  heapBeforeMB: number;
  peakHeapGrowthMB: number;
  liveGrowthMB: number;
  peakRssGrowthMB: number;
  heapAfterGcGrowthMB: number;
  smallPosts: number;
  heapAtMB: number[];
}

export async function memoryTable(): Promise<{ markdown: string; figures: MemoryFigures }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--conditions=@wa-webhooks/source',
      '--import',
      'tsx',
      '--expose-gc',
      join(import.meta.dirname, 'memory-child.ts'),
    ],
    { cwd: join(import.meta.dirname, '..'), maxBuffer: 1 << 20 },
  );
  const figures = JSON.parse(stdout.trim().split('\n').pop()!) as MemoryFigures;
  const rows = [
    [
      '3 MB batches',
      `${figures.batches} POSTs of ${fmt(figures.bodyMB, 2)} MB (${figures.eventsDelivered.toLocaleString('en-US')} events)`,
    ],
    [
      'live memory at the peak (heap + buffers, full GC inside the last handler)',
      `${fmt(figures.liveGrowthMB, 1)} MB (${fmt(figures.liveGrowthMB / figures.bodyMB, 2)}× the body)`,
    ],
    [
      'peak RSS growth',
      `${fmt(figures.peakRssGrowthMB, 1)} MB (${fmt(figures.peakRssGrowthMB / figures.bodyMB, 2)}× the body)`,
    ],
    [
      'peak heap growth (incl. garbage not yet collected)',
      `${fmt(figures.peakHeapGrowthMB, 1)} MB (${fmt(figures.peakHeapGrowthMB / figures.bodyMB, 2)}× the body)`,
    ],
    ['heap growth after GC', `${fmt(figures.heapAfterGcGrowthMB, 2)} MB`],
    [
      `${figures.smallPosts.toLocaleString('en-US')} small POSTs, new ids`,
      `heap after GC every 25 000: ${figures.heapAtMB.map((value) => fmt(value, 1)).join(' → ')} MB (the default dedupe store, bounded at 100 000 ids)`,
    ],
  ];
  return { markdown: table(['measure', 'value'], rows), figures };
}
