// The public camera register (003 §5). The query in db/register.ts.
import { Arg, Ctx, Query, Resolver, Args } from 'type-graphql';
import { Can, type HubContext, PageArgs } from '@hub/subgraph-kit';
import { registerPage } from '../db/register.js';
import { PublicRegisterConnection } from './types.js';

@Resolver()
export class PublicRegisterResolver {
  @Query(() => PublicRegisterConnection, {
    description:
      "A municipality's public camera register (003 §5): positions, areas, legal basis and periods. Open to everyone (a source system's machine credential is not anyone).",
  })
  // everyone's policy reads the public camera fields; a `system` credential reads nothing
  @Can('read', 'Camera')
  async publicCameraRegister(
    @Ctx() ctx: HubContext,
    @Arg('municipality', () => String) municipality: string,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    return registerPage(ctx, municipality, first, after);
  }
}
