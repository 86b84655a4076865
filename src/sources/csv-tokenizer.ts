/**
 * A streaming RFC 4180 tokenizer: text goes in chunk by chunk, fields and record ends come out as
 * callbacks, so no per-row array or object is ever built.
 *
 * Quoted fields may hold commas, newlines and `""` escapes; records end with LF or CRLF; a UTF-8
 * byte-order mark at the start is dropped; blank lines are skipped. Reference: RFC 4180, section 2.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;

/** Receives the tokens of a CSV text in order. */
export interface CsvSink {
  /** Field `index` (0-based) of the current record; `quoted` when it was written in quotes. */
  field(index: number, value: string, quoted: boolean): void;
  /** The current record ended after `fieldCount` fields; `line` is the 1-based line it started on. */
  record(fieldCount: number, line: number): void;
}

/** Splits CSV text into fields and records, keeping its state across `push` calls. */
export class CsvTokenizer {
  private readonly sink: CsvSink;
  private field = '';
  private fieldIndex = 0;
  private quoted = false;
  private inQuotes = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  private started = false;

  constructor(sink: CsvSink) {
    this.sink = sink;
  }

  /** Feeds the next chunk of text (chunks may split fields, quotes and CRLF pairs anywhere). */
  push(text: string): void {
    let chunk = text;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.field += chunk.slice(start, i);
          start = i + 1;
          this.inQuotes = false;
          this.afterQuote = true;
        } else if (c === LF) {
          this.line++;
        }
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (c === QUOTE) {
          // `""` inside a quoted field: one literal quote, and the field goes on quoted.
          this.field += '"';
          this.inQuotes = true;
          start = i + 1;
          continue;
        }
      }
      if (c === QUOTE && i === start && this.field === '' && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
        start = i + 1;
      } else if (c === COMMA) {
        this.field += chunk.slice(start, i);
        this.emitField();
        start = i + 1;
      } else if (c === LF) {
        this.field += chunk.slice(start, i);
        if (this.field.endsWith('\r')) this.field = this.field.slice(0, -1);
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        start = i + 1;
      }
    }
    this.field += chunk.slice(start);
  }

  /** Ends the text: emits a last record without a trailing newline; rejects an unclosed quote. */
  end(): void {
    if (this.inQuotes) {
      throw new Error(`unterminated quoted field starting on line ${this.recordLine}`);
    }
    if (this.field.endsWith('\r')) this.field = this.field.slice(0, -1);
    this.endRecord();
  }

  private emitField(): void {
    this.sink.field(this.fieldIndex, this.field, this.quoted);
    this.fieldIndex++;
    this.field = '';
    this.quoted = false;
    this.afterQuote = false;
  }

  private endRecord(): void {
    if (this.fieldIndex === 0 && this.field === '' && !this.quoted) {
      this.afterQuote = false;
      return; // a blank line
    }
    this.emitField();
    const count = this.fieldIndex;
    this.fieldIndex = 0;
    this.sink.record(count, this.recordLine);
  }
}
