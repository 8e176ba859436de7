import 'reflect-metadata';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CHECKS_OWN_TEXT, Connection } from '@hub/subgraph-kit';
import { DIRECTIONS } from '../domain/read.js';

export const AnprDirection = Object.fromEntries(DIRECTIONS.map((k) => [k, k])) as {
  [K in (typeof DIRECTIONS)[number]]: K;
};
registerEnumType(AnprDirection, { name: 'AnprDirection', description: 'Direction of travel relative to the camera' });

export enum AnprBucket {
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(AnprBucket, { name: 'AnprBucket', description: 'Width of a count bucket (UTC)' });

/** The cameras subgraph's Camera, referenced by reads, hits and counts. */
@Directive('@key(fields: "id")')
@ObjectType('Camera')
export class CameraRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A hotlist of plates sought, with its legal basis (police only).' })
export class Hotlist {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) reason!: string;
  @Field(() => String) legalBasis!: string;
  @Field(() => Date, { description: 'Entries match no read after this time' }) validUntil!: Date;
  @Field(() => Int, { description: 'Days a hit of this list, and the read it keeps, is kept after its observation' })
  hitRetentionDays!: number;
  @Field(() => String) createdBy!: string;
  @Field(() => Date) createdAt!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'One plate on a hotlist (police only; the plate is decrypted for the police).' })
export class HotlistEntry {
  @Field(() => ID) id!: string;
  @Field(() => String) plate!: string;
  @Field(() => String) country!: string;
  @Field(() => String) reason!: string;
  @Field(() => Date) addedAt!: Date;
  @Field(() => Date, { nullable: true }) removedAt!: Date | null;
  hotlistId!: string;
  plateCipher!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'One passage read by an ANPR camera (police only).' })
export class AnprRead {
  @Field(() => ID) id!: string;
  @Field(() => CameraRef) camera!: CameraRef;
  @Field(() => Date) observedAt!: Date;
  @Field(() => String, { description: 'Normalised plate, decrypted for the police' }) plate!: string;
  @Field(() => String) country!: string;
  @Field(() => Float) confidence!: number;
  @Field(() => AnprDirection, { nullable: true }) direction!: string | null;
  @Field(() => Int, { nullable: true }) lane!: number | null;
  @Field(() => String, { nullable: true, description: 'Where the camera system keeps the image' }) imageRef!:
    string | null;
  plateCipher!: string;
}

@ObjectType()
export class AnprReadConnection extends Connection('AnprRead', AnprRead) {}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A read matching an active hotlist entry (police only).' })
export class AnprHit {
  @Field(() => ID) id!: string;
  @Field(() => Date) observedAt!: Date;
  @Field(() => CameraRef) camera!: CameraRef;
  readId!: string;
  hotlistId!: string;
  entryId!: string;
}

@ObjectType({ description: 'Passages of one camera in one bucket: a count, never a plate, hash or image.' })
export class AnprCount {
  @Field(() => CameraRef) camera!: CameraRef;
  @Field(() => String) municipality!: string;
  @Field(() => Date) bucketStart!: Date;
  @Field(() => Int) count!: number;
}

@InputType()
export class AnprReadInput {
  static readonly [CHECKS_OWN_TEXT] = true; // rows checked one by one (domain readProblem)
  @Field(() => String, {
    description: "The camera system's own read id: a replay with the same id and observedAt creates nothing",
  })
  sourceReadId!: string;
  @Field(() => ID) cameraId!: string;
  @Field(() => Date) observedAt!: Date;
  @Field(() => String, { description: 'As read; normalised (upper case, no spaces or dashes) before storing' })
  plate!: string;
  @Field(() => String, { description: 'ISO 3166 country code of the plate' }) country!: string;
  @Field(() => Float) confidence!: number;
  @Field(() => AnprDirection, { nullable: true }) direction?: string | null;
  @Field(() => Int, { nullable: true }) lane?: number | null;
  @Field(() => String, { nullable: true }) imageRef?: string | null;
}

@ObjectType()
export class AnprIngestRejection {
  @Field(() => Int, { description: 'Position in the batch' }) index!: number;
  @Field(() => String) sourceReadId!: string;
  @Field(() => String) reason!: string;
}

@ObjectType({
  description: 'Valid rows are stored together in one transaction; invalid rows are reported and skipped.',
})
export class AnprIngestResult {
  @Field(() => Int) created!: number;
  @Field(() => Int, { description: 'Rows already ingested earlier (same camera and read id)' }) duplicates!: number;
  @Field(() => [AnprIngestRejection]) rejected!: AnprIngestRejection[];
  @Field(() => Int, {
    nullable: true,
    description:
      'Always null: reads are matched against the hotlists after the answer (hits: anprHit, anprHits), so the answer cannot tell whether a plate is listed',
    deprecationReason: 'Matching runs after the answer; subscribe to anprHit',
  })
  hits!: number | null;
}

@ObjectType({ description: 'Proof of one ANPR retention run (art. 126jj Sv).' })
export class AnprRetentionRun {
  @Field(() => ID) id!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date) finishedAt!: Date;
  @Field(() => Date, { description: 'Reads observed at or before this time were due' }) cutoff!: Date;
  @Field(() => Int) deletedCount!: number;
  @Field(() => Int, { description: 'Due reads kept because they are a hotlist hit' }) keptWithHitCount!: number;
  @Field(() => Int, {
    description: "Hits deleted because their list's hit retention ended (their ids are in the digest)",
  })
  hitsDeletedCount!: number;
  @Field(() => String, { description: 'sha256 chained over the sorted ids of each deleted batch' })
  deletedDigest!: string;
  @Field(() => Int, { description: 'Delete batches plus dropped day partitions that held reads' }) batches!: number;
  @Field(() => Int, { description: 'Whole expired days (partitions) dropped' }) droppedPartitions!: number;
  @Field(() => String) triggeredBy!: string;
}
