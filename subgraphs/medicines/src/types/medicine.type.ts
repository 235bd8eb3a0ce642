import { Public } from '@cmb/kit';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

/**
 * A medicine pack of the reimbursable medicines guide (GMR), as listed in
 * one GMR version. Reference data: no personal data. Other subgraphs refer
 * to it by its EAN13.
 */
@ObjectType('Medicine')
@Public('GMR reference data: a medicine pack as ANAM lists it')
@Directive('@key(fields: "ean13")')
export class MedicineType {
  @Field(() => String, { description: 'EAN13 barcode of the pack (13 digits, valid check digit)' })
  ean13!: string;

  @Field(() => String, { description: 'International non-proprietary name (DCI), e.g. amoxicilline/acide clavulanique' })
  dci!: string;

  @Field(() => String)
  brand!: string;

  @Field(() => String, { description: 'Pharmaceutical form, e.g. comprimé pelliculé, sirop, solution injectable' })
  form!: string;

  @Field(() => String)
  dosage!: string;

  @Field(() => String, { description: 'Pack, e.g. Boîte de 30 comprimés' })
  presentation!: string;

  @Field(() => Float, { description: 'Public selling price (PPV), in MAD' })
  publicPrice!: number;

  @Field(() => Int, { description: 'Public selling price (PPV), in centimes of MAD (exact)' })
  publicPriceCentimes!: number;

  @Field(() => Float, { description: 'Reimbursement base price (PBR) published for this pack, in MAD' })
  pbr!: number;

  @Field(() => Int, { description: 'Reimbursement base price (PBR), in centimes of MAD (exact)' })
  pbrCentimes!: number;

  @Field(() => Boolean)
  generic!: boolean;

  @Field(() => Boolean, { description: 'Flagged reimbursable in its GMR version' })
  reimbursable!: boolean;

  @Field(() => String, { nullable: true, description: 'EAN13 of the princeps, for a generic' })
  princepsEan13!: string | null;

  @Field(() => String, { nullable: true })
  therapeuticClass!: string | null;

  @Field(() => String, { description: 'Code of the GMR version this listing comes from, e.g. GMR-2026-03' })
  gmrVersion!: string;
}
