import type { Backend } from './backend';
import { liveStorages } from './storage';
import type { Tensor } from './tensor';

let defaultBackend: Backend | undefined;

/**
 * Sets the backend that creation functions (`zeros`, `tensor`, `randn`, ...) use when they are not
 * given one. Nothing sets it on import: an application chooses.
 *
 * @example
 * setDefaultBackend(createCpuBackend());
 */
export function setDefaultBackend(backend: Backend | undefined): void {
  defaultBackend = backend;
}

/** The default backend; an error when none was set. */
export function getDefaultBackend(): Backend {
  if (!defaultBackend) {
    throw new Error('No backend: pass { backend } to this function or call setDefaultBackend(createCpuBackend()) first.');
  }
  return defaultBackend;
}

// ---------------------------------------------------------------------------------------------
// Scopes: tidy and keep

const scopes: Array<Set<Tensor>> = [];
const liveTensors = new Set<Tensor>();

/** Called by every new tensor handle. */
export function trackTensor(tensor: Tensor, inScope = true): void {
  liveTensors.add(tensor);
  if (inScope) scopes[scopes.length - 1]?.add(tensor);
}

/** Called when a handle is disposed. */
export function untrackTensor(tensor: Tensor): void {
  liveTensors.delete(tensor);
  for (const scope of scopes) scope.delete(tensor);
}

/**
 * Runs `fn` and disposes every tensor created inside it, except those it returns (a tensor, or
 * tensors in an array or a plain object) and those passed to {@link keep}. Returned tensors move to
 * the enclosing scope. `fn` must be synchronous. When `fn` throws, every tensor it created (and did
 * not `keep`) is disposed before the error propagates.
 *
 * @example
 * const loss = tidy(() => crossEntropy(model.forward(x), y)); // intermediates are freed
 */
export function tidy<T>(fn: () => T): T {
  const scope = new Set<Tensor>();
  scopes.push(scope);
  let result: T;
  try {
    result = fn();
    if (result instanceof Promise) throw new Error('tidy(fn): fn must be synchronous; it returned a Promise.');
  } catch (error) {
    // fn returns nothing when it throws: everything it created is released.
    scopes.pop();
    for (const tensor of scope) tensor.dispose();
    throw error;
  }
  scopes.pop();
  const kept = new Set<Tensor>();
  collectTensors(result, kept);
  for (const tensor of scope) {
    if (kept.has(tensor)) scopes[scopes.length - 1]?.add(tensor);
    else tensor.dispose();
  }
  return result;
}

/** Exempts a tensor from disposal by the enclosing `tidy` scopes, and returns it. */
export function keep<T extends Tensor>(tensor: T): T {
  for (const scope of scopes) scope.delete(tensor);
  return tensor;
}

/** Disposes a tensor, or every tensor in an array or plain object. */
export function dispose(value: unknown): void {
  const tensors = new Set<Tensor>();
  collectTensors(value, tensors);
  for (const tensor of tensors) tensor.dispose();
}

function collectTensors(value: unknown, into: Set<Tensor>): void {
  if (value === null || typeof value !== 'object') return;
  if (isTensor(value)) into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectTensors(item, into);
  else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const item of Object.values(value)) collectTensors(item, into);
  }
}

function isTensor(value: object): value is Tensor {
  return (value as { [TENSOR_BRAND]?: boolean })[TENSOR_BRAND] === true;
}

/** Marks tensor instances, so scopes recognise them without importing the class. */
export const TENSOR_BRAND = Symbol.for('mmpt.tensor');

// ---------------------------------------------------------------------------------------------
// Gradient mode

let gradEnabled = true;

/** Whether operations record the autograd graph now. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording gradients, as `torch.no_grad()`. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with gradient recording on, even inside {@link noGrad}. */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

// ---------------------------------------------------------------------------------------------
// Memory report

/** Live tensors and storage, overall and per device. */
export interface MemoryInfo {
  /** Tensor handles not yet disposed (including those an autograd graph saves). */
  tensors: number;
  /** Distinct storages alive (handles may share one). */
  storages: number;
  /** Bytes of live storage. */
  bytes: number;
  /** Bytes of live storage per device. */
  bytesByDevice: Record<string, number>;
}

/** What is alive now: tensors, storages and bytes per device. */
export function memory(): MemoryInfo {
  const bytesByDevice: Record<string, number> = {};
  let bytes = 0;
  for (const storage of liveStorages) {
    bytes += storage.byteLength;
    bytesByDevice[storage.backend.device] = (bytesByDevice[storage.backend.device] ?? 0) + storage.byteLength;
  }
  return { tensors: liveTensors.size, storages: liveStorages.size, bytes, bytesByDevice };
}
