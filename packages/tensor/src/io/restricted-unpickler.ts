/**
 * A Python pickle reader that executes nothing. Containers, strings, numbers and booleans become
 * their JavaScript equivalents (dict -> Map, list -> array, tuple -> {@link PickleTuple}); a global
 * reference is looked up in an allow-list of constructors given by the caller; any other global
 * becomes an inert {@link RejectedGlobal} marker, and calling or building it yields more markers,
 * never code. Persistent ids (how `torch.save` refers to storages) go to a callback.
 */

/** A Python tuple. */
export class PickleTuple extends Array<unknown> {}

/** A global that is not on the allow-list: kept as an inert marker with its name. */
export class RejectedGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  toString(): string {
    return `${this.module}.${this.name}`;
  }
}

/** An object built from a rejected global (by REDUCE, NEWOBJ or BUILD); holds no code. */
export class RejectedObject {
  constructor(
    readonly global: RejectedGlobal,
    readonly args: unknown,
    public state: unknown = undefined,
  ) {}
}

/** Allowed globals: `"module.name"` to a function that builds the value from the call's arguments. */
export type AllowedGlobals = Record<string, (...args: unknown[]) => unknown>;

/** The options of {@link unpickle}. */
export interface UnpickleOptions {
  globals: AllowedGlobals;
  persistentLoad?: (id: unknown) => unknown;
  /** Named in errors. */
  source?: string;
}

const MARK = Symbol('mark');

/** Reads a pickle (protocols 0-5, the opcodes `torch.save` and plain data use). */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions): unknown {
  const source = options.source ?? 'pickle';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let position = 0;
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message} (at byte ${position})`);
  };
  const need = (count: number) => {
    if (position + count > bytes.length) fail('unexpected end of data');
  };
  const readU8 = () => {
    need(1);
    return bytes[position++] as number;
  };
  const readU16 = () => {
    need(2);
    const value = view.getUint16(position, true);
    position += 2;
    return value;
  };
  const readU32 = () => {
    need(4);
    const value = view.getUint32(position, true);
    position += 4;
    return value;
  };
  const readI32 = () => {
    need(4);
    const value = view.getInt32(position, true);
    position += 4;
    return value;
  };
  const readU64 = () => {
    need(8);
    const value = Number(view.getBigUint64(position, true));
    position += 8;
    return value;
  };
  const readBytes = (count: number) => {
    need(count);
    const value = bytes.subarray(position, position + count);
    position += count;
    return value;
  };
  const readLine = () => {
    const end = bytes.indexOf(0x0a, position);
    if (end < 0) fail('unterminated text line');
    const text = decoder.decode(bytes.subarray(position, end));
    position = end + 1;
    return text;
  };
  const pop = () => {
    if (stack.length === 0) fail('stack underflow');
    return stack.pop();
  };
  const popMark = (): unknown[] => {
    const index = stack.lastIndexOf(MARK);
    if (index < 0) fail('no MARK on the stack');
    const items = stack.splice(index + 1);
    stack.pop();
    return items;
  };
  const top = () => {
    if (stack.length === 0) fail('stack underflow');
    return stack[stack.length - 1];
  };
  const resolveGlobal = (module: string, name: string): unknown => {
    const key = `${module}.${name}`;
    return options.globals[key] ? { allowedGlobal: key } : new RejectedGlobal(module, name);
  };
  const call = (callable: unknown, args: unknown): unknown => {
    if (callable instanceof RejectedGlobal) return new RejectedObject(callable, args);
    const key = (callable as { allowedGlobal?: string }).allowedGlobal;
    const fn = key ? options.globals[key] : undefined;
    if (!fn) return fail(`cannot call ${describe(callable)}`);
    return fn(...(Array.isArray(args) ? args : [args]));
  };
  const setItem = (target: unknown, key: unknown, value: unknown) => {
    if (target instanceof Map) target.set(key, value);
    else if (target instanceof RejectedObject) return;
    else fail(`SETITEM on ${describe(target)}`);
  };
  const longFromBytes = (data: Uint8Array): number => {
    let value = 0n;
    for (let index = data.length - 1; index >= 0; index--) value = (value << 8n) | BigInt(data[index] as number);
    if (data.length > 0 && ((data[data.length - 1] as number) & 0x80) !== 0) value -= 1n << BigInt(8 * data.length);
    return Number(value);
  };

  while (true) {
    const opcode = readU8();
    switch (opcode) {
      case 0x80: readU8(); break; // PROTO
      case 0x95: readU64(); break; // FRAME
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(readI32()); break; // BININT
      case 0x4b: stack.push(readU8()); break; // BININT1
      case 0x4d: stack.push(readU16()); break; // BININT2
      case 0x8a: stack.push(longFromBytes(readBytes(readU8()))); break; // LONG1
      case 0x8b: stack.push(longFromBytes(readBytes(readU32()))); break; // LONG4
      case 0x49: { // INT
        const text = readLine();
        stack.push(text === '01' ? true : text === '00' ? false : Number.parseInt(text, 10));
        break;
      }
      case 0x4c: stack.push(Number.parseInt(readLine().replace(/L$/, ''), 10)); break; // LONG
      case 0x47: { // BINFLOAT (big-endian)
        need(8);
        stack.push(view.getFloat64(position, false));
        position += 8;
        break;
      }
      case 0x46: stack.push(Number.parseFloat(readLine())); break; // FLOAT
      case 0x58: stack.push(decoder.decode(readBytes(readU32()))); break; // BINUNICODE
      case 0x8c: stack.push(decoder.decode(readBytes(readU8()))); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(decoder.decode(readBytes(readU64()))); break; // BINUNICODE8
      case 0x56: stack.push(readLine()); break; // UNICODE (raw-unicode-escape, ASCII subset)
      case 0x55: stack.push(decoder.decode(readBytes(readU8()))); break; // SHORT_BINSTRING
      case 0x54: stack.push(decoder.decode(readBytes(readI32()))); break; // BINSTRING
      case 0x53: stack.push(readLine().replace(/^['"]|['"]$/g, '')); break; // STRING
      case 0x43: stack.push(readBytes(readU8()).slice()); break; // SHORT_BINBYTES
      case 0x42: stack.push(readBytes(readU32()).slice()); break; // BINBYTES
      case 0x8e: stack.push(readBytes(readU64()).slice()); break; // BINBYTES8
      case 0x96: stack.push(readBytes(readU64()).slice()); break; // BYTEARRAY8
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(new PickleTuple()); break; // EMPTY_TUPLE
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x74: stack.push(PickleTuple.from(popMark()) as PickleTuple); break; // TUPLE
      case 0x85: stack.push(PickleTuple.of(pop())); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push(PickleTuple.of(a, b)); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(PickleTuple.of(a, b, c)); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { // DICT
        const items = popMark();
        const dict = new Map();
        for (let index = 0; index < items.length; index += 2) dict.set(items[index], items[index + 1]);
        stack.push(dict);
        break;
      }
      case 0x91: stack.push(new Set(popMark())); break; // FROZENSET
      case 0x61: { const value = pop(); const list = top(); if (!Array.isArray(list)) fail('APPEND to a non-list'); (list as unknown[]).push(value); break; } // APPEND
      case 0x65: { const items = popMark(); const list = top(); if (!Array.isArray(list)) fail('APPENDS to a non-list'); (list as unknown[]).push(...items); break; } // APPENDS
      case 0x73: { const value = pop(); const key = pop(); setItem(top(), key, value); break; } // SETITEM
      case 0x75: { // SETITEMS
        const items = popMark();
        const target = top();
        for (let index = 0; index < items.length; index += 2) setItem(target, items[index], items[index + 1]);
        break;
      }
      case 0x90: { const items = popMark(); const set = top(); if (set instanceof Set) for (const item of items) set.add(item); break; } // ADDITEMS
      case 0x71: memo.set(readU8(), top()); break; // BINPUT
      case 0x72: memo.set(readU32(), top()); break; // LONG_BINPUT
      case 0x70: memo.set(Number.parseInt(readLine(), 10), top()); break; // PUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(fromMemo(memo, readU8(), fail)); break; // BINGET
      case 0x6a: stack.push(fromMemo(memo, readU32(), fail)); break; // LONG_BINGET
      case 0x67: stack.push(fromMemo(memo, Number.parseInt(readLine(), 10), fail)); break; // GET
      case 0x63: { const module = readLine(); const name = readLine(); stack.push(resolveGlobal(module, name)); break; } // GLOBAL
      case 0x93: { const name = pop() as string; const module = pop() as string; stack.push(resolveGlobal(module, name)); break; } // STACK_GLOBAL
      case 0x52: { const args = pop(); const callable = pop(); stack.push(call(callable, args)); break; } // REDUCE
      case 0x81: { const args = pop(); const cls = pop(); stack.push(call(cls, args)); break; } // NEWOBJ
      case 0x92: { const kwargs = pop(); const args = pop(); const cls = pop(); stack.push(call(cls, PickleTuple.of(...(args as unknown[]), kwargs))); break; } // NEWOBJ_EX
      case 0x62: { // BUILD
        const state = pop();
        const target = top();
        if (target instanceof RejectedObject) target.state = state;
        else if (target instanceof Map) {
          // OrderedDict subclasses (state dicts) carry attributes such as _metadata: ignored.
        } else if (target && typeof target === 'object' && 'setState' in target && typeof (target as { setState: unknown }).setState === 'function') {
          (target as { setState: (state: unknown) => void }).setState(state);
        }
        break;
      }
      case 0x51: { // BINPERSID
        const id = pop();
        if (!options.persistentLoad) fail('a persistent id without a loader');
        stack.push(options.persistentLoad?.(id));
        break;
      }
      case 0x50: { // PERSID
        const id = readLine();
        if (!options.persistentLoad) fail('a persistent id without a loader');
        stack.push(options.persistentLoad?.(id));
        break;
      }
      default:
        fail(`unsupported pickle opcode 0x${opcode.toString(16)}`);
    }
  }
}

function fromMemo(memo: Map<number, unknown>, index: number, fail: (message: string) => never): unknown {
  if (!memo.has(index)) fail(`memo entry ${index} is missing`);
  return memo.get(index);
}

function describe(value: unknown): string {
  if (value instanceof RejectedGlobal) return `the rejected global ${value.module}.${value.name}`;
  return typeof value;
}
