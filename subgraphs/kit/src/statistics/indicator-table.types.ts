import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Public } from '../schema/scopes';

/** Why a cell of an indicator table is not published. */
export enum CellSuppression {
  SMALL_CELL = 'SMALL_CELL',
  COMPLEMENTARY = 'COMPLEMENTARY',
}

registerEnumType(CellSuppression, {
  name: 'CellSuppression',
  description:
    'SMALL_CELL (fewer than the threshold), COMPLEMENTARY (suppressed so that a small cell cannot be computed back from the total and the other cells)',
});

/** One cell of an indicator table: its dimension values and its count, null when suppressed. */
@ObjectType('IndicatorRow')
@Directive('@shareable')
@Public('an aggregated count, small cells suppressed: no personal data')
export class IndicatorRowType {
  @Field(() => [String], { description: "The cell's value on each dimension, in the order of the table's dimensions" })
  values!: string[];

  @Field(() => Int, { nullable: true, description: 'How many; null when suppressed' })
  count!: number | null;

  @Field(() => CellSuppression, { nullable: true, description: 'Why the count is not published; null when it is' })
  suppressed!: CellSuppression | null;
}

/**
 * An aggregated indicator: a table of counts by some dimensions, small cells
 * suppressed, with complementary suppression so that none can be computed
 * back. Served by the subgraph that owns the data; the same type in each.
 */
@ObjectType('IndicatorTable')
@Directive('@shareable')
@Public('aggregated counts, small cells suppressed: no personal data')
export class IndicatorTableType {
  @Field(() => String, { description: 'Stable id of the indicator (INSURED_BY_ORGANISM_REGIME_REGION, ELIGIBILITY_CHECKS, ...)' })
  id!: string;

  @Field(() => String, { description: "Title in the caller's language (Accept-Language)" })
  title!: string;

  @Field(() => Int, { description: 'Smallest count published; smaller cells are suppressed' })
  threshold!: number;

  @Field(() => [String], { description: 'The dimensions of each row, in order (organism, regime, region, day, outcome, month, ...)' })
  dimensions!: string[];

  @Field(() => [IndicatorRowType], { description: 'One row per combination that holds at least one count (zero cells are not listed)' })
  rows!: IndicatorRowType[];

  @Field(() => Int, {
    nullable: true,
    description: 'Sum of every cell; null when under the threshold or when it would give a suppressed cell away',
  })
  total!: number | null;
}
