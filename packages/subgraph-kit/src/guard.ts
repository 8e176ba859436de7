// Enforcement in the subgraph, all of it asking the one policy in @hub/auth:
// @Can on root fields (also emitted as a @can directive so the gateway refuses the same operations),
// a field guard on every entity type named after a policy subject, and entity references.
import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { Directive, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import { permittedFields, rowIndependent, subject, SUBJECT_FIELDS, type Action, type SubjectType } from '@hub/auth';
import type { HubContext } from './context.js';
import { refused } from './errors.js';

/**
 * Root field guard: the actor must be able to `action` some `subjectType` (a field of it when given)
 * at all; which rows is decided by the resolver's SQL (accessibleWhere) or a per-row check.
 */
export function Can(action: Action, subjectType: SubjectType, field?: string): MethodDecorator & PropertyDecorator {
  const args = [`action: "${action}"`, `subject: "${subjectType}"`, ...(field ? [`field: "${field}"`] : [])].join(', ');
  const check: MiddlewareFn<HubContext> = async ({ context }, next) => {
    if (!context.ability.can(action, subjectType, field)) {
      throw refused(context.actor, `${action} ${subjectType}${field ? `.${field}` : ''}`);
    }
    return next();
  };
  const directive = Directive(`@can(${args})`);
  const middleware = UseMiddleware(check);
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key, descriptor as never);
    middleware(target, key, descriptor as never);
  };
}

/** May the actor read this row of `type`? (row-level, for single loads and event filtering) */
export function canRead(ctx: HubContext, type: SubjectType, row: Record<string, unknown>): boolean {
  return ctx.ability.can('read', subject(type, row));
}

// Per-type answers for abilities whose rules on a type do not look at the row (police, authority).
const typeFields = new WeakMap<object, Map<SubjectType, Set<string> | null>>();

function allowedFields(ctx: HubContext, type: SubjectType, parent: Record<string, unknown>): Set<string> {
  let perType = typeFields.get(ctx.ability);
  if (!perType) typeFields.set(ctx.ability, (perType = new Map()));
  let shared = perType.get(type);
  if (shared === undefined) {
    shared = rowIndependent(ctx.ability, 'read', type) ? new Set(permittedFields(ctx.ability, 'read', type)) : null;
    perType.set(type, shared);
  }
  if (shared) return shared;
  let set = ctx.fieldMemo.get(parent);
  if (!set) {
    set = new Set(permittedFields(ctx.ability, 'read', type, parent));
    ctx.fieldMemo.set(parent, set);
  }
  return set;
}

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Wrap every field of every object type named after a policy subject so that a field the policy
 * does not grant on that row is refused, whatever resolver produced the row.
 */
export function guardFields(schema: GraphQLSchema, resolvers: ResolverMap): ResolverMap {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || !(type.name in SUBJECT_FIELDS)) continue;
    const subjectType = type.name as SubjectType;
    const known = new Set<string>(SUBJECT_FIELDS[subjectType]);
    const typeResolvers = (resolvers[type.name] ??= {});
    for (const fieldName of Object.keys(type.getFields())) {
      if (!known.has(fieldName)) {
        throw new Error(`${type.name}.${fieldName} is not in the policy's field list (packages/auth SUBJECT_FIELDS)`);
      }
      const original = typeResolvers[fieldName] as
        GraphQLFieldResolver<unknown, HubContext> | { resolve?: GraphQLFieldResolver<unknown, HubContext> } | undefined;
      const resolve = typeof original === 'function' ? original : original?.resolve;
      typeResolvers[fieldName] = ((parent: Record<string, unknown>, args: unknown, ctx: HubContext, info: never) => {
        if (!allowedFields(ctx, subjectType, parent).has(fieldName)) {
          throw refused(ctx.actor, `read ${subjectType}.${fieldName}`);
        }
        return resolve ? resolve(parent, args, ctx, info) : parent[fieldName];
      }) as unknown;
    }
  }
  return resolvers;
}
