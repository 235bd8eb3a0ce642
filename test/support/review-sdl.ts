/**
 * Synthetic SDL of the registry's security review, shared by the
 * composition's and the registry's tests: the national Person an insurer's
 * subgraph extends, and the insurer's health-data fields (a root field of its
 * own, a field on Person).
 */

/** The national subgraph's root field and Person, as beneficiaries declares them. */
export const NATIONAL_PERSON_TYPES = `
    type Query { person(nationalId: String!): Person @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY) }
    type Person @key(fields: "ref") { ref: ID! nationalId: String! @scopes(anyOf: ["beneficiary:read"], sensitivity: IDENTITY) }
  `;

/** An insurer's health data under a root field of its own and on Person. */
export const OG_HEALTH_TYPES = `
type Query { cnssMemberFiles(ref: ID!): Person @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) }
type Person @key(fields: "ref") { ref: ID! cnssDiagnoses: [String!]! @scopes(anyOf: ["beneficiary:read"], sensitivity: HEALTH) }
`;
