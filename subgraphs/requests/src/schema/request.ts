import { randomUUID } from 'node:crypto';
import { auditLogOf } from '@hub/audit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription, Args } from 'type-graphql';
import { subject } from '@hub/auth';
import type { Queryable } from '@hub/db';
import {
  Can,
  badInput,
  conflict,
  notFound,
  refused,
  type HubContext,
  logTextProblem,
  PageArgs,
  consumeQuota,
  defineQuota,
  quotaKey,
} from '@hub/subgraph-kit';
import {
  applyChange,
  camerasByIds,
  filedBy,
  findRequest,
  footageHeld,
  fromPayload,
  historyOf,
  insertRequest,
  lockForReview,
  recordChange,
  requestFilters,
  requestPage,
  toRequest,
  type RequestPayload,
  type RequestRow,
} from '../db/requests.js';
import { quotaUsage } from '../db/schema.js';
import {
  dueAt,
  expiresAtFiling,
  extensionProblem,
  firstDeletionAt,
  flaggedLate,
  isOverdue,
} from '../domain/deadlines.js';
import { filingProblem, holdCaseReference, type FilingInput } from '../domain/filing.js';
import { receiptProblem, type Receipt } from '../domain/intake.js';
import {
  accessDecisionText,
  fulfilProblem,
  illegalMessage,
  nextStatus,
  reviewProblem,
  securesFootage,
  type HoldStatus,
  type Problem,
  type RequestAction,
  type RequestKind,
  type RequestStatus,
} from '../domain/status.js';
import {
  FOOTAGE_REQUEST_CHANGED,
  HOLD_RELEASE_REQUESTED,
  HOLD_REQUESTED,
  type HoldReleaseRequestedPayload,
  type HoldRequestedPayload,
} from './topics.js';
import {
  FileAccessRequestInput,
  FileFootageRequestInput,
  FootageRequest,
  FootageRequestConnection,
  FootageRequestFilter,
  FulfilFootageRequestInput,
  LegalHoldRef,
  RecordReceivedAccessRequestInput,
  RequestReviewAction,
  RequestTransition,
} from './types.js';

/** Access requests one citizen may file per day (UTC): QUOTA_ACCESS_REQUESTS_PER_CITIZEN_PER_DAY, docs/QUOTAS.md. */
const ACCESS_REQUEST_QUOTA = defineQuota({
  name: 'access-requests',
  envVar: 'QUOTA_ACCESS_REQUESTS_PER_CITIZEN_PER_DAY',
  defaultLimit: 10,
  unit: 'access requests',
});

const fail = (p: Problem) => (p.code === 'CONFLICT' ? conflict(p.message) : badInput(p.message));

/** Lock a request the caller may act on, or NOT_FOUND. */
async function lockRequest(tx: Queryable, ctx: HubContext, id: string): Promise<RequestRow> {
  const row = await lockForReview(tx, ctx.ability, id);
  if (!row) throw notFound(`No footage request ${id}`);
  return row;
}

function mustMove(row: RequestRow, action: RequestAction): RequestStatus {
  const to = nextStatus(row.status as RequestStatus, action);
  if (!to) throw conflict(illegalMessage(row.status as RequestStatus, action));
  return to;
}

const requestedBy = (ctx: HubContext) => ({
  kind: ctx.actor.kind,
  sub: ctx.actor.sub,
  ...(ctx.actor.org ? { org: ctx.actor.org } : {}),
});

/**
 * File a request of any kind: validated, cameras known (and visible to the filer), one municipality.
 * `receipt`: an access request received outside the hub, registered now by staff who handle requests.
 */
async function file(ctx: HubContext, input: FilingInput, receipt?: Receipt): Promise<FootageRequest> {
  const now = ctx.clock.now();
  // the deadline runs from receipt: filing through the hub is receipt (domain/intake.ts)
  const receivedAt = receipt?.receivedAt ?? now;
  // The policy decides who may file what (police: not an access request; a citizen: only their own access request).
  if (
    !receipt &&
    !ctx.ability.can(
      'create',
      subject('FootageRequest', { kind: input.kind, requesterKind: ctx.actor.kind, requesterId: ctx.actor.sub }),
    )
  ) {
    throw refused(ctx.actor, `file a ${input.kind} request`);
  }
  const problem = (receipt && receiptProblem(receipt, input.windowEnd, now)) || filingProblem(input, receivedAt);
  if (problem) throw badInput(problem);
  const cameraIds = [...new Set(input.cameraIds)];
  return ctx.db.transaction(async (tx) => {
    const known = await camerasByIds(tx, cameraIds);
    // a camera the filer may not see (a covert or decommissioned one, for a citizen) is as unknown as a camera that does not exist
    const visible = new Map(
      known
        .filter((c) =>
          ctx.ability.can(
            'read',
            subject('Camera', { covert: c.covert, municipality: c.municipality, status: c.status }),
          ),
        )
        .map((c) => [c.id, c]),
    );
    const missing = cameraIds.filter((id) => !visible.has(id));
    if (missing.length)
      throw badInput(
        `Unknown camera ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
      );
    const municipalities = new Set([...visible.values()].map((c) => c.municipality));
    if (municipalities.size > 1)
      throw badInput('The cameras are in more than one municipality: file one request per municipality');
    const municipality = [...municipalities][0]!;
    // a received request is registered by whoever handles requests of those cameras (the policy's `review`)
    if (receipt && !ctx.ability.can('review', subject('FootageRequest', { kind: input.kind, municipality })))
      throw refused(ctx.actor, `register an access request received for ${municipality}`);
    // a citizen's access requests per day are bounded (docs/QUOTAS.md)
    if (input.kind === 'DATA_SUBJECT_ACCESS' && !receipt)
      await consumeQuota(tx, quotaUsage, ACCESS_REQUEST_QUOTA, quotaKey(ctx.actor, 'sub'), now);
    // Past retention, the footage exists only if a hold secures it (one placed for an earlier request);
    // an access request is answered from the retention period alone (domain/deadlines.ts)
    const gone = await expiresAtFiling(input.kind, input.windowEnd, receivedAt, () =>
      footageHeld(tx, cameraIds, input.windowStart, input.windowEnd),
    );
    const due = dueAt(input.kind, receivedAt, input.windowStart);
    const row = await insertRequest(tx, {
      id: randomUUID(),
      kind: input.kind,
      reportNumber: input.reportNumber?.trim() || null,
      caseReference: input.caseReference?.trim() || null,
      cameraIds,
      municipality,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      place: input.place.trim(),
      description: input.description.trim(),
      requester: ctx.actor.org ?? ctx.actor.sub,
      requesterId: ctx.actor.sub,
      requesterKind: ctx.actor.kind,
      status: 'SUBMITTED',
      filedAt: now,
      channel: receipt?.channel ?? 'HUB',
      receivedAt,
      dueAt: due,
      originalDueAt: due,
      flaggedLate: flaggedLate(input.kind, input.windowStart, now),
      updatedAt: now,
    });
    const actor = ctx.actor;
    const received = receipt ? `received by ${receipt.channel} at ${receivedAt.toISOString()}` : null;
    await recordChange(tx, ctx.events, row, { action: 'FILE', from: null, actor, reason: received, at: now });
    const filed = !gone
      ? row
      : await applyChange(
          tx,
          ctx.events,
          row,
          {
            status: 'EXPIRED',
            decisionReason:
              input.kind === 'DATA_SUBJECT_ACCESS'
                ? 'Footage is kept for 28 days: the footage of this window has been deleted'
                : 'The footage of this window was deleted after the 28-day retention period and no legal hold secures it',
          },
          {
            action: 'EXPIRE',
            actor,
            reason: `past retention when ${receipt ? 'received' : 'filed'}, no hold`,
            at: now,
          },
        );
    // a registered receipt sets a legal deadline: who entered which date is in the audit log. Last,
    // just before commit: the append holds the chain lock until the transaction ends
    if (receipt)
      await auditLogOf(ctx.database).append(tx, {
        actor,
        action: 'requests.accessRequest.received',
        subjectType: 'FootageRequest',
        subjectIds: [row.id],
        purpose: received,
        at: now,
      });
    return toRequest(filed);
  });
}

@Resolver(() => FootageRequest)
export class FootageRequestResolver {
  @Query(() => FootageRequest, {
    description: 'One request: police any, a citizen only their own (others: NOT_FOUND).',
  })
  @Can('read', 'FootageRequest')
  async footageRequest(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    const row = await findRequest(ctx.db, ctx.ability, id);
    if (!row) throw notFound(`No footage request ${id}`);
    return toRequest(row);
  }

  @Query(() => FootageRequestConnection, { description: 'All requests, newest first (police).' })
  @Can('read', 'FootageRequest', 'requesterId')
  async footageRequests(
    @Ctx() ctx: HubContext,
    @Arg('filter', () => FootageRequestFilter, { nullable: true }) filter?: FootageRequestFilter,
    @Args(() => PageArgs) { first, after }: PageArgs = {},
  ) {
    return requestPage(ctx, requestFilters(filter ?? {}, ctx.clock.now()), first, after);
  }

  @Query(() => FootageRequestConnection, {
    description: 'The requests the caller filed, newest first (a citizen: their access requests).',
  })
  @Can('read', 'FootageRequest')
  async myRequests(@Ctx() ctx: HubContext, @Args(() => PageArgs) { first, after }: PageArgs = {}) {
    // the caller's own: same kind of actor and same subject (a citizen and an officer may share a `sub`)
    return requestPage(ctx, [filedBy(ctx.actor)], first, after);
  }

  @FieldResolver(() => Boolean, { description: 'Open and past its due date' })
  overdue(@Root() r: FootageRequest, @Ctx() ctx: HubContext) {
    return isOverdue({ status: r.status as RequestStatus, dueAt: r.dueAt }, ctx.clock.now());
  }

  @FieldResolver(() => LegalHoldRef, {
    nullable: true,
    description: "The footage subgraph's legal hold securing this request's recordings",
  })
  hold(@Root() r: FootageRequest) {
    return r.holdId ? { id: r.holdId } : null;
  }

  @FieldResolver(() => [RequestTransition], { description: 'Every step, oldest first' })
  async history(@Root() r: FootageRequest, @Ctx() ctx: HubContext) {
    return historyOf(ctx.db, r.id);
  }

  @Mutation(() => FootageRequest, {
    description:
      'File a POLICE_REPORT (report number required) or PROSECUTOR (case reference required) request. Flagged when the footage is older than 21 days; EXPIRED at once when past the 28-day retention and not held.',
  })
  @Can('create', 'FootageRequest')
  async fileFootageRequest(
    @Ctx() ctx: HubContext,
    @Arg('input', () => FileFootageRequestInput) input: FileFootageRequestInput,
  ) {
    return file(ctx, { ...input, kind: input.kind as RequestKind });
  }

  @Mutation(() => FootageRequest, {
    description: 'A filmed person asks to see footage of themselves (GDPR art. 15); due one month after filing.',
  })
  @Can('create', 'FootageRequest')
  async fileAccessRequest(
    @Ctx() ctx: HubContext,
    @Arg('input', () => FileAccessRequestInput) input: FileAccessRequestInput,
  ) {
    return file(ctx, { ...input, kind: 'DATA_SUBJECT_ACCESS' });
  }

  @Mutation(() => FootageRequest, {
    description:
      'Register an access request received by letter, at the desk or by e-mail, with when it was received: due one month after that (GDPR art. 12(3)). By those who handle requests (police); audited.',
  })
  @Can('review', 'FootageRequest')
  async recordReceivedAccessRequest(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RecordReceivedAccessRequestInput) input: RecordReceivedAccessRequestInput,
  ) {
    const { receivedAt, channel, ...request } = input;
    return file(ctx, { ...request, kind: 'DATA_SUBJECT_ACCESS' }, { receivedAt, channel });
  }

  @Mutation(() => FootageRequest, {
    description:
      'START_REVIEW, APPROVE or REJECT (with a reason). Approving a police or prosecutor request secures its footage: the footage subgraph places a legal hold.',
  })
  @Can('review', 'FootageRequest')
  async reviewFootageRequest(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('action', () => RequestReviewAction) action: 'START_REVIEW' | 'APPROVE' | 'REJECT',
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    const problem = reviewProblem(action, reason);
    if (problem) throw fail(problem);
    // an approval's reason goes into the legal hold's audit entry: visible text only
    const hidden = reason?.trim() ? logTextProblem('reason', reason.trim()) : null;
    if (hidden) throw badInput(hidden);
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const row = await lockRequest(tx, ctx, id);
      const to = mustMove(row, action);
      const patch: Partial<RequestRow> = { status: to };
      if (action !== 'START_REVIEW')
        Object.assign(patch, {
          decision: action === 'APPROVE' ? 'APPROVED' : 'REJECTED',
          decisionReason: reason?.trim() || null,
        });
      if (action === 'APPROVE' && securesFootage(row.kind as RequestKind)) {
        patch.holdStatus = 'PENDING';
        const hold: HoldRequestedPayload = {
          requestId: row.id,
          caseReference: holdCaseReference(row) ?? row.id,
          reason: `Footage request ${row.id} (${row.kind}) approved${reason?.trim() ? `: ${reason.trim()}` : ''}`,
          cameraIds: row.cameraIds,
          windowStart: row.windowStart.toISOString(),
          windowEnd: row.windowEnd.toISOString(),
          requestedBy: requestedBy(ctx),
          at: now.toISOString(),
        };
        await ctx.events.publish(tx, HOLD_REQUESTED, hold);
      }
      return toRequest(await applyChange(tx, ctx.events, row, patch, { action, actor: ctx.actor, reason, at: now }));
    });
  }

  @Mutation(() => FootageRequest, {
    description:
      'Fulfil an approved request: a police/prosecutor request once its footage is secured; an access request by recording the answer (VIEWING_GRANTED with appointmentAt, or REFUSED), never a recording or link.',
  })
  @Can('review', 'FootageRequest')
  async fulfilFootageRequest(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => FulfilFootageRequestInput, { nullable: true }) input?: FulfilFootageRequestInput,
  ) {
    const now = ctx.clock.now();
    const i = input ?? {};
    return ctx.db.transaction(async (tx) => {
      const row = await lockRequest(tx, ctx, id);
      const to = mustMove(row, 'FULFIL');
      const problem = fulfilProblem(
        row.kind as RequestKind,
        row.holdStatus as HoldStatus,
        i,
        now,
        firstDeletionAt(row.windowStart),
      );
      if (problem) throw fail(problem);
      const patch: Partial<RequestRow> = { status: to };
      if (!securesFootage(row.kind as RequestKind))
        Object.assign(patch, { decision: i.decision, decisionReason: accessDecisionText(i) });
      return toRequest(
        await applyChange(tx, ctx.events, row, patch, {
          action: 'FULFIL',
          actor: ctx.actor,
          reason: i.reason?.trim() || null,
          at: now,
        }),
      );
    });
  }

  @Mutation(() => FootageRequest, {
    description: 'Close a fulfilled request: its legal hold is released (the recordings return to normal retention).',
  })
  @Can('review', 'FootageRequest')
  async closeFootageRequest(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
  ) {
    if (!reason.trim() || reason.length > 2000) throw badInput('closing needs a reason (at most 2000 characters)');
    // the reason releases the legal hold and goes into the audit log with it
    const problem = logTextProblem('reason', reason.trim());
    if (problem) throw badInput(problem);
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const row = await lockRequest(tx, ctx, id);
      const to = mustMove(row, 'CLOSE');
      const patch: Partial<RequestRow> = { status: to };
      if (row.holdStatus === 'PLACED' && row.holdId) {
        patch.holdStatus = 'RELEASE_PENDING';
        const release: HoldReleaseRequestedPayload = {
          requestId: row.id,
          holdId: row.holdId,
          reason: reason.trim(),
          requestedBy: requestedBy(ctx),
          at: now.toISOString(),
        };
        await ctx.events.publish(tx, HOLD_RELEASE_REQUESTED, release);
      }
      return toRequest(
        await applyChange(tx, ctx.events, row, patch, {
          action: 'CLOSE',
          actor: ctx.actor,
          reason: reason.trim(),
          at: now,
        }),
      );
    });
  }

  @Mutation(() => FootageRequest, {
    description:
      'Extend an access request once, within its first month, by at most two months, with the reason the person is told (GDPR art. 12(3)).',
  })
  @Can('review', 'FootageRequest')
  async extendAccessRequest(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('until', () => Date) until: Date,
    @Arg('reason', () => String) reason: string,
  ) {
    const now = ctx.clock.now();
    return ctx.db.transaction(async (tx) => {
      const row = await lockRequest(tx, ctx, id);
      const problem = extensionProblem(
        { ...row, kind: row.kind as RequestKind, status: row.status as RequestStatus },
        until,
        reason,
        now,
      );
      if (problem) throw fail(problem);
      const patch = { dueAt: until, extendedUntil: until, extensionReason: reason.trim() };
      return toRequest(
        await applyChange(tx, ctx.events, row, patch, {
          action: 'EXTEND',
          actor: ctx.actor,
          reason: reason.trim(),
          at: now,
        }),
      );
    });
  }

  @Subscription(() => FootageRequest, {
    topics: FOOTAGE_REQUEST_CHANGED,
    description: 'Requests as they are filed and change: police all, a citizen their own; optionally one request.',
    filter: ({ payload, args, context }: { payload: RequestPayload; args: { id?: string }; context: HubContext }) =>
      (!args.id || payload.id === args.id) &&
      context.ability.can(
        'read',
        subject('FootageRequest', {
          kind: payload.kind,
          requesterId: payload.requesterId,
          requesterKind: payload.requesterKind,
          municipality: payload.municipality,
        }),
      ),
  })
  @Can('read', 'FootageRequest')
  footageRequestChanged(
    @Root() payload: RequestPayload,
    @Arg('id', () => ID, { nullable: true }) _id?: string,
  ): FootageRequest {
    return toRequest(fromPayload(payload));
  }
}
