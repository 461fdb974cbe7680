/**
 * Splits a registry key into its scope and its name, as MMEngine does: the scope is the part
 * before the first dot.
 *
 * @example
 * splitScopeKey('mmpt.ResNet'); // { scope: 'mmpt', name: 'ResNet' }
 * splitScopeKey('ResNet'); // { scope: undefined, name: 'ResNet' }
 */
export function splitScopeKey(key: string): { scope: string | undefined; name: string } {
  const dot = key.indexOf('.');
  if (dot === -1) return { scope: undefined, name: key };
  return { scope: key.slice(0, dot), name: key.slice(dot + 1) };
}
