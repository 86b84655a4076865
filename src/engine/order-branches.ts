/**
 * The order branches are written in: the experiment's own order when it lists its branches (then
 * any others found in the data), otherwise the reference branch first and the rest by name. Never
 * the order rows happened to arrive in, which would change with batch size.
 */
export function orderBranches(
  found: readonly string[],
  configured?: readonly string[],
  reference?: string,
): string[] {
  const rest = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (configured !== undefined && configured.length > 0) {
    return [...configured, ...rest.filter((b) => !configured.includes(b))];
  }
  const first = reference ?? 'control';
  return rest.includes(first) ? [first, ...rest.filter((b) => b !== first)] : rest;
}
