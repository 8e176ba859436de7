import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { AuditEntry as Entry } from '@hub/audit';
import { Can, decodeCursor, SEQ_CURSOR, pageSize, type HubContext } from '@hub/subgraph-kit';
import { encodeCursor } from '@hub/subgraph-kit';
import { auditOf } from './recording.js';
import { AuditChainReport, AuditEntry, AuditEntryConnection, AuditFilterInput } from './types.js';

const toEntry = (e: Entry): AuditEntry => ({ ...e, id: String(e.seq) });

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The access audit log, newest first (authority, police).' })
  @Can('read', 'AuditEntry')
  async auditLog(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, SEQ_CURSOR);
    const page = await auditOf(ctx.database).list(filter ?? {}, limit, cursor ? Number(cursor[0]) : undefined);
    const edges = page.entries.map((e) => ({ cursor: encodeCursor([e.seq]), node: toEntry(e) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

  @Query(() => AuditChainReport, { description: 'Recompute the hash chain: the first entry altered, removed or inserted out of order.' })
  @Can('verify', 'AuditEntry')
  async verifyAuditChain(@Ctx() ctx: HubContext): Promise<AuditChainReport> {
    return auditOf(ctx.database).verify();
  }
}
