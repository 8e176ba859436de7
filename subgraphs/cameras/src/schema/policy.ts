// The access rules themselves, readable by the supervisor (the authority reads "the access rules
// themselves": the root README's actor table). Straight from packages/auth: what is enforced is what is shown.
import { Arg, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describePolicy } from '@hub/auth';
import { Can } from '@hub/subgraph-kit';

@ObjectType({ description: 'One rule of the hub-wide access policy (CASL), per kind of actor.' })
export class AccessRule {
  @Field(() => String, { description: 'Actor kind; <own …> marks conditions bound to the caller' }) actor!: string;
  @Field(() => String) action!: string;
  @Field(() => String) subject!: string;
  @Field(() => [String], { nullable: true, description: 'Only these fields; null = all fields' }) fields!:
    string[] | null;
  @Field(() => String, { nullable: true, description: 'Row conditions as JSON; null = every row' }) conditions!:
    string | null;
  @Field(() => Boolean, { description: 'A refusal (cannot) rather than a permission' }) inverted!: boolean;
}

@Resolver()
export class AccessRuleResolver {
  @Query(() => [AccessRule], { description: 'The access policy as enforced (authority, police).' })
  @Can('read', 'AccessRule')
  accessRules(@Arg('actor', () => String, { nullable: true }) actor?: string): AccessRule[] {
    return describePolicy().filter((r) => !actor || r.actor === actor);
  }
}
