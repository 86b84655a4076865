/**
 * Python's `str.title()`: the first cased letter of every run of letters upper-cased, the others
 * lower-cased (`"28day users"` -> `"28Day Users"`). Used for Jetstream's default friendly names,
 * `name.replace("_", " ").title()`.
 */
const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;

export function pythonTitle(text: string): string {
  let out = '';
  let previousCased = false;
  for (const char of text) {
    const cased = CASED.test(char);
    out += cased ? (previousCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousCased = cased;
  }
  return out;
}

/** Jetstream's default friendly name of a metric or segment. */
export function defaultFriendlyName(name: string): string {
  return pythonTitle(name.replaceAll('_', ' '));
}
