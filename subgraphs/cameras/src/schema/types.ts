import 'reflect-metadata';
// GraphQL types of the cameras subgraph. Field names match the policy's field lists (packages/auth).
// Types are always explicit: tsx/vitest (esbuild) emit no decorator metadata.
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsIn,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@hub/subgraph-kit';
import { CAMERA_STATUSES } from '../domain/camera-status.js';
import { AREA_KINDS, SUB_GOALS } from '../domain/designation.js';
import { CHANGE_KINDS } from '../domain/lifecycle.js';
import { OPERATORS } from '../domain/belgium.js';

const asEnum = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

/** Camera types named in the seeds (000, 004). */
// WASTE_CONTAINER: the municipality's cameras at underground containers, keeping only violations (000)
export const CAMERA_KINDS = [
  'FIXED',
  'FLEXIBLE',
  'MOBILE_VEHICLE',
  'ANPR_FIXED',
  'ANPR_MOBILE',
  'BODYCAM',
  'HELICOPTER',
  'BUILDING',
  'WASTE_CONTAINER',
] as const;
/** Observations shared with the municipal control room (003 §2.2): vandalism and public-space issues. */
export const SIGNAL_CATEGORIES = [
  'VANDALISM',
  'GRAFFITI',
  'LITTER',
  'ILLEGAL_DUMPING',
  'BROKEN_STREET_LIGHTING',
  'DAMAGED_STREET_FURNITURE',
  'NUISANCE',
  'OTHER_PUBLIC_SPACE',
] as const;
export const DECISION_STATUSES = ['DRAFT', 'SCHEDULED', 'ACTIVE', 'EXPIRED', 'ENDED'] as const;
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

export const CameraKind = asEnum(CAMERA_KINDS);
export const CameraStatus = asEnum(CAMERA_STATUSES);
export const AreaKind = asEnum(AREA_KINDS);
export const SubGoal = asEnum(SUB_GOALS);
export const SignalCategory = asEnum(SIGNAL_CATEGORIES);
export const DecisionStatus = asEnum(DECISION_STATUSES);
export const Weekday = asEnum(WEEKDAYS);
export const DesignationChangeKind = asEnum(CHANGE_KINDS);
export const CameraOperator = asEnum(OPERATORS);
registerEnumType(CameraOperator, {
  name: 'CameraOperator',
  description:
    "Who runs the camera: the police, the municipality (its enforcement officers' bodycams, 002) or a third party the police have access to (004).",
});
registerEnumType(CameraKind, { name: 'CameraKind', description: 'Camera types in the seeds (000, 004).' });
registerEnumType(CameraStatus, { name: 'CameraStatus' });
registerEnumType(AreaKind, { name: 'AreaKind', description: 'Decides the designation period rules (003 §3).' });
registerEnumType(SubGoal, {
  name: 'SubGoal',
  description: 'FEELING_OF_SAFETY and INVESTIGATION are never sub-goals on their own (003 §4).',
});
registerEnumType(SignalCategory, { name: 'SignalCategory' });
registerEnumType(DecisionStatus, { name: 'DecisionStatus' });
registerEnumType(Weekday, { name: 'Weekday' });
registerEnumType(DesignationChangeKind, {
  name: 'DesignationChangeKind',
  description: 'Milestones of a designation for the municipality dashboard (003 §3, §4).',
});

const NAME = 200;
const TEXT = 4000;

@ObjectType()
export class GeoPoint {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
}

@InputType()
export class GeoPointInput {
  @Field(() => Float) @Min(-90) @Max(90) latitude!: number;
  @Field(() => Float) @Min(-180) @Max(180) longitude!: number;
}

@ObjectType()
export class WatchWindow {
  @Field(() => [Weekday]) days!: string[];
  @Field(() => String, { description: 'HH:MM local time' }) from!: string;
  @Field(() => String, { description: 'HH:MM local time; before `from` means past midnight' }) to!: string;
}

@InputType()
export class WatchWindowInput {
  @Field(() => [Weekday]) @ArrayNotEmpty() @ArrayMaxSize(7) days!: string[];
  @Field(() => String) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'from must be HH:MM' }) from!: string;
  @Field(() => String) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'to must be HH:MM' }) to!: string;
}

/** When camera images are watched live (003 §3.3: the stadium only around matches). */
@ObjectType()
export class WatchSchedule {
  @Field(() => String) description!: string;
  @Field(() => Boolean, { description: 'Watched around the clock' }) continuous!: boolean;
  @Field(() => [WatchWindow]) windows!: WatchWindow[];
}

@InputType()
export class WatchScheduleInput {
  @Field(() => String) @Length(1, TEXT) description!: string;
  @Field(() => Boolean) continuous!: boolean;
  @Field(() => [WatchWindowInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  windows!: WatchWindowInput[];
}

/** A masked zone over homes/gardens that follows the camera (001, 003 §5.2.2). */
@ObjectType()
export class PrivacyMask {
  @Field(() => String) label!: string;
  @Field(() => [[Float]], { description: 'Polygon as [latitude, longitude] pairs' }) polygon!: Array<[number, number]>;
}

@InputType()
export class PrivacyMaskInput {
  @Field(() => String) @Length(1, NAME) label!: string;
  @Field(() => [[Float]]) @ArrayNotEmpty() @ArrayMaxSize(100) polygon!: Array<[number, number]>;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description: 'A camera in public space. Covert cameras, status and masks are visible only as the policy allows.',
})
export class Camera {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => CameraKind) kind!: string;
  @Field(() => Boolean, { nullable: true }) covert!: boolean;
  @Field(() => GeoPoint) location!: GeoPoint;
  @Field(() => String) street!: string;
  @Field(() => String, { description: 'Municipality code (CBS GMxxxx or Belgian NIS code)' }) municipality!: string;
  @Field(() => CameraStatus, { nullable: true }) status!: string;
  @Field(() => Date, { nullable: true }) statusChangedAt!: Date;
  @Field(() => String, { nullable: true }) statusReason!: string | null;
  @Field(() => [PrivacyMask], { nullable: true }) privacyMasks!: PrivacyMask[];
  @Field(() => WatchSchedule, { nullable: true, description: "The camera's own schedule, else its area's" })
  watchSchedule!: WatchSchedule | null;
  @Field(() => Date, { nullable: true }) installedAt!: Date;
  @Field(() => CameraOperator) operator!: string;
  areaId!: string | null;
}

@ObjectType()
export class CameraConnection extends Connection('Camera', Camera) {}

@InputType()
export class CameraFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 20) municipality?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, NAME) areaId?: string;
  @Field(() => CameraKind, { nullable: true }) @IsOptional() kind?: string;
  @Field(() => CameraStatus, { nullable: true, description: 'Only for actors who may see camera status' })
  @IsOptional()
  status?: string;
}

@InputType()
export class RegisterCameraInput {
  @Field(() => ID, { nullable: true, description: 'Stable id from the operator; generated when absent' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{2,99}$/, { message: 'id must be 3-100 lowercase letters, digits or dashes' })
  id?: string;
  @Field(() => String) @Length(1, NAME) name!: string;
  @Field(() => CameraKind) @IsIn(CAMERA_KINDS) kind!: string;
  @Field(() => Boolean, { defaultValue: false }) covert!: boolean;
  @Field(() => GeoPointInput) @ValidateNested() location!: GeoPointInput;
  @Field(() => String) @Length(1, NAME) street!: string;
  @Field(() => String) @Length(1, 20) municipality!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, NAME) areaId?: string;
  @Field(() => [PrivacyMaskInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  privacyMasks!: PrivacyMaskInput[];
  @Field(() => WatchScheduleInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  watchSchedule?: WatchScheduleInput;
  @Field(() => CameraOperator, { defaultValue: 'POLICE' }) @IsIn(OPERATORS) operator!: string;
  @Field(() => CameraStatus, {
    defaultValue: 'ACTIVE',
    description:
      "ACTIVE, or OFFLINE for a camera put up but not yet in use (a Belgian police camera awaiting the council's approval, 004)",
  })
  @IsIn(['ACTIVE', 'OFFLINE'])
  status!: string;
}

@ObjectType({ description: 'A camera changed status (cameraStatusChanged).' })
export class CameraStatusChange {
  @Field(() => Camera) camera!: Camera;
  @Field(() => CameraStatus) previousStatus!: string;
  @Field(() => CameraStatus) status!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Date) changedAt!: Date;
  @Field(() => String, { description: 'Resume position: pass as `after` when subscribing again' }) cursor!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A camera area (cameragebied), designated by decision of the mayor.' })
export class CameraArea {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) municipality!: string;
  @Field(() => AreaKind) kind!: string;
  @Field(() => String) description!: string;
  @Field(() => WatchSchedule) watchSchedule!: WatchSchedule;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class CameraAreaConnection extends Connection('CameraArea', CameraArea) {}

/** The weighing a designation rests on (003 §4.2). */
@ObjectType()
export class DesignationCriteria {
  @Field(() => String, { description: 'Maatschappelijke behoefte: the pressing societal need' }) societalNeed!: string;
  @Field(() => String, { description: 'Proportionaliteit' }) proportionality!: string;
  @Field(() => String, { description: 'Subsidiariteit: why lighter measures do not reach the goal' })
  subsidiarity!: string;
  @Field(() => String, { description: 'The package of other measures cameras are part of' }) measuresPackage!: string;
}

@InputType()
export class DesignationCriteriaInput {
  @Field(() => String) @Length(1, TEXT) societalNeed!: string;
  @Field(() => String) @Length(1, TEXT) proportionality!: string;
  @Field(() => String) @Length(1, TEXT) subsidiarity!: string;
  @Field(() => String) @Length(1, TEXT) measuresPackage!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A designation decision (aanwijzingsbesluit) for a camera area (003 §4).' })
export class DesignationDecision {
  @Field(() => ID) id!: string;
  @Field(() => String) municipality!: string;
  @Field(() => String, { description: 'Published reference of the decision' }) reference!: string;
  @Field(() => String) legalBasis!: string;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validUntil!: Date;
  @Field(() => [SubGoal]) subGoals!: string[];
  @Field(() => Boolean) signagePlaced!: boolean;
  @Field(() => Boolean) residentsInformed!: boolean;
  @Field(() => Boolean) published!: boolean;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => String, { nullable: true }) endReason!: string | null;
  @Field(() => String, { nullable: true }) decidedBy!: string;
  @Field(() => Date, { nullable: true }) createdAt!: Date;
  @Field(() => DesignationCriteria, {
    nullable: true,
    description: 'The weighing the decision rests on (003 §4.2); null on decisions from before it was recorded',
  })
  criteria!: DesignationCriteria | null;
  @Field(() => String, { nullable: true, description: 'How the effect is measured (003 §4)' }) effectMeasurement!:
    string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the residents were informed of the results, after the end (003 §4.3)',
  })
  resultsInformedAt!: Date | null;
  @Field(() => String, { nullable: true }) resultsSummary!: string | null;
  areaId!: string;
}

@ObjectType({ description: 'An evaluation of a designation (003 §3: yearly, or after each period/deployment).' })
export class Evaluation {
  @Field(() => ID) id!: string;
  @Field(() => String) municipality!: string;
  @Field(() => Date) evaluatedAt!: Date;
  @Field(() => Boolean) effective!: boolean;
  @Field(() => String) conclusion!: string;
  @Field(() => Boolean) continueSurveillance!: boolean;
  @Field(() => String, { nullable: true }) recordedBy!: string;
  decisionId!: string;
}

@InputType()
export class NewAreaInput {
  @Field(() => String) @Length(1, NAME) name!: string;
  @Field(() => String) @Length(1, 20) municipality!: string;
  @Field(() => AreaKind) @IsIn(AREA_KINDS) kind!: string;
  @Field(() => String, { defaultValue: '' }) @MaxLength(TEXT) description!: string;
  @Field(() => WatchScheduleInput) @ValidateNested() watchSchedule!: WatchScheduleInput;
}

@InputType()
export class DesignateAreaInput {
  @Field(() => ID, { nullable: true, description: 'An existing area; or give newArea' })
  @IsOptional()
  @Length(1, NAME)
  areaId?: string;
  @Field(() => NewAreaInput, { nullable: true }) @IsOptional() @ValidateNested() newArea?: NewAreaInput;
  @Field(() => String) @Length(1, NAME) reference!: string;
  @Field(() => String) @Length(1, NAME) legalBasis!: string;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validUntil!: Date;
  @Field(() => [SubGoal]) @ArrayMaxSize(4) subGoals!: string[];
  @Field(() => Boolean) signagePlaced!: boolean;
  @Field(() => Boolean) residentsInformed!: boolean;
  @Field(() => Boolean) published!: boolean;
  @Field(() => DesignationCriteriaInput, { nullable: true, description: 'Required before publication (003 §4.2)' })
  @IsOptional()
  @ValidateNested()
  criteria?: DesignationCriteriaInput;
  @Field(() => String, { nullable: true, description: 'Required before publication with PREVENTION (003 §4)' })
  @IsOptional()
  @Length(1, TEXT)
  effectMeasurement?: string;
}

@InputType()
export class EvaluationInput {
  @Field(() => ID) @Length(1, NAME) decisionId!: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to now' }) @IsOptional() evaluatedAt?: Date;
  @Field(() => Boolean) effective!: boolean;
  @Field(() => String) @Length(1, TEXT) conclusion!: string;
  @Field(() => Boolean) continueSurveillance!: boolean;
}

@ObjectType({ description: 'An observation the police share with the municipal control room (003 §2.2).' })
export class Signal {
  @Field(() => ID) id!: string;
  @Field(() => String) municipality!: string;
  @Field(() => SignalCategory) category!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => GeoPoint, { nullable: true }) location!: GeoPoint | null;
  @Field(() => Camera, { nullable: true }) camera!: Camera | null;
  @Field(() => Date) observedAt!: Date;
  @Field(() => Date) sharedAt!: Date;
  @Field(() => String) sharedBy!: string;
  @Field(() => String, {
    nullable: true,
    description: 'signalShared only: resume position, pass as `after` when subscribing again',
  })
  cursor?: string | null;
  cameraId!: string | null;
}

@ObjectType()
export class SignalConnection extends Connection('Signal', Signal) {}

@InputType()
export class ShareSignalInput {
  @Field(() => String) @Length(1, 20) municipality!: string;
  @Field(() => SignalCategory) @IsIn(SIGNAL_CATEGORIES) category!: string;
  @Field(() => String) @Length(1, TEXT) description!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, NAME) street?: string;
  @Field(() => GeoPointInput, { nullable: true }) @IsOptional() @ValidateNested() location?: GeoPointInput;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, NAME) cameraId?: string;
  @Field(() => Date) observedAt!: Date;
}

@ObjectType({ description: 'One line of the public camera register (003 §5: published on the website).' })
export class PublicRegisterEntry {
  @Field(() => ID) cameraId!: string;
  @Field(() => String) name!: string;
  @Field(() => CameraKind) kind!: string;
  @Field(() => String) street!: string;
  @Field(() => GeoPoint) location!: GeoPoint;
  @Field(() => String) municipality!: string;
  @Field(() => String, { nullable: true }) areaName!: string | null;
  @Field(() => AreaKind, { nullable: true }) areaKind!: string | null;
  @Field(() => String, { nullable: true }) legalBasis!: string | null;
  @Field(() => Date, { nullable: true }) designatedFrom!: Date | null;
  @Field(() => Date, { nullable: true }) designatedUntil!: Date | null;
  @Field(() => WatchSchedule, { nullable: true }) watchSchedule!: WatchSchedule | null;
}

@ObjectType()
export class PublicRegisterConnection extends Connection('PublicRegister', PublicRegisterEntry) {}

@ObjectType({
  description: 'A milestone of a designation (designationChanged), announced once by the lifecycle scheduler.',
})
export class DesignationChange {
  @Field(() => DesignationChangeKind) kind!: string;
  @Field(() => DesignationDecision) decision!: DesignationDecision;
  @Field(() => Date, { description: 'The moment it is about: the period start, its end, or the evaluation due date' })
  at!: Date;
  @Field(() => Date) noticedAt!: Date;
}
