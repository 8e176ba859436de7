import 'reflect-metadata';
import { ArrayMaxSize, ArrayNotEmpty, IsOptional, Length } from 'class-validator';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@hub/subgraph-kit';
import { MAX_CAMERAS } from '../domain/filing.js';
import { REQUEST_CHANNELS } from '../domain/intake.js';
import {
  ACCESS_DECISIONS,
  HOLD_STATUSES,
  REQUEST_DECISIONS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
} from '../domain/status.js';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RequestKind = enumOf(REQUEST_KINDS);
registerEnumType(RequestKind, {
  name: 'RequestKind',
  description:
    'POLICE_REPORT (a victim reported to the police), PROSECUTOR (the prosecutor ordered footage secured), DATA_SUBJECT_ACCESS (a filmed person asks to see footage of themselves).',
});
export const RequestStatus = enumOf(REQUEST_STATUSES);
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description:
    'SUBMITTED → IN_REVIEW → APPROVED → FULFILLED → CLOSED, or REJECTED, or EXPIRED (the footage no longer exists).',
});
export const RequestDecision = enumOf(REQUEST_DECISIONS);
registerEnumType(RequestDecision, { name: 'RequestDecision' });
export const AccessRequestDecision = enumOf(ACCESS_DECISIONS);
registerEnumType(AccessRequestDecision, {
  name: 'AccessRequestDecision',
  description: 'The answer to an access request: a viewing appointment, or a refusal with its reason.',
});
export const RequestReviewAction = enumOf(['START_REVIEW', 'APPROVE', 'REJECT'] as const);
registerEnumType(RequestReviewAction, { name: 'RequestReviewAction' });
export const RequestHoldStatus = enumOf(HOLD_STATUSES);
registerEnumType(RequestHoldStatus, {
  name: 'RequestHoldStatus',
  description: 'The legal hold an approved police/prosecutor request places through the footage subgraph.',
});

export const RequestChannel = enumOf(REQUEST_CHANNELS);
registerEnumType(RequestChannel, {
  name: 'RequestChannel',
  description:
    'How a request reached the controller: HUB (filed through the hub), or LETTER, DESK, EMAIL (received outside it and registered by the staff who handle requests).',
});

/** The cameras subgraph's Camera, referenced by id. */
@Directive('@key(fields: "id")')
@ObjectType('Camera')
export class CameraRef {
  @Field(() => ID) id!: string;
}

/** The footage subgraph's Recording, referenced by id (resolved there: police only). */
@Directive('@key(fields: "id")')
@ObjectType('Recording')
export class RecordingRef {
  @Field(() => ID) id!: string;
}

/** The footage subgraph's LegalHold, referenced by id. */
@Directive('@key(fields: "id")')
@ObjectType('LegalHold')
export class LegalHoldRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'One step of a request: who moved it where, when and why.' })
export class RequestTransition {
  @Field(() => String, {
    description:
      'FILE, START_REVIEW, APPROVE, REJECT, FULFIL, EXPIRE, CLOSE, EXTEND; HOLD_PLACED, HOLD_NOT_FOUND, HOLD_RELEASED (answers of the footage subgraph)',
  })
  action!: string;
  @Field(() => RequestStatus, { nullable: true }) fromStatus!: string | null;
  @Field(() => RequestStatus) toStatus!: string;
  @Field(() => String) actorKind!: string;
  @Field(() => String) actorSub!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Date) at!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A request for footage: by the police after a report, by order of the prosecutor, or a data-subject access request. Police see all; a citizen sees status, due date and decision of their own.',
})
export class FootageRequest {
  @Field(() => ID) id!: string;
  @Field(() => RequestKind) kind!: string;
  @Field(() => String, { nullable: true, description: 'Police report number (proces-verbaal); POLICE_REPORT only' })
  reportNumber!: string | null;
  @Field(() => String, { nullable: true, description: "Prosecutor's case reference (parketnummer)" }) caseReference!:
    string | null;
  @Field(() => [CameraRef]) cameras!: CameraRef[];
  @Field(() => Date) windowStart!: Date;
  @Field(() => Date) windowEnd!: Date;
  @Field(() => String) place!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'Who filed it (organisation or subject id)' }) requester!: string;
  @Field(() => String) requesterId!: string;
  @Field(() => String, { description: 'Municipality of the cameras' }) municipality!: string;
  @Field(() => RequestStatus) status!: string;
  @Field(() => Date, { description: 'When it was entered in the hub' }) filedAt!: Date;
  @Field(() => RequestChannel) channel!: string;
  @Field(() => Date, {
    description:
      'When the controller received it: filedAt for a request filed through the hub, else the moment registered with it',
  })
  receivedAt!: Date;
  @Field(() => Date, {
    description:
      'Deadline in force: access requests one month after receipt (GDPR art. 12(3)), or the extended date; police requests before the first footage is deleted',
  })
  dueAt!: Date;
  @Field(() => Boolean, {
    description: 'A police-report request about footage older than 21 days (001): it may be too late',
  })
  flaggedLate!: boolean;
  @Field(() => Date, { nullable: true }) extendedUntil!: Date | null;
  @Field(() => String, { nullable: true }) extensionReason!: string | null;
  @Field(() => RequestDecision, { nullable: true }) decision!: string | null;
  @Field(() => String, { nullable: true, description: 'Why; for a viewing, the appointment (time and place)' })
  decisionReason!: string | null;
  @Field(() => Boolean, {
    description: 'The footage subgraph placed the legal hold (it may since have been released on closing)',
  })
  holdsPlaced!: boolean;
  @Field(() => RequestHoldStatus) holdStatus!: string;
  @Field(() => Int, { description: 'Recordings the hold secured' }) recordingCount!: number;
  @Field(() => Date) updatedAt!: Date;
  cameraIds!: string[];
  holdId!: string | null;
  originalDueAt!: Date;
  holdReleasedAt!: Date | null;
}

@ObjectType()
export class FootageRequestConnection extends Connection('FootageRequest', FootageRequest) {}

@InputType()
export class FootageRequestFilter {
  @Field(() => RequestKind, { nullable: true }) @IsOptional() kind?: string;
  @Field(() => RequestStatus, { nullable: true }) @IsOptional() status?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 20) municipality?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 200) cameraId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only open requests past their due date' })
  @IsOptional()
  overdue?: boolean;
}

@InputType({ description: 'A police request for footage (after a report, or by order of the prosecutor).' })
export class FileFootageRequestInput {
  @Field(() => RequestKind, {
    description: 'POLICE_REPORT or PROSECUTOR (access requests: fileAccessRequest, by the person)',
  })
  kind!: string;
  @Field(() => String, { nullable: true, description: 'Required for POLICE_REPORT' })
  @IsOptional()
  reportNumber?: string;
  @Field(() => String, {
    nullable: true,
    description: 'Required for PROSECUTOR; the legal hold carries it (else the report number)',
  })
  @IsOptional()
  caseReference?: string;
  @Field(() => [ID]) @ArrayNotEmpty() @ArrayMaxSize(MAX_CAMERAS) cameraIds!: string[];
  @Field(() => Date) windowStart!: Date;
  @Field(() => Date) windowEnd!: Date;
  @Field(() => String) place!: string;
  @Field(() => String) description!: string;
}

@InputType({
  description: 'A data-subject access request (GDPR art. 15): footage of yourself, answered within one month.',
})
export class FileAccessRequestInput {
  @Field(() => [ID], { description: 'Cameras from the public register (a bodycam: the one named in the incident)' })
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_CAMERAS)
  cameraIds!: string[];
  @Field(() => Date) windowStart!: Date;
  @Field(() => Date) windowEnd!: Date;
  @Field(() => String) place!: string;
  @Field(() => String, { description: 'How to recognise you in the footage' }) description!: string;
}

@InputType({
  description:
    'An access request received by letter, at the desk or by e-mail, registered by the staff who handle requests: due one month after receivedAt.',
})
export class RecordReceivedAccessRequestInput extends FileAccessRequestInput {
  @Field(() => Date, { description: 'When it was received: not in the future, at most a year back' })
  receivedAt!: Date;
  @Field(() => RequestChannel, { description: 'LETTER, DESK or EMAIL' }) channel!: string;
}

@InputType()
export class FulfilFootageRequestInput {
  @Field(() => AccessRequestDecision, { nullable: true, description: 'Access requests: VIEWING_GRANTED or REFUSED' })
  @IsOptional()
  decision?: 'VIEWING_GRANTED' | 'REFUSED';
  @Field(() => String, {
    nullable: true,
    description: 'Access requests: the refusal reason, or where the viewing takes place',
  })
  @IsOptional()
  reason?: string;
  @Field(() => Date, { nullable: true, description: 'Access requests granted: when the person may view the footage' })
  @IsOptional()
  appointmentAt?: Date;
}

@ObjectType({
  description: 'Requests per kind, status and month of filing for a municipality: counts only, no contents.',
})
export class RequestStatistics {
  @Field(() => String) municipality!: string;
  @Field(() => RequestKind) kind!: string;
  @Field(() => RequestStatus) status!: string;
  @Field(() => String, { description: 'YYYY-MM of filing' }) month!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'An access request past its deadline and still unanswered; no personal details.' })
export class OverdueAccessRequest {
  @Field(() => ID) id!: string;
  @Field(() => Date) filedAt!: Date;
  @Field(() => Date, { description: 'When the controller received it: the month runs from here' }) receivedAt!: Date;
  @Field(() => RequestChannel) channel!: string;
  @Field(() => Date) dueAt!: Date;
  @Field(() => String) municipality!: string;
  @Field(() => Int) daysOverdue!: number;
}

@ObjectType()
export class OverdueAccessRequestConnection extends Connection('OverdueAccessRequest', OverdueAccessRequest) {}
