import 'reflect-metadata';
import { ArrayMaxSize, ArrayNotEmpty, IsOptional, Length } from 'class-validator';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CHECKS_OWN_TEXT, Connection } from '@hub/subgraph-kit';
import { RECORDING_KINDS } from '../domain/retention.js';
import { BODYCAM_PURPOSES, FOOTAGE_USES } from '../domain/bodycam.js';

export const RecordingKind = Object.fromEntries(RECORDING_KINDS.map((k) => [k, k])) as {
  [K in (typeof RECORDING_KINDS)[number]]: K;
};
registerEnumType(RecordingKind, {
  name: 'RecordingKind',
  description: 'Decides the retention period (public order 28 days, bodycam 4 weeks).',
});
export const BodycamPurpose = Object.fromEntries(BODYCAM_PURPOSES.map((k) => [k, k])) as {
  [K in (typeof BODYCAM_PURPOSES)[number]]: K;
};
registerEnumType(BodycamPurpose, {
  name: 'BodycamPurpose',
  description: 'The threat to the wearer that made them record (002: only on a threat to the officer).',
});
export const FootageUse = Object.fromEntries(FOOTAGE_USES.map((k) => [k, k])) as {
  [K in (typeof FOOTAGE_USES)[number]]: K;
};
registerEnumType(FootageUse, {
  name: 'FootageUse',
  description:
    "An enforcement officer's bodycam footage is used only for a complaint (the municipality) or a police report (the police), 002.",
});

/**
 * The requests subgraph's FootageRequest, extended here with the recordings its legal hold secures:
 * resolved where the rows are, so every read of them is logged here, whatever the selection (with
 * only `id` asked, the gateway would otherwise never reach this subgraph).
 */
@Directive('@key(fields: "id")')
@ObjectType('FootageRequest')
export class FootageRequestRef {
  @Field(() => ID) id!: string;
}

/** The cameras subgraph's Camera, extended here with its recordings. */
@Directive('@key(fields: "id")')
@ObjectType('Camera')
export class CameraRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Metadata of one recorded segment; the video stays in the storage system. Police only.' })
export class Recording {
  @Field(() => ID) id!: string;
  @Field(() => CameraRef) camera!: CameraRef;
  @Field(() => RecordingKind) kind!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date) endedAt!: Date;
  @Field(() => String, { description: 'Where the video lives (VMS / object store URI)' }) storageRef!: string;
  @Field(() => String) sha256!: string;
  @Field(() => Float) sizeBytes!: number;
  @Field(() => Date, { description: 'When retention deletes it unless a legal hold secures it' }) expiresAt!: Date;
  @Field(() => String) sourceSystem!: string;
  @Field(() => String) sourceId!: string;
  @Field(() => Date) ingestedAt!: Date;
  @Field(() => Boolean, {
    description: 'Waste-container footage showing a violation: kept; unmarked goes within 24 h (000)',
  })
  violation!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'Bodycam: spoken warnings given before recording started (002: two)',
  })
  spokenWarnings!: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Bodycam: the two spoken warnings came first (002); null for other kinds',
  })
  warningsBeforeRecording!: boolean | null;
  @Field(() => BodycamPurpose, { nullable: true }) bodycamPurpose!: string | null;
  cameraId!: string;
  /** The policy's row attributes (004): who runs the camera, and the grant a third party's footage is read under. */
  operator?: string | null;
  accessGrant?: string | null;
}

@ObjectType()
export class RecordingConnection extends Connection('Recording', Recording) {}

@InputType()
export class RecordingFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 200) cameraId?: string;
  @Field(() => Date, { nullable: true, description: 'Recordings ending after this time' }) @IsOptional() from?: Date;
  @Field(() => Date, { nullable: true, description: 'Recordings starting before this time' }) @IsOptional() to?: Date;
  @Field(() => RecordingKind, { nullable: true }) @IsOptional() kind?: string;
}

@InputType()
export class RecordingInput {
  static readonly [CHECKS_OWN_TEXT] = true; // rows checked one by one (domain rowProblem)
  @Field(() => String, { description: "The recording system's own id: replays with the same id create nothing" })
  sourceId!: string;
  @Field(() => ID) cameraId!: string;
  @Field(() => RecordingKind) kind!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date) endedAt!: Date;
  @Field(() => String) storageRef!: string;
  @Field(() => String) sha256!: string;
  @Field(() => Float) sizeBytes!: number;
  @Field(() => Boolean, {
    nullable: true,
    description: 'WASTE_CONTAINER only: the software saw waste left beside the container (000)',
  })
  violation?: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description:
      "BODYCAM: spoken warnings the wearer gave before recording (002: two); required from an enforcement officer's bodycam",
  })
  spokenWarnings?: number | null;
  @Field(() => BodycamPurpose, {
    nullable: true,
    description: "BODYCAM: why the wearer started recording; required from an enforcement officer's bodycam",
  })
  bodycamPurpose?: string | null;
}

@ObjectType()
export class IngestRejection {
  @Field(() => Int, { description: 'Position in the batch' }) index!: number;
  @Field(() => String) sourceId!: string;
  @Field(() => String) reason!: string;
}

@ObjectType({
  description: 'Valid rows are stored together in one transaction; invalid rows are reported and skipped.',
})
export class IngestResult {
  @Field(() => Int) created!: number;
  @Field(() => Int, { description: 'Rows already ingested earlier (same source system and id)' }) duplicates!: number;
  @Field(() => [IngestRejection]) rejected!: IngestRejection[];
  @Field(() => [ID], { description: 'Ids of the created recordings, in batch order' }) createdIds!: string[];
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Footage secured for a criminal investigation or complaint (veiligstellen).' })
export class LegalHold {
  @Field(() => ID) id!: string;
  @Field(() => String) caseReference!: string;
  @Field(() => String) reason!: string;
  @Field(() => String) placedBy!: string;
  @Field(() => Date) placedAt!: Date;
  @Field(() => Date, { nullable: true }) releasedAt!: Date | null;
  @Field(() => String, { nullable: true }) releasedBy!: string | null;
  @Field(() => String, { nullable: true }) releaseReason!: string | null;
}

@InputType()
export class PlaceLegalHoldInput {
  @Field(() => [ID]) @ArrayNotEmpty() @ArrayMaxSize(10_000) recordingIds!: string[];
  @Field(() => String, { description: 'Case number (proces-verbaal / parket)' }) @Length(1, 200) caseReference!: string;
  @Field(() => String) @Length(1, 2000) reason!: string;
}

@ObjectType()
export class PlaybackGrant {
  @Field(() => ID) recordingId!: string;
  @Field(() => String, { description: 'Signed link to the storage location, valid a few minutes' }) url!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => String) purpose!: string;
}

@ObjectType({ description: 'Proof of one retention run (003 §5.2.2).' })
export class RetentionProof {
  @Field(() => ID) id!: string;
  @Field(() => String) subsystem!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date) finishedAt!: Date;
  @Field(() => Int) deletedCount!: number;
  @Field(() => Int, { description: 'Expired recordings kept because a legal hold secures them' })
  heldBackCount!: number;
  @Field(() => String, { description: 'sha256 chained over the sorted ids of each deleted batch' })
  deletedDigest!: string;
  @Field(() => Float, { nullable: true, description: 'Age of the oldest unheld recording left, in seconds' })
  oldestUnheldAgeSeconds!: number | null;
  @Field(() => Int) batches!: number;
  @Field(() => String) triggeredBy!: string;
}

@ObjectType({ description: 'An unheld recording kept past its retention: should never exist.' })
export class RetentionViolation {
  @Field(() => ID) recordingId!: string;
  @Field(() => Date) expiredAt!: Date;
}

@ObjectType()
export class RetentionReport {
  @Field(() => [RetentionProof], { description: 'Runs started in the period, newest first (at most 500)' })
  proofs!: RetentionProof[];
  @Field(() => Int, { description: 'Unheld recordings older than their retention now (the right answer is 0)' })
  violationCount!: number;
  @Field(() => [RetentionViolation], { description: 'The first 100 of them' }) violations!: RetentionViolation[];
}

@ObjectType('FootageStatistics', {
  description: 'Counts per area and month for the council report (003 §6.1); no row-level data.',
})
export class FootageStatistics {
  @Field(() => String) municipality!: string;
  @Field(() => String, { nullable: true, description: 'Camera area id; null for cameras outside an area' }) area!:
    string | null;
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => Int) recordings!: number;
  @Field(() => Int) deletions!: number;
  @Field(() => Int) holds!: number;
  @Field(() => Int, { description: 'Recordings secured for an investigation' }) investigations!: number;
}

@ObjectType({ description: 'One entry of the tamper-evident access log.' })
export class AuditEntry {
  @Field(() => ID) id!: string;
  @Field(() => Float) seq!: number;
  @Field(() => Date) at!: Date;
  @Field(() => String) actorKind!: string;
  @Field(() => String) actorSub!: string;
  @Field(() => String, { nullable: true }) actorOrg!: string | null;
  @Field(() => String) action!: string;
  @Field(() => String) subjectType!: string;
  @Field(() => [String]) subjectIds!: string[];
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => String) prevHash!: string;
  @Field(() => String, {
    description: 'HMAC-SHA256 (hex) of the entry with the chain key; plain sha256 for entries from before the key',
  })
  hash!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Fingerprint of the chain key that made `hash`; null before the chain was keyed',
  })
  keyId!: string | null;
}

@ObjectType()
export class AuditEntryConnection extends Connection('AuditEntry', AuditEntry) {}

@InputType()
export class AuditFilterInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 50) actorKind?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) actorSub?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) action?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) subjectType?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) subjectId?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() from?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() to?: Date;
}

@ObjectType()
export class AuditChainReport {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Int) checked!: number;
  @Field(() => Float, { nullable: true, description: 'First entry that was altered, removed or inserted out of order' })
  firstBadSeq!: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'ALTERED, MISSING, INSERTED, TRUNCATED (the chain ends before the kept head) or BAD_HEAD (the head is not signed by this hub)',
  })
  problem!: string | null;
  @Field(() => String, { nullable: true }) detail!: string | null;
  @Field(() => Float, { nullable: true, description: 'The first seq this run checked (1, or after the checkpoint)' })
  fromSeq!: number | null;
  @Field(() => Float, { nullable: true, description: 'The last entry found intact' }) verifiedThroughSeq!:
    number | null;
}

@ObjectType({
  description:
    'The newest entry of the audit log, signed by the hub (Ed25519). Keep it: verifyAuditChain(againstHead) shows a cut-off tail.',
})
export class AuditHead {
  @Field(() => Float) seq!: number;
  @Field(() => String) hash!: string;
  @Field(() => Date, { description: 'When the head was signed' }) time!: Date;
  @Field(() => String, { description: 'Fingerprint of the chain key' }) keyId!: string;
  @Field(() => String, { description: 'Base64 Ed25519 signature of "hub-audit-head-v1\\n<seq>\\n<hash>\\n<time ISO>"' })
  signature!: string;
  @Field(() => String, { description: 'The signing public key (SPKI DER, base64)' }) publicKey!: string;
}

@InputType({ description: 'A head kept from auditHead' })
export class AuditHeadInput {
  @Field(() => Float) seq!: number;
  @Field(() => String) @Length(64, 64) hash!: string;
  @Field(() => Date) time!: Date;
  @Field(() => String) @Length(1, 200) signature!: string;
}

@ObjectType({ description: 'The shared verification run: where it is now, and how the last one ended' })
export class AuditVerificationProgress {
  @Field(() => Boolean) running!: boolean;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Int, { description: 'Entries checked so far by the running verification' }) checked!: number;
  @Field(() => Float, { description: 'The seq it has reached' }) through!: number;
  @Field(() => AuditChainReport, { nullable: true, description: 'The last finished run' })
  last!: AuditChainReport | null;
  @Field(() => Date, { nullable: true }) lastFinishedAt!: Date | null;
}

@ObjectType({
  description:
    'The audit log of a period, signed: check it offline with `npm run audit:verify -- <file> --public-key <key>`',
})
export class AuditExport {
  @Field(() => String, { description: 'NDJSON: header, entries, signed head, signature (format hub-audit-export-v1)' })
  ndjson!: string;
  @Field(() => Int) entries!: number;
  @Field(() => Float) fromSeq!: number;
  @Field(() => Float) toSeq!: number;
}
