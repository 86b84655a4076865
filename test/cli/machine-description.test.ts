import { describe, expect, it } from 'vitest';
import { cpuDetails, describeMachine } from '../../src/cli/machine-description.js';

// /proc/cpuinfo of this project's machine kind as read on 2026-12-07 (afternoon), flags shortened;
// the second processor's block must not be read
const FAMILY_23 = [
  'processor\t: 0',
  'vendor_id\t: AuthenticAMD',
  'cpu family\t: 23',
  'model\t\t: 1',
  'model name\t: AMD EPYC',
  'cpu MHz\t\t: 1996.250',
  'flags\t\t: fpu sse sse2 fma sse4_1 sse4_2 avx bmi1 avx2 bmi2 adx sha_ni',
  '',
  'processor\t: 1',
  'cpu family\t: 25',
  'model\t\t: 17',
  'flags\t\t: avx2 avx512f',
  '',
].join('\n');

describe('machine description', () => {
  it('names the x86 family, model and the vector extensions the bootstrap kernels choose between', () => {
    expect(cpuDetails(FAMILY_23)).toBe('x86 family 23 model 1; AVX2, no AVX-512F');
    // the morning's machine of the same kind (bench/RESULTS.md "Machine and build": family 26, model 2, AVX-512)
    expect(cpuDetails('cpu family\t: 26\nmodel\t\t: 2\nflags\t\t: sse2 avx2 avx512f avx512bw\n')).toBe('x86 family 26 model 2; AVX-512F');
    expect(cpuDetails('cpu family\t: 6\nmodel\t\t: 15\nflags\t\t: sse2 ssse3\n')).toBe('x86 family 6 model 15; neither AVX2 nor AVX-512F');
  });

  it('gives nothing for text without the x86 fields (an Arm /proc/cpuinfo)', () => {
    expect(cpuDetails('processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\n')).toBe('');
  });

  it('ends with the core count and Node version of the running process', () => {
    expect(describeMachine()).toMatch(new RegExp(`, \\d+ cores, Node ${process.version.replaceAll('.', '\\.')}$`));
  });
});
