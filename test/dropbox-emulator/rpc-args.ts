/**
 * Request-body validation for RPC routes, with Stone's validator messages (dropbox/stone
 * `stone_validators.py`: "'x' expected to be a string, got integer", "0 is not within range
 * [1, 1000]", "missing required field 'cursor'") behind the observed `request body: ` prefix
 * (Jesus/dropbox_api#38). Unknown fields are ignored.
 */

export class ArgError extends Error {
  readonly path: string[];
  constructor(path: string[], message: string) {
    super(message);
    this.name = 'ArgError';
    this.path = path;
  }

  /** The text after `Error in call to API function "<route>": `. */
  get text(): string {
    return this.path.length > 0
      ? `request body: ${this.path.join('.')}: ${this.message}`
      : `request body: ${this.message}`;
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Stone's `generic_type_name`. */
export function typeName(v: unknown): string {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'float';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return 'string';
  if (v === null) return 'null';
  return 'dict';
}

/** Python's `%s` of a decoded JSON value. */
function pyStr(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** Python's `%r` of a decoded JSON value. */
function pyRepr(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : pyStr(v);
}

/** A struct argument. `undefined` (empty body) and `null` mean "all defaults" when allowed. */
export class Struct {
  private readonly obj: Record<string, unknown>;
  private readonly path: string[];

  private constructor(obj: Record<string, unknown>, path: string[]) {
    this.obj = obj;
    this.path = path;
  }

  static root(body: unknown, allFieldsOptional: boolean): Struct {
    if ((body === undefined || body === null) && allFieldsOptional) return new Struct({}, []);
    if (body === undefined) throw new ArgError([], 'expected object, got null');
    if (!isObject(body)) throw new ArgError([], `expected object, got ${typeName(body)}`);
    return new Struct(body, []);
  }

  /** A struct nested at `path` (union members, list items). */
  static fromObject(obj: Record<string, unknown>, path: string[]): Struct {
    return new Struct(obj, path);
  }

  private at(key: string): string[] {
    return [...this.path, key];
  }

  /** The field as decoded, unvalidated. */
  raw(key: string): unknown {
    return this.obj[key];
  }

  /** Present and not null (for nullable fields, where null means absent). */
  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  string(
    key: string,
    opts: { max?: number; min?: number; pattern?: string; default?: string } = {},
  ): string {
    const v = this.obj[key];
    // Absent → default or "missing"; an explicit null is a type error (non-nullable field).
    if (v === undefined) {
      if (opts.default !== undefined) return opts.default;
      throw new ArgError(this.path, `missing required field '${key}'`);
    }
    if (typeof v !== 'string')
      throw new ArgError(this.at(key), `'${pyStr(v)}' expected to be a string, got ${typeName(v)}`);
    if (opts.max !== undefined && v.length > opts.max)
      throw new ArgError(
        this.at(key),
        `'${v}' must be at most ${opts.max} characters, got ${v.length}`,
      );
    if (opts.min !== undefined && v.length < opts.min)
      throw new ArgError(
        this.at(key),
        `'${v}' must be at least ${opts.min} characters, got ${v.length}`,
      );
    if (opts.pattern !== undefined && !new RegExp(`^(?:${opts.pattern})$`).test(v)) {
      throw new ArgError(this.at(key), `'${v}' did not match pattern '${opts.pattern}'`);
    }
    return v;
  }

  optionalString(
    key: string,
    opts: { max?: number; min?: number; pattern?: string } = {},
  ): string | undefined {
    return this.has(key) ? this.string(key, opts) : undefined;
  }

  int(key: string, opts: { min: number; max: number; default?: number }): number {
    const v = this.obj[key];
    if (v === undefined) {
      if (opts.default !== undefined) return opts.default;
      throw new ArgError(this.path, `missing required field '${key}'`);
    }
    if (typeof v !== 'number' || !Number.isInteger(v))
      throw new ArgError(this.at(key), `expected integer, got ${typeName(v)}`);
    if (v < opts.min || v > opts.max)
      throw new ArgError(this.at(key), `${v} is not within range [${opts.min}, ${opts.max}]`);
    return v;
  }

  optionalInt(key: string, opts: { min: number; max: number }): number | undefined {
    return this.has(key) ? this.int(key, opts) : undefined;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean')
      throw new ArgError(this.at(key), `${pyRepr(v)} is not a valid boolean`);
    return v;
  }

  list(key: string): unknown[] {
    const v = this.obj[key];
    if (v === undefined) throw new ArgError(this.path, `missing required field '${key}'`);
    if (!Array.isArray(v)) throw new ArgError(this.at(key), `${pyRepr(v)} is not a valid list`);
    return v;
  }

  struct(key: string): Struct | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw new ArgError(this.at(key), `expected object, got ${typeName(v)}`);
    return new Struct(v, this.at(key));
  }

  /**
   * A union value: `{".tag": "x", ...}` or the compact bare string `"x"` for void members
   * (Dropbox's HTTP docs). Returns the tag and the member's struct view.
   */
  union(key: string, tags: readonly string[]): { tag: string; fields: Struct } | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    return parseUnion(v, tags, this.at(key));
  }
}

export function parseUnion(
  v: unknown,
  tags: readonly string[],
  path: string[],
): { tag: string; fields: Struct } {
  let tag: unknown;
  let fields: Record<string, unknown> = {};
  if (typeof v === 'string') tag = v;
  else if (isObject(v)) {
    tag = v['.tag'];
    fields = v;
    if (tag === undefined) throw new ArgError(path, "missing '.tag' key");
  } else throw new ArgError(path, `expected object, got ${typeName(v)}`);
  if (typeof tag !== 'string') throw new ArgError(path, `tag must be string, got ${typeName(tag)}`);
  if (!tags.includes(tag)) throw new ArgError(path, `unknown tag '${tag}'`);
  return { tag, fields: Struct.fromObject(fields, path) };
}

/** A Void argument: an empty body, `null`, or (leniently, UNCONFIRMED) `{}`. */
export function parseVoid(body: unknown): void {
  if (body === undefined || body === null) return;
  if (isObject(body) && Object.keys(body).length === 0) return;
  throw new ArgError([], `expected null, got ${typeName(body)}`);
}
