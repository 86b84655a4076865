/**
 * `contrail demo` (what `npm start` runs): analyses week 1 of the bundled fixture experiment with the
 * default firefox_desktop config layered under the experiment's own config, writing to ./out.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoAnalysis } from '../fixtures/demo-analysis.js';
import { LocalTarget } from '../sinks/local-target.js';
import { runAnalysis } from '../engine/run-analysis.js';
import { writeReport } from '../report/write-report.js';
import { createProgress } from './progress.js';
import { formatSummary } from './format-summary.js';
import { bootstrapMethodOption, exitCode, integerOption } from './analyze-command.js';

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string', default: 'out' },
      threads: { type: 'string' },
      seed: { type: 'string', default: '0' },
      'bootstrap-method': { type: 'string' },
    },
    strict: true,
  });
  const { experiment, ...demo } = demoAnalysis();
  const started = performance.now();
  const progress = createProgress(process.stderr);
  process.stdout.write(`contrail demo: analysing ${demo.input} (week 1) into ${values.out}/\n`);
  const result = await runAnalysis({
    ...demo,
    target: new LocalTarget(values.out),
    seed: integerOption('seed', values.seed, 0),
    threads: values.threads === undefined ? undefined : integerOption('threads', values.threads, 1),
    bootstrapMethod: bootstrapMethodOption(values['bootstrap-method']),
    onProgress: progress.update,
  });
  progress.done();
  const report = await writeReport({ results: values.out, out: join(values.out, 'report.html'), experiment });
  process.stdout.write(formatSummary(result, { out: values.out, seconds: (performance.now() - started) / 1000 }));
  process.stdout.write(`  report      ${report.out} (open it in a browser)\n`);
  return exitCode(result);
}
