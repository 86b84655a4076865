import { generateExperiment } from './src/fixtures/generate-experiment.js';
const t0 = Date.now();
const paths = await generateExperiment({ clients: Number(process.argv[2]), out: process.argv[3], format: process.argv[4] as 'parquet' });
console.log(paths, Date.now() - t0, 'ms');
