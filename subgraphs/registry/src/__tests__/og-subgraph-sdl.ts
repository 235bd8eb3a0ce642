import { CLASSIFICATION_SDL, SCOPES_SPEC_URL } from '@cmb/kit';

/**
 * An OG subgraph's SDL as its service would print it (Federation 2 links and
 * the classification vocabulary, then its types), for the registry's tests.
 */
export function ogSubgraphSdl(types: string): string {
  return `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@composeDirective"])
  @link(url: "${SCOPES_SPEC_URL}", import: ["@scopes", "@public", "Sensitivity"])
  @composeDirective(name: "@scopes")
  @composeDirective(name: "@public")

${CLASSIFICATION_SDL}

${types}
`;
}

/** A first version of a CNSS subgraph: its own root field and type, and a field on the national `Person`. */
export const CLAIMS_V1 = ogSubgraphSdl(`
type Query {
  cnssClaimFile(fileNumber: String!): ClaimFile @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE)
}

type ClaimFile @key(fields: "fileNumber") @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE) {
  fileNumber: String!
  amountClaimed: Float!
  note: String
}

type Person @key(fields: "ref") {
  ref: ID!
  cnssClaimFiles: [ClaimFile!]! @scopes(anyOf: ["beneficiary:read"], sensitivity: COVERAGE)
}
`);
