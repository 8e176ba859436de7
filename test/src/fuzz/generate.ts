// Schema-driven hostile operations. From a GraphQL schema — the gateway's composed API
// or one subgraph's own — every root field (query, mutation, subscription) becomes operations whose
// arguments are plausible except one place, which gets hostile values of its type: boundary and
// out-of-range dates, huge and negative numbers, NUL, unpaired surrogates, 100 KB strings, cursors of
// the wrong shape, wrong-typed values, empty lists and lists over the limit, nested input fields one
// by one. Deterministic for a seed: the same seed gives the same operations, actors and values.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isUnionType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { SUBJECT_FIELDS, abilityFor, type Ability, type Action, type ActorKind, type SubjectType } from '@hub/auth';

export type OpKind = 'query' | 'mutation' | 'subscription';

export interface FuzzCase {
  op: OpKind;
  field: string;
  /** Where the hostile value sits: `arg`, `arg.inputField`, `arg[]`, or `-` for a plain call. */
  at: string;
  /** What the hostile value is (`String:nul`, `DateTime:year0`, …). */
  label: string;
  /** `variable` sends the argument as a variable (JSON); `inline` writes it into the document. */
  form: 'variable' | 'inline';
  actor: ActorKind;
  document: string;
  variables: Record<string, unknown>;
}

/** Small seeded PRNG (mulberry32) for the choices; fast-check (same seed) draws the random values. */
export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const HUGE_LIST = 10_001;

interface Hostile {
  label: string;
  value: unknown;
  /** Written into the document as is when sent inline (values JSON cannot carry, e.g. 1e400). */
  literal?: string;
  /** A value of another type (a number for a String, …): every place gets one each run. */
  wrongType?: true;
}

/** Hostile strings: the text any String or ID argument may receive. */
function hostileStrings(seed: number): Hostile[] {
  const random = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), { seed, numRuns: 3 });
  return [
    { label: 'empty', value: '' },
    { label: 'blank', value: '   ' },
    { label: 'nul', value: 'a\u0000b' },
    { label: 'surrogate', value: 'x\ud800y' },
    { label: 'lowSurrogate', value: '\udfff' },
    { label: '100KB', value: 'x'.repeat(100_000) },
    { label: 'emoji50KB', value: '\u{1F4F7}'.repeat(12_500) },
    { label: 'sqlQuote', value: "' OR '1'='1' --" },
    { label: 'sqlDrop', value: 'x"); DROP TABLE cameras; --' },
    { label: 'likeWildcards', value: '%_\\%' },
    { label: 'bidi', value: 'GM\u202e4430\u200b' },
    { label: 'control', value: 'line\nbreak\ttab\u0007bell\u007f' },
    { label: 'path', value: '../../../../etc/passwd' },
    { label: 'cursorYear0', value: b64(JSON.stringify(['0000-01-01T00:00:00.000Z', 'x'])) },
    { label: 'cursorNul', value: b64(JSON.stringify(['2026-11-20T00:00:00.000Z', 'a\u0000b'])) },
    { label: 'cursorObject', value: b64('{"__proto__":{"x":1}}') },
    { label: 'cursorHuge', value: 'A'.repeat(50_000) },
    { label: 'uuidZero', value: '00000000-0000-0000-0000-000000000000' },
    { label: 'numeric', value: '-1e309' },
    { label: 'int', value: 12345, wrongType: true },
    { label: 'float', value: 1.5, wrongType: true },
    { label: 'bool', value: true, wrongType: true },
    { label: 'object', value: { $ne: null }, wrongType: true },
    { label: 'list', value: ['a', 'b'], wrongType: true },
    ...random.map((value, i) => ({ label: `random${i}`, value })),
  ];
}

function hostileInts(seed: number): Hostile[] {
  const random = fc.sample(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { seed, numRuns: 2 });
  return [
    { label: 'zero', value: 0 },
    { label: 'negative', value: -1 },
    { label: 'min', value: -(2 ** 31) },
    { label: 'max', value: 2 ** 31 - 1 },
    { label: 'over32bit', value: 2 ** 31, literal: '2147483648' },
    { label: 'huge', value: 1e20, literal: '99999999999999999999' },
    { label: 'fraction', value: 1.5 },
    { label: 'string', value: '10', wrongType: true },
    { label: 'bool', value: false, wrongType: true },
    ...random.map((value, i) => ({ label: `random${i}`, value })),
  ];
}

function hostileFloats(seed: number): Hostile[] {
  const random = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { seed, numRuns: 2 });
  return [
    { label: 'zero', value: 0 },
    { label: 'negZero', value: -0 },
    { label: 'max', value: Number.MAX_VALUE },
    { label: 'negMax', value: -Number.MAX_VALUE },
    { label: 'tiny', value: Number.MIN_VALUE },
    { label: 'infinityLiteral', value: Number.MAX_VALUE, literal: '1e400' },
    { label: 'negInfinityLiteral', value: -Number.MAX_VALUE, literal: '-1e400' },
    { label: 'huge', value: 1e300 },
    { label: 'string', value: '1.5', wrongType: true },
    { label: 'bool', value: true, wrongType: true },
    ...random.map((value, i) => ({ label: `random${i}`, value })),
  ];
}

function hostileDates(seed: number): Hostile[] {
  // any instant JavaScript can hold, printed as toISOString does (extended years included)
  const random = fc.sample(fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }), {
    seed,
    numRuns: 3,
  });
  return [
    { label: 'epoch', value: '1970-01-01T00:00:00Z' },
    { label: 'maxAccepted', value: '8999-12-31T23:59:59.999Z' }, // subgraph-kit DATETIME_MAX
    { label: 'max', value: '9999-12-31T23:59:59.999Z' },
    { label: 'year0', value: '0000-01-01T00:00:00Z' },
    { label: 'year1', value: '0001-01-01T00:00:00Z' },
    { label: 'beforeEpoch', value: '1969-12-31T23:59:59Z' },
    { label: 'negativeYear', value: '-000001-01-01T00:00:00Z' },
    { label: 'year10000', value: '+010000-01-01T00:00:00Z' },
    { label: 'jsMax', value: '+275760-09-13T00:00:00.000Z' },
    { label: 'feb30', value: '2026-02-30T00:00:00Z' },
    { label: 'month13', value: '2026-13-01T00:00:00Z' },
    { label: 'hour25', value: '2026-11-20T25:00:00Z' },
    { label: 'leapSecond', value: '2016-12-31T23:59:60Z' },
    { label: 'nanos', value: '2026-11-20T21:00:00.123456789Z' },
    { label: 'offset+14', value: '2026-11-20T21:00:00+14:00' },
    { label: 'dateOnly', value: '2026-11-20' },
    { label: 'words', value: 'next tuesday' },
    { label: 'empty', value: '' },
    { label: 'nul', value: '2026-11-20T21:00:00Z\u0000' },
    { label: 'long', value: '2026-11-20T21:00:00Z'.repeat(5000) },
    { label: 'epochNumber', value: 1_790_000_000_000, wrongType: true },
    { label: 'object', value: { $date: 1 }, wrongType: true },
    ...random.map((d, i) => ({ label: `random${i}`, value: d.toISOString() })),
  ];
}

const plausibleDate = (name: string) =>
  /^(to|end|until|validUntil|windowEnd|endsAt|before)$/i.test(name) || /(End|Until|To)$/.test(name)
    ? '2026-12-01T00:00:00Z'
    : '2026-11-01T00:00:00Z';

/** Plausible values, so the hostile one is met past the first check where it can be. */
export interface Plausible {
  /** ids seen in the hub, by GraphQL type name */
  ids: Map<string, string[]>;
}

function idFor(name: string, owner: string, p: Plausible, rng: Rng): string {
  // `id` is of the type the field returns; `cameraId` of Camera, `areaId` of CameraArea, …
  const want = name === 'id' || name === 'before' ? owner : name.replace(/Ids?$/, '');
  const types = [...p.ids.keys()];
  const type =
    types.find((t) => t === want) ??
    types.find((t) => t.toLowerCase() === want.toLowerCase()) ??
    types.find((t) => t.toLowerCase().endsWith(want.toLowerCase()));
  const ids = type ? p.ids.get(type)! : [];
  return ids.length ? rng.pick(ids) : 'fuzz-unknown-id';
}

function plausibleString(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n === 'after' || n === 'cursor') return undefined;
  if (n === 'municipality') return 'GM0344';
  if (n === 'plate') return 'AB123C';
  if (n === 'country') return 'NL';
  if (n === 'from' || n === 'to') return n === 'from' ? '08:00' : '18:00'; // watch windows (HH:MM)
  if (n === 'purpose' || n === 'reason' || n === 'casereference' || n === 'reference') return 'PL-2026-1 fuzz';
  if (n === 'actor') return 'police';
  return 'fuzz text';
}

/** A plausible value of `type` for an argument or input field called `name` on a field returning `owner`. */
export function plausible(
  type: GraphQLInputType,
  name: string,
  owner: string,
  p: Plausible,
  rng: Rng,
  depth = 0,
): unknown {
  if (isNonNullType(type)) return plausible(type.ofType, name, owner, p, rng, depth) ?? fallback(type.ofType);
  if (isListType(type)) {
    const item = plausible(type.ofType, name, owner, p, rng, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (isEnumType(type)) return rng.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    if (depth > 4) return undefined;
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      // optional fields only sometimes: an input with every option set meets only one path
      if (!isNonNullType(f.type) && (f.defaultValue !== undefined || !rng.chance(0.5))) continue;
      const v = plausible(f.type, f.name, owner, p, rng, depth + 1);
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  }
  switch (type.name) {
    case 'DateTime':
      return plausibleDate(name);
    case 'Int':
      return /days/i.test(name) ? 30 : 10;
    case 'Float':
      return /^lat/i.test(name) ? 52.0907 : /^(lon|lng)/i.test(name) ? 5.1214 : /radius/i.test(name) ? 500 : 1.5;
    case 'Boolean':
      return true;
    case 'ID':
      return idFor(name, owner, p, rng);
    case 'String':
      return plausibleString(name);
    case '_Any':
      return { __typename: owner, id: idFor('id', owner, p, rng) };
    default:
      return undefined;
  }
}

function fallback(type: GraphQLInputType): unknown {
  if (isListType(type)) return [];
  if (isInputObjectType(type)) return {};
  return 'fuzz';
}

/**
 * The hostile values for a place of `type`, each with where it sits below this place: a scalar's own
 * list, and for an input object each field's (the rest plausible), for a list its items and its length.
 */
function hostiles(
  type: GraphQLInputType,
  name: string,
  owner: string,
  p: Plausible,
  rng: Rng,
  seed: number,
  depth = 0,
): Array<Hostile & { at: string }> {
  const here = (hs: Hostile[], prefix: string) => hs.map((h) => ({ ...h, at: '', label: `${prefix}:${h.label}` }));
  if (isNonNullType(type))
    return [{ at: '', label: 'null', value: null }, ...hostiles(type.ofType, name, owner, p, rng, seed, depth)];
  if (isListType(type)) {
    const item = plausible(type.ofType, name, owner, p, rng, depth + 1) ?? fallback(type.ofType);
    const items = hostiles(type.ofType, name, owner, p, rng, seed, depth + 1)
      // each kind of bad item once, beside a good one
      .map((h) => ({ ...h, at: `[]${h.at}`, value: [item, h.value] }));
    return [
      { at: '', label: 'list:empty', value: [] },
      { at: '', label: 'list:huge', value: Array.from({ length: HUGE_LIST }, () => item) },
      { at: '', label: 'list:hugeInvalid', value: Array.from({ length: HUGE_LIST }, () => ({ invalid: true })) },
      { at: '', label: 'list:nested', value: [[item]] },
      { at: '', label: 'list:object', value: { 0: item, length: 1 } },
      ...items,
    ];
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return here(
      [
        { label: 'unknown', value: 'NOT_A_VALUE', literal: 'NOT_A_VALUE' },
        { label: 'lowercase', value: values[0]!.toLowerCase(), literal: values[0]!.toLowerCase() },
        { label: 'string', value: values[0], literal: JSON.stringify(values[0]) },
        { label: 'number', value: 1, wrongType: true },
        { label: 'empty', value: '' },
        { label: 'nul', value: `${values[0]}\u0000` },
        ...values.map((v) => ({ label: v, value: v, literal: v })),
      ],
      type.name,
    );
  }
  if (isInputObjectType(type)) {
    const base = (plausible(type, name, owner, p, rng, depth) ?? {}) as Record<string, unknown>;
    const own = here(
      [
        { label: 'empty', value: {} },
        { label: 'unknownField', value: { ...base, notAField: 1 } },
        {
          label: 'proto',
          value: JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}`),
        },
        { label: 'string', value: 'not an object', wrongType: true },
        { label: 'list', value: [base], wrongType: true },
      ],
      type.name,
    );
    if (depth > 3) return own;
    const fields = Object.values(type.getFields()).flatMap((f) =>
      hostiles(f.type, f.name, owner, p, rng, seed, depth + 1).map((h) => ({
        ...h,
        at: `.${f.name}${h.at}`,
        value: { ...base, [f.name]: h.value },
      })),
    );
    return [...own, ...fields];
  }
  const s = seed + name.length + depth;
  switch (type.name) {
    case 'String':
    case 'ID':
      return here(hostileStrings(s), type.name);
    case 'Int':
      return here(hostileInts(s), 'Int');
    case 'Float':
      return here(hostileFloats(s), 'Float');
    case 'Boolean':
      return here(
        [
          { label: 'string', value: 'true', wrongType: true },
          { label: 'number', value: 1, wrongType: true },
          { label: 'false', value: false },
        ],
        'Boolean',
      );
    case 'DateTime':
      return here(hostileDates(s), 'DateTime');
    case '_Any':
      // federation's entity representations (only a subgraph's own schema has them)
      return here(
        [
          { label: 'noTypename', value: { id: 'x' } },
          { label: 'unknownType', value: { __typename: 'NotAType', id: 'x' } },
          { label: 'rootType', value: { __typename: 'Query' } },
          { label: 'noId', value: { __typename: owner } },
          { label: 'idNul', value: { __typename: owner, id: 'a\u0000b' } },
          { label: 'idSurrogate', value: { __typename: owner, id: '\ud800' } },
          { label: 'idNumber', value: { __typename: owner, id: 7 } },
          { label: 'idObject', value: { __typename: owner, id: { $ne: null } } },
          { label: 'id100KB', value: { __typename: owner, id: 'x'.repeat(100_000) } },
          { label: 'string', value: 'Camera', wrongType: true },
          { label: 'number', value: 1, wrongType: true },
        ],
        '_Any',
      );
    default:
      return here(hostileStrings(s), type.name);
  }
}

/** A JSON value written as a GraphQL literal for a place of `type` (enum values bare when they can be). */
export function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : inner)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
    const entries = Object.entries(value as Record<string, unknown>).filter(([k]) =>
      /^[_A-Za-z][_0-9A-Za-z]*$/.test(k),
    );
    return `{${entries.map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`).join(', ')}}`;
  }
  if (typeof value === 'string') {
    if (
      inner &&
      isEnumType(inner) &&
      /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) &&
      !['true', 'false', 'null'].includes(value)
    )
      return value;
    return JSON.stringify(value);
  }
  return String(value);
}

/** Actors that may call a root field, by its @can (from the supergraph) or, without one, everyone. */
export type CanOf = (field: string, op: OpKind) => { action: Action; subject: SubjectType } | undefined;

/**
 * A selection the actor may read (the policy refuses a whole operation for one unreadable field): its
 * leaves, or only the ids (`idsOnly`), down to objects two levels below and through connections.
 */
export function selection(type: GraphQLNamedType, ability: Ability, depth = 0, idsOnly = false): string {
  if (isUnionType(type) || isInterfaceType(type)) return '{ __typename }';
  if (!isObjectType(type)) return '';
  const readable = (t: GraphQLObjectType, f: string) =>
    !(t.name in SUBJECT_FIELDS) || ability.can('read', t.name as SubjectType, f);
  const parts = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type)) || !readable(type, f.name)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) {
      if (!idsOnly || f.name === 'id') parts.push(f.name);
    } else if (depth < 2 && (type.name.endsWith('Connection') || type.name.endsWith('Edge') || depth < 1)) {
      const sub = selection(named, ability, depth + 1, idsOnly);
      if (sub) parts.push(`${f.name} ${sub}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

export interface GenerateOptions {
  schema: GraphQLSchema;
  seed: number;
  plausible: Plausible;
  actors: readonly ActorKind[];
  /** The root field's policy, to send most cases as an actor that passes it (deeper code runs). */
  canOf: CanOf;
  /** Which root operation types to walk. */
  ops?: readonly OpKind[];
  /** Also send scalar-typed hostile values inline (parseLiteral instead of parseValue). */
  inline?: boolean;
  /**
   * At most this many hostile values per argument place, drawn by the seed (each run meets every place;
   * other seeds meet the other values). The null of a required place and the structural values of
   * lists and input objects are always sent.
   */
  perPlace?: number;
  /** Skip fields (e.g. federation's _service, which takes no input). */
  skip?: (field: string) => boolean;
}

const rootOf = (schema: GraphQLSchema, op: OpKind) =>
  op === 'query' ? schema.getQueryType() : op === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();

/** Every case of a schema: for each root field, each argument place, each hostile value. */
export function generate(o: GenerateOptions): FuzzCase[] {
  const rng = prng(o.seed);
  const cases: FuzzCase[] = [];
  const abilities = new Map(
    o.actors.map((a) => [
      a,
      abilityFor(
        a === 'public'
          ? { kind: 'public', sub: 'anonymous' }
          : { kind: a, sub: `fuzz-${a}`, org: 'fuzz-org', municipality: 'GM0344' },
      ),
    ]),
  );
  for (const op of o.ops ?? (['query', 'mutation', 'subscription'] as const)) {
    const root = rootOf(o.schema, op);
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (o.skip?.(field.name)) continue;
      const can = o.canOf(field.name, op);
      const allowed = o.actors.filter((a) => !can || abilities.get(a)!.can(can.action, can.subject));
      // most cases as an actor the policy lets through, the rest as anyone (refusals must be clean too)
      const actorFor = () => (allowed.length && rng.chance(0.8) ? rng.pick(allowed) : rng.pick(o.actors));
      const returned = getNamedType(field.type);
      // _entities returns a union: its representations name one of the entity types
      const owner = isUnionType(returned) ? rng.pick(returned.getTypes()).name : returned.name;
      const base: Record<string, unknown> = {};
      for (const a of field.args) {
        if (!isNonNullType(a.type) && !rng.chance(0.3)) continue;
        const v = plausible(a.type, a.name, owner, o.plausible, rng);
        if (v !== undefined) base[a.name] = v;
      }
      const add = (
        at: string,
        label: string,
        variables: Record<string, unknown>,
        actor: ActorKind,
        form: FuzzCase['form'] = 'variable',
        inlineArg?: { arg: GraphQLArgument; text: string },
      ) => {
        const sel = selection(getNamedType(field.type), abilities.get(actor)!);
        cases.push({
          op,
          field: field.name,
          at,
          label,
          form,
          actor,
          variables,
          document: documentFor(op, field, Object.keys(variables), sel, inlineArg),
        });
      };
      // the plain call, as every actor
      for (const actor of o.actors) add('-', 'plausible', base, actor);
      for (const arg of field.args) {
        for (const h of sampled(
          hostiles(arg.type, arg.name, owner, o.plausible, rng, o.seed),
          o.perPlace ?? Infinity,
          rng,
        )) {
          const at = `${arg.name}${h.at}`;
          add(at, h.label, { ...base, [arg.name]: h.value }, actorFor());
          // scalars also inline: a literal goes through parseLiteral and the gateway's validation instead
          if (
            o.inline &&
            h.at === '' &&
            (isScalarType(getNamedType(arg.type)) || isEnumType(getNamedType(arg.type))) &&
            rng.chance(0.5)
          ) {
            const { [arg.name]: _drop, ...rest } = base;
            add(at, h.label, rest, actorFor(), 'inline', { arg, text: h.literal ?? literal(h.value, arg.type) });
          }
        }
      }
    }
  }
  return cases;
}

/**
 * Per place (`at`): the structural values (null, the list shapes), one value of another type, and at
 * most `n` of the others, chosen by the seed.
 */
function sampled<T extends Hostile & { at: string }>(hs: T[], n: number, rng: Rng): T[] {
  const places = new Map<string, T[]>();
  for (const h of hs) places.set(h.at, [...(places.get(h.at) ?? []), h]);
  const shuffled = (xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  return [...places.values()].flatMap((group) => {
    const always = group.filter((h) => h.label === 'null' || h.label.startsWith('list:'));
    const wrongType = shuffled(group.filter((h) => h.wrongType)).slice(0, 1);
    const rest = shuffled(group.filter((h) => !always.includes(h) && !wrongType.includes(h)));
    return [...always, ...wrongType, ...rest.slice(0, n)];
  });
}

function documentFor(
  op: OpKind,
  field: GraphQLField<unknown, unknown>,
  varNames: string[],
  sel: string,
  inlineArg?: { arg: GraphQLArgument; text: string },
): string {
  const args = field.args.filter((a) => varNames.includes(a.name));
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`);
  const uses = args.map((a) => `${a.name}: $${a.name}`);
  if (inlineArg) uses.push(`${inlineArg.arg.name}: ${inlineArg.text}`);
  return `${op} Fuzz${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${uses.length ? `(${uses.join(', ')})` : ''} ${sel} }`;
}
