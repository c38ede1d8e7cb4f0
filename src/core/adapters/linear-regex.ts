// The matcher of `extract` rules. The text they search is written by the customer (an e-mail body)
// and the pattern by an integrator; JavaScript's backtracking RegExp can take seconds to hours on
// such pairs — `(\d+\s*)+x` over 100 000 characters, even `\d+x` — and every pop waits behind it.
// This is a Pike VM (Thompson NFA with captures): time grows with text length × program size,
// whatever the pattern. It supports what extract rules need — literals, classes, \d\w\s\b, ., ^ $,
// groups, alternation, greedy and lazy quantifiers, flags i m s u — and refuses backreferences and
// lookaround, which no linear-time matcher can do.

type Test = (c: number) => boolean;
type Node =
  | { t: 'char'; test: Test }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'group'; index: number | null; node: Node }
  | { t: 'repeat'; node: Node; min: number; max: number; lazy: boolean }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' };
type Inst =
  | { op: 'char'; test: Test }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; slot: number }
  | { op: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { op: 'match' };

/** Bounds the work per character (and the program's memory): `a{1000}{1000}` is refused. */
export const MAX_PROGRAM = 3000;

/**
 * Linear is not enough: a 3000-step program over 100 000 characters is 3·10⁸ steps, seconds of
 * worker time. All extract rules of one message share this many steps (tens of milliseconds);
 * a well-meant rule over the longest body takes well under a tenth of it.
 */
export const MAX_EXTRACT_STEPS = 2_000_000;
/** Extract rules per source: with the shared budget, more would only be skipped. */
export const MAX_EXTRACT_RULES = 20;

/** Work counted across calls; past `limit` the search stops with no match and `exhausted` set. */
export interface ExecStats {
  steps: number;
  limit?: number;
  exhausted?: boolean;
}

export interface LinearRegex {
  /** Instructions in the program: the work per character of text is at most a small multiple. */
  readonly size: number;
  /** Like RegExp.exec: the whole match and its groups (undefined when a group took no part). */
  exec(text: string, stats?: ExecStats): (string | undefined)[] | null;
}

export type CompileResult = { ok: true; regex: LinearRegex } | { ok: false; error: string };

export function compileLinear(pattern: string, flags = ''): CompileResult {
  try {
    const parser = new Parser(pattern, flags.includes('i'), flags.includes('s'));
    const ast = parser.parse();
    const program: Inst[] = [];
    emit({ t: 'group', index: 0, node: ast }, program);
    program.push({ op: 'match' });
    return { ok: true, regex: machine(program, parser.groups + 1, flags.includes('m')) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isDigit: Test = (c) => c >= 48 && c <= 57;
const isWord: Test = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: Test = (c) => /\s/.test(String.fromCharCode(c));
const not = (test: Test): Test => (c) => !test(c);
const fold = (test: Test): Test => (c) => {
  const s = String.fromCharCode(c);
  return test(c) || test(s.toLowerCase().charCodeAt(0)) || test(s.toUpperCase().charCodeAt(0));
};

class Parser {
  private at = 0;
  groups = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.src.length) throw new Error(`unmatched ")" at ${this.at}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.at];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { t: 'seq', items };
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) return node;
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      if (max < min) throw new Error('numbers out of order in {} quantifier');
    } else {
      return node;
    }
    if (node.t === 'assert') throw new Error('nothing to repeat');
    const lazy = this.peek() === '?';
    if (lazy) this.at++;
    return { t: 'repeat', node, min, max, lazy };
  }

  private atom(): Node {
    const c = this.src[this.at++]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charTest(this.classTest());
    if (c === '.') return { t: 'char', test: this.dotAll ? () => true : not(isLineEnd) };
    if (c === '^' || c === '$') return { t: 'assert', kind: c };
    if (c === '\\') return this.escape(false);
    if (c === '*' || c === '+' || c === '?') throw new Error('nothing to repeat');
    return this.literal(c.charCodeAt(0));
  }

  private group(): Node {
    let index: number | null = null;
    if (this.src.startsWith('?:', this.at)) {
      this.at += 2;
    } else if (/^\?<[A-Za-z_$][\w$]*>/.test(this.src.slice(this.at))) {
      this.at = this.src.indexOf('>', this.at) + 1;
      index = ++this.groups;
    } else if (this.peek() === '?') {
      throw new Error('lookahead and lookbehind are not supported in extract rules');
    } else {
      index = ++this.groups;
    }
    const node = this.alternation();
    if (this.src[this.at++] !== ')') throw new Error('unterminated group');
    return { t: 'group', index, node };
  }

  private literal(code: number): Node {
    return this.charTest((c) => c === code);
  }

  private charTest(test: Test): Node {
    return { t: 'char', test: this.ignoreCase ? fold(test) : test };
  }

  /** After a backslash; `inClass`: \b is a backspace there, not a word boundary. */
  private escape(inClass: true): Test;
  private escape(inClass: false): Node;
  private escape(inClass: boolean): Node | Test {
    const c = this.src[this.at++];
    if (c === undefined) throw new Error('\\ at end of pattern');
    const classes: Record<string, Test> = { d: isDigit, D: not(isDigit), w: isWord, W: not(isWord), s: isSpace, S: not(isSpace) };
    const shorthand = classes[c];
    if (shorthand) return inClass ? shorthand : this.charTest(shorthand);
    if ((c === 'b' || c === 'B') && !inClass) return { t: 'assert', kind: c };
    if (/[1-9]/.test(c) || (c === 'k' && this.peek() === '<')) {
      throw new Error('backreferences are not supported in extract rules');
    }
    const code = this.escapedCode(c);
    return inClass ? (x: number) => x === code : this.literal(code);
  }

  private escapedCode(c: string): number {
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0, b: 8 };
    if (c in simple) return simple[c]!;
    const hex = (length: number) => {
      const digits = this.src.slice(this.at, this.at + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) return undefined;
      this.at += length;
      return parseInt(digits, 16);
    };
    if (c === 'x') return hex(2) ?? 'x'.charCodeAt(0);
    if (c === 'u') {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.src.slice(this.at));
      if (braced) {
        this.at += braced[0].length;
        const point = parseInt(braced[1]!, 16);
        if (point > 0xffff) throw new Error('characters outside the basic plane are not supported in extract rules');
        return point;
      }
      return hex(4) ?? 'u'.charCodeAt(0);
    }
    return c.charCodeAt(0);
  }

  private classTest(): Test {
    const negate = this.peek() === '^';
    if (negate) this.at++;
    const parts: Test[] = [];
    while (this.peek() !== ']') {
      if (this.at >= this.src.length) throw new Error('unterminated character class');
      const low = this.classAtom();
      if (this.peek() === '-' && this.src[this.at + 1] !== ']' && this.at + 1 < this.src.length && typeof low === 'number') {
        this.at++;
        const high = this.classAtom();
        if (typeof high !== 'number') throw new Error('invalid range in character class');
        if (high < low) throw new Error('range out of order in character class');
        parts.push((c) => c >= low && c <= high);
      } else {
        parts.push(typeof low === 'number' ? (c) => c === low : low);
      }
    }
    this.at++;
    const any: Test = (c) => parts.some((part) => part(c));
    return negate ? not(any) : any;
  }

  /** A class member: one character's code, or a shorthand class such as \d. */
  private classAtom(): number | Test {
    const c = this.src[this.at++]!;
    if (c !== '\\') return c.charCodeAt(0);
    const next = this.peek();
    if (next !== undefined && 'dDwWsS'.includes(next)) return this.escape(true);
    this.at++;
    return this.escapedCode(next ?? '\\');
  }
}

function emit(node: Node, program: Inst[]): void {
  if (program.length > MAX_PROGRAM) throw new Error(`the pattern is too large (over ${MAX_PROGRAM} steps); shorten its {} repetitions`);
  switch (node.t) {
    case 'char':
      program.push({ op: 'char', test: node.test });
      return;
    case 'assert':
      program.push({ op: 'assert', kind: node.kind });
      return;
    case 'seq':
      node.items.forEach((item) => emit(item, program));
      return;
    case 'group':
      if (node.index !== null) program.push({ op: 'save', slot: node.index * 2 });
      emit(node.node, program);
      if (node.index !== null) program.push({ op: 'save', slot: node.index * 2 + 1 });
      return;
    case 'alt': {
      const jumps: Extract<Inst, { op: 'jmp' }>[] = [];
      node.options.forEach((option, i) => {
        const last = i === node.options.length - 1;
        const split: Extract<Inst, { op: 'split' }> = { op: 'split', x: program.length + 1, y: 0 };
        if (!last) program.push(split);
        emit(option, program);
        if (!last) {
          const jump: Extract<Inst, { op: 'jmp' }> = { op: 'jmp', x: 0 };
          jumps.push(jump);
          program.push(jump);
          split.y = program.length;
        }
      });
      jumps.forEach((jump) => (jump.x = program.length));
      return;
    }
    case 'repeat': {
      for (let i = 0; i < node.min; i++) emit(node.node, program);
      if (node.max === Infinity) {
        const split: Extract<Inst, { op: 'split' }> = { op: 'split', x: 0, y: 0 };
        const loop = program.length;
        program.push(split);
        emit(node.node, program);
        program.push({ op: 'jmp', x: loop });
        prefer(split, loop + 1, program.length, node.lazy);
        return;
      }
      const splits: Array<Extract<Inst, { op: 'split' }>> = [];
      for (let i = node.min; i < node.max; i++) {
        const split: Extract<Inst, { op: 'split' }> = { op: 'split', x: 0, y: 0 };
        splits.push(split);
        program.push(split);
        split.x = program.length;
        emit(node.node, program);
      }
      splits.forEach((split) => prefer(split, split.x, program.length, node.lazy));
      return;
    }
  }
}

/** Greedy: try the repetition first; lazy: try what follows first. */
function prefer(split: Extract<Inst, { op: 'split' }>, body: number, after: number, lazy: boolean): void {
  split.x = lazy ? after : body;
  split.y = lazy ? body : after;
}

function machine(program: Inst[], groupCount: number, multiline: boolean): LinearRegex {
  return {
    size: program.length,
    exec(text, stats) {
      const n = text.length;
      const code = (i: number) => (i >= 0 && i < n ? text.charCodeAt(i) : -1);
      const holds = (kind: '^' | '$' | 'b' | 'B', sp: number) => {
        if (kind === '^') return sp === 0 || (multiline && isLineEnd(code(sp - 1)));
        if (kind === '$') return sp === n || (multiline && isLineEnd(code(sp)));
        const boundary = isWord(code(sp - 1)) !== isWord(code(sp));
        return kind === 'b' ? boundary : !boundary;
      };
      // One mark per instruction per step: a thread reaching an instruction a higher-priority
      // thread already reached is dropped, which is what keeps the work linear.
      const seen = new Int32Array(program.length).fill(-1);
      type Thread = { pc: number; caps: number[] };
      const add = (list: Thread[], pc: number, caps: number[], sp: number): void => {
        if (stats) stats.steps++;
        if (seen[pc] === sp) return;
        seen[pc] = sp;
        const inst = program[pc]!;
        if (inst.op === 'jmp') return add(list, inst.x, caps, sp);
        if (inst.op === 'split') {
          add(list, inst.x, caps, sp);
          return add(list, inst.y, caps, sp);
        }
        if (inst.op === 'save') {
          const copy = caps.slice();
          copy[inst.slot] = sp;
          return add(list, pc + 1, copy, sp);
        }
        if (inst.op === 'assert') return holds(inst.kind, sp) ? add(list, pc + 1, caps, sp) : undefined;
        list.push({ pc, caps });
      };
      const fresh = () => new Array<number>(groupCount * 2).fill(-1);
      let current: Thread[] = [];
      let matched: number[] | null = null;
      add(current, 0, fresh(), 0);
      for (let sp = 0; sp <= n; sp++) {
        // Checked once per character: one character's work is bounded by the program's size.
        if (stats?.limit !== undefined && stats.steps > stats.limit) {
          stats.exhausted = true;
          return null;
        }
        const next: Thread[] = [];
        const c = code(sp);
        for (const thread of current) {
          const inst = program[thread.pc]!;
          if (inst.op === 'match') {
            matched = thread.caps;
            break; // threads after this one have lower priority
          }
          if (inst.op === 'char' && sp < n && inst.test(c)) add(next, thread.pc + 1, thread.caps, sp + 1);
        }
        if (sp === n) break;
        if (!matched) add(next, 0, fresh(), sp + 1);
        if (!next.length && matched) break;
        current = next;
      }
      if (!matched) return null;
      const caps = matched;
      return Array.from({ length: groupCount }, (_, g) => {
        const start = caps[g * 2]!;
        const end = caps[g * 2 + 1]!;
        return start >= 0 && end >= 0 ? text.slice(start, end) : undefined;
      });
    },
  };
}
