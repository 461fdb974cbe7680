/**
 * The part of vitest's API that the WebGPU tests and the conformance suite use, for running them
 * as one bundled Node script on a machine that has a GPU but no node_modules (see
 * scripts/device/README.md). The bundler aliases `vitest` to this file. Tests register on import
 * as under vitest; {@link runRegistered} then runs them in order and reports.
 */
import { isDeepStrictEqual } from 'node:util';

type Body = () => unknown;

interface TestCase {
  kind: 'test';
  title: string;
  body: Body | undefined;
}

interface Suite {
  kind: 'suite';
  title: string;
  skipped: boolean;
  children: Array<Suite | TestCase>;
  beforeAll: Body[];
  afterAll: Body[];
  beforeEach: Body[];
  afterEach: Body[];
}

const newSuite = (title: string, skipped = false): Suite => ({ kind: 'suite', title, skipped, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] });
const root = newSuite('');
let current = root;

function defineSuite(title: string, body: Body, skipped: boolean): void {
  const suite = newSuite(title, skipped);
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    const result = body();
    if (result instanceof Promise) throw new Error(`describe("${title}") returned a promise; suites must register synchronously`);
  } finally {
    current = parent;
  }
}

const defineTest = (title: string, body: Body | undefined) => current.children.push({ kind: 'test', title, body });

export const describe = Object.assign((title: string, body: Body) => defineSuite(title, body, false), {
  skip: (title: string, body: Body) => defineSuite(title, body, true),
  skipIf: (condition: unknown) => (title: string, body: Body) => defineSuite(title, body, Boolean(condition)),
});

export const it = Object.assign((title: string, body: Body) => defineTest(title, body), {
  skip: (title: string, _body?: Body) => defineTest(title, undefined),
  skipIf: (condition: unknown) => (title: string, body: Body) => defineTest(title, condition ? undefined : body),
});
export const test = it;

export const beforeAll = (body: Body) => void current.beforeAll.push(body);
export const afterAll = (body: Body) => void current.afterAll.push(body);
export const beforeEach = (body: Body) => void current.beforeEach.push(body);
export const afterEach = (body: Body) => void current.afterEach.push(body);

/** `expect.arrayContaining(list)`: an array holding every item of `list`. */
class ArrayContaining {
  constructor(readonly items: readonly unknown[]) {}
  matches(actual: unknown): boolean {
    return Array.isArray(actual) && this.items.every((item) => actual.some((candidate) => equals(candidate, item)));
  }
}

/** vitest's `toMatchObject`: every key of `expected` matches (recursively), other keys of `actual` are ignored. */
function matchesObject(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === 'object' && !Array.isArray(expected) && !ArrayBuffer.isView(expected)) {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([key, value]) => matchesObject((actual as Record<string, unknown>)[key], value));
  }
  return equals(actual, expected);
}

/** vitest's `toEqual`: recursive equality, Object.is on numbers, asymmetric matchers honoured. */
function equals(actual: unknown, expected: unknown): boolean {
  if (expected instanceof ArrayContaining) return expected.matches(actual);
  if (typeof expected === 'number' || typeof actual === 'number') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => equals(actual[index], item));
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !ArrayBuffer.isView(expected)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)].filter((key) => (expected as Record<string, unknown>)[key] !== undefined || (actual as Record<string, unknown>)[key] !== undefined));
    return [...keys].every((key) => equals((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]));
  }
  return isDeepStrictEqual(actual, expected);
}

function show(value: unknown): string {
  try {
    const text = typeof value === 'string' ? JSON.stringify(value) : ArrayBuffer.isView(value) ? `[${Array.from(value as unknown as ArrayLike<number>).join(', ')}]` : JSON.stringify(value);
    return (text ?? String(value)).slice(0, 300);
  } catch {
    return String(value);
  }
}

function matchesError(error: unknown, expected: unknown): boolean {
  if (expected === undefined) return true;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof expected === 'string') return message.includes(expected);
  if (expected instanceof RegExp) return expected.test(message);
  if (typeof expected === 'function') return error instanceof expected;
  return false;
}

type Matchers = Record<string, (...args: never[]) => unknown>;

function matchers(actual: unknown, negated: boolean, label: string | undefined): Matchers {
  const check = (pass: boolean, description: string) => {
    if (pass === negated) throw new Error(`${label ? `${label}: ` : ''}expected ${show(actual)} ${negated ? 'not ' : ''}${description}`);
  };
  const throwsWith = (expected: unknown) => {
    let thrown: unknown;
    let threw = false;
    try {
      (actual as () => unknown)();
    } catch (error) {
      threw = true;
      thrown = error;
    }
    if (negated) {
      if (threw) throw new Error(`${label ? `${label}: ` : ''}expected no throw, got ${thrown instanceof Error ? thrown.message : String(thrown)}`);
      return;
    }
    if (!threw) throw new Error(`${label ? `${label}: ` : ''}expected a throw matching ${String(expected)}, nothing was thrown`);
    if (!matchesError(thrown, expected)) throw new Error(`${label ? `${label}: ` : ''}expected a throw matching ${String(expected)}, got ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  };
  return {
    toBe: (expected: unknown) => check(Object.is(actual, expected), `to be ${show(expected)}`),
    toEqual: (expected: unknown) => check(equals(actual, expected), `to equal ${show(expected)}`),
    toMatchObject: (expected: unknown) => check(matchesObject(actual, expected), `to match ${show(expected)}`),
    toStrictEqual: (expected: unknown) => check(isDeepStrictEqual(actual, expected), `to strictly equal ${show(expected)}`),
    toBeCloseTo: (expected: number, digits = 2) => check(Math.abs((actual as number) - expected) < 10 ** -digits / 2, `to be close to ${expected} (${digits} digits)`),
    toBeLessThan: (expected: number) => check((actual as number) < expected, `to be less than ${expected}`),
    toBeLessThanOrEqual: (expected: number) => check((actual as number) <= expected, `to be at most ${expected}`),
    toBeGreaterThan: (expected: number) => check((actual as number) > expected, `to be greater than ${expected}`),
    toBeGreaterThanOrEqual: (expected: number) => check((actual as number) >= expected, `to be at least ${expected}`),
    toBeNull: () => check(actual === null, 'to be null'),
    toBeUndefined: () => check(actual === undefined, 'to be undefined'),
    toBeDefined: () => check(actual !== undefined, 'to be defined'),
    toBeNaN: () => check(Number.isNaN(actual), 'to be NaN'),
    toBeTruthy: () => check(Boolean(actual), 'to be truthy'),
    toBeFalsy: () => check(!actual, 'to be falsy'),
    toBeInstanceOf: (expected: new (...args: never[]) => unknown) => check(actual instanceof expected, `to be an instance of ${expected.name}`),
    toHaveLength: (expected: number) => check((actual as { length: number }).length === expected, `to have length ${expected}`),
    toContain: (expected: unknown) => check((actual as { includes(item: unknown): boolean }).includes(expected), `to contain ${show(expected)}`),
    toMatch: (expected: RegExp | string) => check(typeof expected === 'string' ? String(actual).includes(expected) : expected.test(String(actual)), `to match ${String(expected)}`),
    toThrow: throwsWith,
    toThrowError: throwsWith,
  };
}

function rejections(actual: unknown, label: string | undefined): Matchers {
  const settle = async (): Promise<unknown> => {
    try {
      await actual;
    } catch (error) {
      return error;
    }
    throw new Error(`${label ? `${label}: ` : ''}expected the promise to reject, it resolved`);
  };
  return {
    toThrow: async (expected?: unknown) => {
      const error = await settle();
      if (!matchesError(error, expected)) throw new Error(`${label ? `${label}: ` : ''}expected a rejection matching ${String(expected)}, got ${error instanceof Error ? error.message : String(error)}`);
    },
    toBeInstanceOf: async (expected: new (...args: never[]) => unknown) => {
      const error = await settle();
      if (!(error instanceof expected)) throw new Error(`${label ? `${label}: ` : ''}expected a rejection of ${expected.name}`);
    },
  };
}

/** vitest's `expect(value, label?)` with the matchers the bundled tests use. */
export const expect = Object.assign(
  (actual: unknown, label?: string) => ({
    ...matchers(actual, false, label),
    not: matchers(actual, true, label),
    rejects: rejections(actual, label),
  }),
  {
    arrayContaining: (items: readonly unknown[]) => new ArrayContaining(items) as unknown as unknown[],
    fail: (message: string): never => {
      throw new Error(message);
    },
  },
);

/** The outcome of {@link runRegistered}. */
export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}

function countTests(suite: Suite): number {
  return suite.children.reduce((sum, child) => sum + (child.kind === 'test' ? 1 : countTests(child)), 0);
}

async function runSuite(suite: Suite, path: string[], inherited: { beforeEach: Body[]; afterEach: Body[] }, summary: RunSummary, onResult: (title: string, error: unknown) => void): Promise<void> {
  const titles = suite.title ? [...path, suite.title] : path;
  if (suite.skipped) {
    summary.skipped += countTests(suite);
    return;
  }
  const hooks = { beforeEach: [...inherited.beforeEach, ...suite.beforeEach], afterEach: [...suite.afterEach, ...inherited.afterEach] };
  try {
    for (const body of suite.beforeAll) await body();
  } catch (error) {
    summary.failed += countTests(suite);
    onResult(`${titles.join(' > ')} (beforeAll)`, error);
    return;
  }
  for (const child of suite.children) {
    if (child.kind === 'suite') {
      await runSuite(child, titles, hooks, summary, onResult);
      continue;
    }
    if (!child.body) {
      summary.skipped += 1;
      continue;
    }
    const title = [...titles, child.title].join(' > ');
    let failure: unknown;
    try {
      for (const body of hooks.beforeEach) await body();
      await child.body();
    } catch (error) {
      failure = error;
    }
    try {
      for (const body of hooks.afterEach) await body();
    } catch (error) {
      failure ??= error;
    }
    if (failure === undefined) summary.passed += 1;
    else summary.failed += 1;
    onResult(title, failure);
  }
  for (const body of suite.afterAll) {
    try {
      await body();
    } catch (error) {
      summary.failed += 1;
      onResult(`${titles.join(' > ')} (afterAll)`, error);
    }
  }
}

/** Runs every test registered so far, printing each failure, and returns the counts. */
export async function runRegistered(): Promise<RunSummary> {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, failures: [] };
  await runSuite(root, [], { beforeEach: [], afterEach: [] }, summary, (title, error) => {
    if (error === undefined) return;
    const message = error instanceof Error ? error.message : String(error);
    summary.failures.push(`${title}: ${message}`);
    console.log(`FAIL ${title}\n     ${message.split('\n').join('\n     ')}`);
  });
  root.children = [];
  return summary;
}
