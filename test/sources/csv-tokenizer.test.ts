import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../src/sources/csv-tokenizer.js';

/** Tokens as strings: `field@index[q]` and `end:count@line`. */
function tokens(chunks: readonly string[]): string[] {
  const out: string[] = [];
  const tokenizer = new CsvTokenizer({
    field: (index, value, quoted) => out.push(`${JSON.stringify(value)}@${index}${quoted ? 'q' : ''}`),
    record: (count, line) => out.push(`end:${count}@${line}`),
  });
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  return out;
}

const TEXT = '\ufeffa,b,c\r\n1,"x, ""y""",\r\n\r\n"multi\nline",,"z"\n"",2,3';

describe('CsvTokenizer', () => {
  it('splits fields and records as RFC 4180 says', () => {
    expect(tokens([TEXT])).toEqual([
      '"a"@0', '"b"@1', '"c"@2', 'end:3@1',
      '"1"@0', '"x, \\"y\\""@1q', '""@2', 'end:3@2',
      // line 3 is blank and skipped; the quoted newline makes the next record span lines 4-5
      '"multi\\nline"@0q', '""@1', '"z"@2q', 'end:3@4',
      '""@0q', '"2"@1', '"3"@2', 'end:3@6',
    ]);
  });

  it('gives the same tokens however the text is cut into chunks', () => {
    const whole = tokens([TEXT]);
    for (let cut = 0; cut <= TEXT.length; cut++) {
      expect(tokens([TEXT.slice(0, cut), TEXT.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(tokens([...TEXT])).toEqual(whole);
  });

  it('rejects an unterminated quote, naming the line it started on', () => {
    expect(() => tokens(['a\n"open\nstill'])).toThrow('unterminated quoted field starting on line 2');
  });
});
