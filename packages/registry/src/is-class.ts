/** Whether a function is an ES class (called with `new`) rather than a plain factory function. */
export function isClass(value: unknown): value is abstract new (...args: never[]) => unknown {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}
