// Federation across subgraphs: while the gateway delivers a subscription event, it resolves fields
// owned by another subgraph through `_entities` calls. Those calls must carry the *subscriber's*
// signed actor (not the one who caused the event, not none). A probe subgraph extending Camera
// answers with the actor it was given.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ctx, Directive, Field, ID, ObjectType, Query, Resolver, FieldResolver, Root } from 'type-graphql';
import type { Actor } from '@hub/auth';
import { camerasSubgraph } from '@hub/cameras';
import type { HubContext, SubgraphDefinition } from '@hub/subgraph-kit';
import { bootHub, codes, collect, waitFor, type Hub } from './harness.js';

@Directive('@key(fields: "id")')
@ObjectType('Camera')
class ProbeCamera {
  @Field(() => ID) id!: string;
}

@Resolver(() => ProbeCamera)
class ProbeResolver {
  @Query(() => String)
  probeHealth(): string {
    return 'ok';
  }

  // `recordings` is the field the footage subgraph will own; police only in the policy.
  @FieldResolver(() => [String])
  recordings(@Root() cam: ProbeCamera, @Ctx() ctx: HubContext): string[] {
    return [`${cam.id} seen by ${ctx.actor.kind}:${ctx.actor.sub}`];
  }
}

const probe: SubgraphDefinition = {
  name: 'probe',
  resolvers: [ProbeResolver],
  orphanedTypes: [ProbeCamera],
  stubs: ['Camera'],
};
const watcher: Actor = { kind: 'police', sub: 'watcher-7', org: 'politie' };

let hub: Hub;
beforeAll(async () => {
  hub = await bootHub({ subgraphs: [camerasSubgraph, probe] });
});
afterAll(async () => hub?.close());

describe('signed actor on every hop', () => {
  it('queries spanning two subgraphs carry the caller to both', async () => {
    const r = await hub.gql('police', '{ camera(id: "utrecht-neude-1") { id name recordings } }');
    expect(r.errors).toBeUndefined();
    expect(r.data?.camera.recordings).toEqual(['utrecht-neude-1 seen by police:agent-4711']);
    // and the policy at the gateway still refuses what the caller may never read
    expect(codes(await hub.gql('municipality', '{ camera(id: "utrecht-neude-1") { recordings } }'))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it("`_entities` calls made while delivering a subscription event carry the subscriber's actor", async () => {
    const sub = collect(hub.ws(watcher), 'subscription { cameraStatusChanged { status camera { id recordings } } }');
    await new Promise((r) => setTimeout(r, 500));
    const changed = await hub.gql(
      'police',
      'mutation { setCameraStatus(id: "utrecht-vredenburg-1", status: OFFLINE, reason: "power cut") { status } }',
    );
    expect(changed.errors).toBeUndefined();
    await waitFor(() => sub.events.length > 0 || sub.errors.length > 0, 8000, 'event');
    expect(sub.errors).toEqual([]);
    expect(sub.events[0]).toEqual({
      cameraStatusChanged: {
        status: 'OFFLINE',
        camera: { id: 'utrecht-vredenburg-1', recordings: ['utrecht-vredenburg-1 seen by police:watcher-7'] },
      },
    });
    sub.dispose();
  });
});
