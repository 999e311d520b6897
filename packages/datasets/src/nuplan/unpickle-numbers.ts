/**
 * Decodes the pickled number lists nuPlan stores in BLOB columns (camera
 * `translation`, `rotation`, `intrinsic`, `distortion`: the devkit's
 * `SimplePickleType` writes `pickle.dumps(value)` of a list or of a `list`
 * subclass such as `nuplan.database.common.data_types.Translation`). Only
 * the opcodes such pickles use (protocols 0–5) are supported; anything else
 * (e.g. a pickled numpy array) is an error, never code execution.
 */

/** A decoded value: a number or a (nested) list of numbers. */
export type PickledNumbers = number | PickledNumbers[];

const MARK = Symbol('mark');
type Item = PickledNumbers | string | null | boolean | typeof MARK | { cls: string } | Item[] | { tuple: Item[] };

/** Decodes `bytes`; throws an `Error` with the offending opcode and offset. */
export function unpickleNumbers(bytes: Uint8Array): PickledNumbers {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Item[] = [];
  const memo = new Map<number, Item>();
  let p = 0;
  const line = (): string => {
    const end = bytes.indexOf(0x0a, p);
    if (end < 0) throw new Error(`pickle: unterminated line at ${p}`);
    const text = Buffer.from(bytes.subarray(p, end)).toString('latin1');
    p = end + 1;
    return text;
  };
  const popMark = (): Item[] => {
    const index = stack.lastIndexOf(MARK);
    if (index < 0) throw new Error('pickle: no mark');
    const items = stack.splice(index);
    items.shift();
    return items;
  };
  const top = (): Item[] => {
    const list = stack[stack.length - 1];
    if (!Array.isArray(list)) throw new Error('pickle: append to a non-list');
    return list;
  };
  const text = (length: number): string => {
    const value = Buffer.from(bytes.subarray(p, p + length)).toString('utf8');
    p += length;
    return value;
  };
  while (p < bytes.length) {
    const op = bytes[p++]!;
    switch (op) {
      case 0x80:
        p += 1;
        break; // PROTO
      case 0x95:
        p += 8;
        break; // FRAME
      case 0x2e: {
        // STOP
        const result = stack.pop();
        return checkNumbers(result);
      }
      case 0x28:
        stack.push(MARK);
        break;
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push({ tuple: [] });
        break; // EMPTY_TUPLE
      case 0x7d:
        stack.push(null);
        break; // EMPTY_DICT (object state; ignored)
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x47:
        stack.push(view.getFloat64(p, false));
        p += 8;
        break; // BINFLOAT
      case 0x4a:
        stack.push(view.getInt32(p, true));
        p += 4;
        break; // BININT
      case 0x4b:
        stack.push(bytes[p++]!);
        break; // BININT1
      case 0x4d:
        stack.push(view.getUint16(p, true));
        p += 2;
        break; // BININT2
      case 0x46:
        stack.push(Number(line()));
        break; // FLOAT (text)
      case 0x49:
        stack.push(Number(line()));
        break; // INT (text)
      case 0x4c:
        stack.push(Number(line().replace(/L$/, '')));
        break; // LONG (text)
      case 0x8c: {
        const n = bytes[p++]!;
        stack.push(text(n));
        break;
      } // SHORT_BINUNICODE
      case 0x58: {
        const n = view.getUint32(p, true);
        p += 4;
        stack.push(text(n));
        break;
      } // BINUNICODE
      case 0x94:
        memo.set(memo.size, stack[stack.length - 1]!);
        break; // MEMOIZE
      case 0x71:
        memo.set(bytes[p++]!, stack[stack.length - 1]!);
        break; // BINPUT
      case 0x72:
        memo.set(view.getUint32(p, true), stack[stack.length - 1]!);
        p += 4;
        break; // LONG_BINPUT
      case 0x70:
        memo.set(Number(line()), stack[stack.length - 1]!);
        break; // PUT
      case 0x68:
        stack.push(memoGet(memo, bytes[p++]!));
        break; // BINGET
      case 0x6a:
        stack.push(memoGet(memo, view.getUint32(p, true)));
        p += 4;
        break; // LONG_BINGET
      case 0x67:
        stack.push(memoGet(memo, Number(line())));
        break; // GET
      case 0x63: {
        const module = line();
        stack.push({ cls: `${module}.${line()}` });
        break;
      } // GLOBAL
      case 0x93: {
        const name = stack.pop();
        const module = stack.pop();
        stack.push({ cls: `${String(module)}.${String(name)}` });
        break;
      } // STACK_GLOBAL
      case 0x81: // NEWOBJ: cls(*args) of a list subclass → an empty list that APPENDS fills
      case 0x52: {
        // REDUCE: cls(args) → a list from its single list argument
        const args = stack.pop() as { tuple: Item[] };
        const cls = stack.pop() as { cls?: string };
        if (cls?.cls === undefined || !('tuple' in (args ?? {})))
          throw new Error(`pickle: unsupported call at ${p - 1}`);
        if (op === 0x52 && args.tuple.length === 1 && Array.isArray(args.tuple[0]))
          stack.push([...(args.tuple[0] as Item[])]);
        else if (args.tuple.length === 0) stack.push([]);
        else throw new Error(`pickle: unsupported constructor ${cls.cls}`);
        break;
      }
      case 0x62:
        stack.pop();
        break; // BUILD (state of a list subclass: ignored)
      case 0x61: {
        const value = stack.pop()!;
        top().push(value);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        top().push(...items);
        break;
      } // APPENDS
      case 0x6c:
        stack.push(popMark());
        break; // LIST
      case 0x74:
        stack.push({ tuple: popMark() });
        break; // TUPLE
      case 0x85:
        stack.push({ tuple: stack.splice(-1) });
        break;
      case 0x86:
        stack.push({ tuple: stack.splice(-2) });
        break;
      case 0x87:
        stack.push({ tuple: stack.splice(-3) });
        break;
      default:
        throw new Error(
          `pickle: unsupported opcode 0x${op.toString(16)} at ${p - 1} (only pickled number lists are read)`,
        );
    }
  }
  throw new Error('pickle: no STOP opcode (truncated)');
}

function memoGet(memo: Map<number, Item>, key: number): Item {
  if (!memo.has(key)) throw new Error(`pickle: unknown memo ${key}`);
  return memo.get(key)!;
}

function checkNumbers(value: Item | undefined): PickledNumbers {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((item) => checkNumbers(item));
  throw new Error('pickle: value is not a number list');
}
