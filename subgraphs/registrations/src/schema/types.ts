import 'reflect-metadata';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@hub/subgraph-kit';
import { COMPLIANCE_FLAGS } from '../domain/compliance.js';

const asEnum = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
export const PLACE_TYPES = [
  'SHOP',
  'HORECA',
  'OFFICE',
  'INDUSTRIAL_SITE',
  'BUSINESS_PARK',
  'PARKING',
  'PRIVATE_HOME',
  'OTHER',
] as const;
export const MOUNTINGS = ['FIXED', 'MOBILE'] as const;
export const REGISTRATION_STATUSES = ['ACTIVE', 'DEREGISTERED', 'LAPSED'] as const;
export const PlaceType = asEnum(PLACE_TYPES);
export const Mounting = asEnum(MOUNTINGS);
export const RegistrationStatus = asEnum(REGISTRATION_STATUSES);
export const ComplianceFlag = asEnum(COMPLIANCE_FLAGS);
export const NearbySource = asEnum(['PUBLIC', 'PRIVATE'] as const);
registerEnumType(PlaceType, { name: 'PlaceType' });
registerEnumType(Mounting, { name: 'Mounting', description: 'Fixed or mobile camera (Belgian declaration, 004)' });
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'LAPSED: the yearly confirmation was missed',
});
registerEnumType(ComplianceFlag, { name: 'ComplianceFlag' });
registerEnumType(NearbySource, { name: 'NearbySource' });

const TEXT = 2000;

@ObjectType('RegistrationLocation')
export class Location {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
}

@InputType()
export class LocationInput {
  @Field(() => Float) @Min(-90) @Max(90) latitude!: number;
  @Field(() => Float) @Min(-180) @Max(180) longitude!: number;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A private or business camera declared to the police.' })
export class PrivateCameraRegistration {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Company (KvK/KBO) that owns and controls the camera' }) ownerOrg!: string;
  @Field(() => String, { nullable: true, description: 'Person or trade name of the controller / declarant' })
  ownerName!: string;
  @Field(() => PlaceType) placeType!: string;
  @Field(() => String) address!: string;
  @Field(() => Location) location!: Location;
  @Field(() => Mounting) mounting!: string;
  @Field(() => String, { nullable: true }) brandModel!: string | null;
  @Field(() => String) purpose!: string;
  @Field(() => Boolean) filmsPublicSpace!: boolean;
  @Field(() => String, { nullable: true, description: 'Which part of public space it films' }) publicSpaceDescription!:
    string | null;
  @Field(() => Boolean, { description: 'Live View: forwarded to the police control room via an alarm centre (000)' })
  liveView!: boolean;
  @Field(() => String, { nullable: true }) alarmCentre!: string | null;
  @Field(() => Int) retentionDays!: number;
  @Field(() => Boolean) signage!: boolean;
  @Field(() => String, { nullable: true }) contactName!: string;
  @Field(() => String, { nullable: true }) contactPhone!: string;
  @Field(() => String, { nullable: true }) contactEmail!: string;
  @Field(() => String) municipality!: string;
  @Field(() => RegistrationStatus) status!: string;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description:
      'When the camera is (or was) first used; a Belgian declaration is made before that (004). Null on older declarations.',
  })
  firstUseAt!: Date | null;
  @Field(() => Date) confirmedAt!: Date;
  @Field(() => [ComplianceFlag]) complianceFlags!: string[];
  country!: string;
  storedStatus!: string;
}

@ObjectType()
export class PrivateCameraRegistrationConnection extends Connection(
  'PrivateCameraRegistration',
  PrivateCameraRegistration,
) {}

@InputType()
export class ContactInput {
  @Field(() => String) @Length(1, 200) name!: string;
  @Field(() => String) @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number' }) phone!: string;
  @Field(() => String) @IsEmail({}, { message: 'email must be an email address' }) @Length(3, 254) email!: string;
}

@InputType()
export class RegisterPrivateCameraInput {
  @Field(() => String) @Length(1, 200) ownerName!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The owning company; defaults to your own organisation (a company may declare only for itself)',
  })
  @IsOptional()
  @Length(1, 100)
  ownerOrg?: string;
  @Field(() => PlaceType) @IsIn(PLACE_TYPES) placeType!: string;
  @Field(() => String) @Length(1, 300) address!: string;
  @Field(() => LocationInput) @ValidateNested() location!: LocationInput;
  @Field(() => Mounting) @IsIn(MOUNTINGS) mounting!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) brandModel?: string;
  @Field(() => String) @Length(1, TEXT) purpose!: string;
  @Field(() => Boolean) @IsBoolean() filmsPublicSpace!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, TEXT) publicSpaceDescription?: string;
  @Field(() => Boolean) liveView!: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) alarmCentre?: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(3650) retentionDays!: number;
  @Field(() => Boolean) signage!: boolean;
  @Field(() => ContactInput) @ValidateNested() contact!: ContactInput;
  @Field(() => String) @Length(1, 20) municipality!: string;
  @Field(() => Date, {
    nullable: true,
    description:
      'When the camera is (or will be) first used: required in Belgium (declare before use, 004), optional in the Netherlands; 1900 up to a year ahead',
  })
  @IsOptional()
  firstUseAt?: Date;
  @Field(() => Date, {
    nullable: true,
    description:
      'When the owner made the declaration, for one taken over from an earlier register (the police only); default now. Its yearly confirmation counts from it.',
  })
  @IsOptional()
  declaredAt?: Date;
}

@InputType()
export class UpdatePrivateCameraInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) ownerName?: string;
  @Field(() => PlaceType, { nullable: true }) @IsOptional() @IsIn(PLACE_TYPES) placeType?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) address?: string;
  @Field(() => LocationInput, { nullable: true }) @IsOptional() @ValidateNested() location?: LocationInput;
  @Field(() => Mounting, { nullable: true }) @IsOptional() @IsIn(MOUNTINGS) mounting?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) brandModel?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, TEXT) purpose?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() filmsPublicSpace?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, TEXT) publicSpaceDescription?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() liveView?: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) alarmCentre?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(3650) retentionDays?: number;
  @Field(() => Boolean, { nullable: true }) @IsOptional() signage?: boolean;
  @Field(() => ContactInput, { nullable: true }) @IsOptional() @ValidateNested() contact?: ContactInput;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 20) municipality?: string;
  @Field(() => Date, {
    nullable: true,
    description: 'Move a planned date of first use (only while it lies ahead), or state it on an older declaration',
  })
  @IsOptional()
  firstUseAt?: Date;
}

@InputType()
export class RegistrationFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 20) municipality?: string;
  @Field(() => RegistrationStatus, { nullable: true }) @IsOptional() status?: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() filmsPublicSpace?: boolean;
  @Field(() => ComplianceFlag, { nullable: true, description: 'Only registrations with this compliance flag' })
  @IsOptional()
  flag?: string;
}

@ObjectType({ description: 'How many active declarations a municipality has (public figure).' })
export class RegistrationCount {
  @Field(() => String) municipality!: string;
  @Field(() => Int) count!: number;
}

/** The cameras subgraph's Camera, referenced by camerasNear. */
@Directive('@key(fields: "id")')
@ObjectType('Camera')
export class CameraRef {
  @Field(() => ID) id!: string;
}

@ObjectType({
  description: 'A camera that may have filmed the place: public (owned by the cameras subgraph) or declared private.',
})
export class NearbyCamera {
  @Field(() => NearbySource) source!: string;
  @Field(() => Float) distanceMeters!: number;
  @Field(() => Boolean, { description: 'Live images can be forwarded to the police control room now' })
  liveView!: boolean;
  @Field(() => Location) location!: Location;
  @Field(() => CameraRef, { nullable: true }) camera!: CameraRef | null;
  @Field(() => PrivateCameraRegistration, { nullable: true }) registration!: PrivateCameraRegistration | null;
}
