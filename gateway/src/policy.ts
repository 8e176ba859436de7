// The gateway's half of defense in depth: before planning, every selected field is checked against
// the same CASL policy the subgraphs use. Root fields carry @can(action, subject, field) from their
// subgraph (composed into the supergraph); fields of policy subjects need `read` on that field.
import { GraphQLError, Kind, parse, visit, type ValidationRule } from 'graphql';
import { SUBJECT_FIELDS, refusal, type Ability, type Action, type Actor, type SubjectType } from '@hub/auth';

export type CanMap = Map<string, { action: Action; subject: SubjectType; field?: string }>;

/** `Type.field` → @can arguments, read from the supergraph SDL. */
export function canMapFromSupergraph(supergraphSdl: string): CanMap {
  const map: CanMap = new Map();
  visit(parse(supergraphSdl), {
    ObjectTypeDefinition(type) {
      for (const field of type.fields ?? []) {
        const can = field.directives?.find((d) => d.name.value === 'can');
        if (!can) continue;
        const arg = (n: string) => {
          const a = can.arguments?.find((x) => x.name.value === n);
          return a && a.value.kind === Kind.STRING ? a.value.value : undefined;
        };
        map.set(`${type.name.value}.${field.name.value}`, {
          action: arg('action') as Action,
          subject: arg('subject') as SubjectType,
          field: arg('field'),
        });
      }
    },
  });
  return map;
}

function refused(actor: Actor, what: string, node: never): GraphQLError {
  const r = refusal(actor, what);
  return new GraphQLError(r.message, { nodes: [node], extensions: { code: r.code, http: { status: r.status } } });
}

/** One error per refused field; what lies under a refused field is not examined (it will not run). */
export function policyRule(actor: Actor, ability: Ability, canMap: CanMap): ValidationRule {
  return (ctx) => {
    const reported = new Set<string>();
    const refuse = (what: string, node: unknown) => {
      if (!reported.has(what)) ctx.reportError(refused(actor, what, node as never));
      reported.add(what);
      return false; // skip the subtree
    };
    return {
      Field(node) {
        const parent = ctx.getParentType();
        const def = ctx.getFieldDef();
        if (!parent || !def || def.name.startsWith('__')) return undefined;
        const can = canMap.get(`${parent.name}.${def.name}`);
        if (can && !ability.can(can.action, can.subject, can.field)) {
          return refuse(`${can.action} ${can.subject}${can.field ? `.${can.field}` : ''}`, node);
        }
        if (parent.name in SUBJECT_FIELDS && !ability.can('read', parent.name as SubjectType, def.name)) {
          return refuse(`read ${parent.name}.${def.name}`, node);
        }
        return undefined;
      },
    };
  };
}
