// A subgraph's schema: type-graphql resolvers → Federation 2 schema with the @can policy directive,
// entity reference resolvers that apply the policy, and input validation.
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { createPubSub } from '@graphql-yoga/subscription';
import { parse, type GraphQLSchema } from 'graphql';
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchemaSync, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { subject, type SubjectType } from '@hub/auth';
import { UNSTORABLE_TEXT, type Database } from '@hub/db';
import type { Events, Topic } from '@hub/events';
import type { Clock, HubContext } from './context.js';
import { badInput } from './errors.js';
import { guardFields } from './guard.js';
import { createBatchLoader } from './batch.js';
import type { StreamRoute } from './stream.js';
import { BoundedDateTime } from './datetime.js';

const FEDERATION_HEADER = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@composeDirective"])
  @link(url: "https://camhub.example/policy/v1.0", import: ["@can"])
  @composeDirective(name: "@can")

"""Policy guard: the gateway refuses the field unless the caller's ability allows action on subject (packages/auth)."""
directive @can(action: String!, subject: String!, field: String) on FIELD_DEFINITION
`;

/** Loads entities by id for `_entities`; batched per request. Rows the actor may not read become null. */
export type EntityLoader = (ids: string[], ctx: HubContext) => Promise<Array<Record<string, unknown>>>;

export interface SubgraphDefinition {
  /** Also the name of the Postgres schema it owns. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type for resolver classes
  resolvers: NonEmptyArray<Function>;
  /** Entities owned elsewhere that this subgraph extends (STACK-NOTES: must be listed). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as type-graphql takes them
  orphanedTypes?: Function[];
  /** Entities this subgraph resolves by key, by GraphQL type name (= policy subject). */
  entities?: Record<string, EntityLoader>;
  /** Entities this subgraph only references: resolved to a stub { id }. */
  stubs?: string[];
  /** Prepares shared packages this subgraph writes to (e.g. the audit log's tables), before its own migrations. */
  prepare?: (database: Database) => Promise<void>;
  /** Its committed drizzle-kit migrations (absent: the subgraph owns no tables). */
  migrationsFolder?: string;
  /** Outbox topics delivered to this subgraph's GraphQL subscriptions. */
  liveTopics?: readonly Topic[];
  /** Loads the demo data (idempotent); `npm start` and tests call it after migrations. */
  seed?: (database: Database, events: Events) => Promise<unknown>;
  /**
   * Background work of this subgraph (durable event consumers, schedulers), set up at boot before
   * events start flowing. Returns what stops it.
   */
  background?: (services: { database: Database; events: Events; clock: Clock }) => (() => Promise<void>) | void;
  /** Streaming HTTP endpoints (NDJSON ingest), reached through the gateway's route of the same path. */
  streams?: StreamRoute[];
}

export interface BuiltSubgraph {
  schema: GraphQLSchema;
  sdl: string;
  pubSub: ReturnType<typeof createPubSub>;
}

const VALIDATION: ValidatorOptions = {
  forbidUnknownValues: false,
  skipMissingProperties: true,
  validationError: { target: false, value: false },
};

/**
 * class-validator on input objects, as type-graphql's default does, but imported once: the default
 * runs `await import('class-validator')` for every object argument — Dates too — which under tsx's
 * loader cost 12% of a subgraph's CPU per request (profiled). Scalars and Dates have nothing to check.
 */
async function validateInput(value: unknown): Promise<void> {
  if (hasUnstorableText(value)) throw badInput('text must not contain NUL characters or unpaired surrogates');
  const objects = (Array.isArray(value) ? value : [value]).filter(
    (v) => v !== null && typeof v === 'object' && !(v instanceof Date),
  );
  if (objects.length === 0) return;
  try {
    await Promise.all(objects.map((o) => validateOrReject(o as object, VALIDATION)));
  } catch (err) {
    throw new ArgumentValidationError(err as ValidationError[]);
  }
}

/**
 * Marks an input class whose rows are checked one by one in the domain (batch ingest: a bad row is
 * rejected with its reason, the rest stored), NUL and unpaired surrogates included: not refused whole here.
 */
export const CHECKS_OWN_TEXT = Symbol('checksOwnText');

/** Any string in an argument (nested too) that PostgreSQL would refuse, failing the whole statement. */
function hasUnstorableText(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return UNSTORABLE_TEXT.test(v);
  if (depth > 20 || v === null || typeof v !== 'object' || v instanceof Date) return false;
  if ((v.constructor as { [CHECKS_OWN_TEXT]?: boolean } | undefined)?.[CHECKS_OWN_TEXT]) return false;
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => hasUnstorableText(x, depth + 1));
}

export function buildSubgraph(def: SubgraphDefinition): BuiltSubgraph {
  const pubSub = createPubSub();
  const tgSchema = buildSchemaSync({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    pubSub,
    // ISO-8601 `DateTime` (RFC 3339) for every timestamp, within 1970–8999 (datetime.ts)
    scalarsMap: [{ type: Date, scalar: BoundedDateTime }],
    validateFn: validateInput,
    skipCheck: true,
  });
  const typeDefs = parse(FEDERATION_HEADER + printSchemaWithDirectives(tgSchema));
  const resolvers = createResolversMap(tgSchema) as Record<string, Record<string, unknown>>;
  for (const [type, loader] of Object.entries(def.entities ?? {})) {
    (resolvers[type] ??= {}).__resolveReference = referenceResolver(type as SubjectType, loader);
  }
  for (const type of def.stubs ?? []) {
    (resolvers[type] ??= {}).__resolveReference = (ref: { id: string }) => ({ id: ref.id });
  }
  // Connections count lazily: totalCount may be a function, called only when the field is selected.
  for (const type of Object.keys(tgSchema.getTypeMap()).filter((t) => t.endsWith('Connection'))) {
    (resolvers[type] ??= {}).totalCount = (p: { totalCount: number | (() => Promise<number>) }) =>
      typeof p.totalCount === 'function' ? p.totalCount() : p.totalCount;
  }
  guardFields(tgSchema, resolvers);
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  checkRepresentations(schema, new Set([...Object.keys(def.entities ?? {}), ...(def.stubs ?? [])]));
  return { schema, sdl: printSubgraphSchema(schema), pubSub };
}

const MAX_ENTITY_ID = 1024;

/**
 * `_entities` takes any JSON (federation's _Any). Only the gateway calls it, but a subgraph trusts no
 * one: a representation must name an entity this subgraph resolves, with a storable string id (every
 * key here is `id`). Anything else reached @apollo/subgraph's resolver and came back
 * INTERNAL_SERVER_ERROR; now it is BAD_USER_INPUT (bad input never reaches a 500).
 */
function checkRepresentations(schema: GraphQLSchema, types: ReadonlySet<string>) {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  const valid = (r: unknown) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return false;
    const { __typename, id } = r as { __typename?: unknown; id?: unknown };
    return (
      typeof __typename === 'string' &&
      types.has(__typename) &&
      typeof id === 'string' &&
      id.length > 0 &&
      id.length <= MAX_ENTITY_ID &&
      !UNSTORABLE_TEXT.test(id)
    );
  };
  field.resolve = (source, args, ctx, info) => {
    const representations = (args as { representations?: unknown }).representations;
    if (!Array.isArray(representations) || !representations.every(valid)) {
      throw badInput(
        `representations must be objects naming an entity type of this service, with an id of 1-${MAX_ENTITY_ID} characters`,
      );
    }
    return resolve(source, args, ctx, info);
  };
}

function referenceResolver(type: SubjectType, load: EntityLoader) {
  const loader = createBatchLoader(load);
  return async (ref: { id: string }, ctx: HubContext) => {
    // refused before loading: a loader may audit what it reads, and a refused call logs no read
    if (!ctx.ability.can('read', type)) return null;
    const row = await loader(ref.id, ctx);
    return row && ctx.ability.can('read', subject(type, row)) ? row : null;
  };
}
