import { describe, expect, inject, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client';
import { authAs, patientToken } from '../support/tokens';

/**
 * The insured person's own documents through the gateway, with a real
 * Keycloak token of the patient portal: `me { documents }` lists them, masked
 * ones flagged, authors and custodians by name; no one else gets them that way.
 */
const OWN = /* GraphQL */ `
  query {
    me {
      ref
      consentCapability
      documents {
        totalCount
        edges {
          node {
            id
            title
            type
            serviceDate
            masked
            author {
              name
            }
            custodian {
              name
            }
          }
        }
      }
    }
  }
`;
const MASK = /* GraphQL */ `
  mutation ($personRef: ID!, $capability: String!, $id: ID!) {
    maskDocument(personRef: $personRef, capability: $capability, id: $id) {
      maskedDocuments
    }
  }
`;
const UNMASK = MASK.replace('maskDocument', 'unmaskDocument');

interface Own {
  me: {
    ref: string;
    consentCapability: string;
    documents: {
      totalCount: number;
      edges: {
        node: { id: string; title: string; masked: boolean; author: { name: string } | null; custodian: { name: string } | null };
      }[];
    };
  };
}

const gateway = () => inject('gatewayUrl');

describe("the insured person's own documents", () => {
  it('lists them with their authors by name, masked ones flagged', async () => {
    const patient = await patientToken('p01-amal', 'openid records:consent');
    const first = await postGraphQL<Own>(gateway(), OWN, {}, patient);
    expect(first.body.errors).toBeUndefined();
    const me = first.body.data!.me;
    expect(me.documents.totalCount).toBeGreaterThan(0);
    const [document] = me.documents.edges.map((edge) => edge.node);
    expect(document?.author?.name).toEqual(expect.any(String));
    expect(document?.custodian?.name).toEqual(expect.any(String));
    const variables = { personRef: me.ref, capability: me.consentCapability, id: document?.id };
    try {
      expect((await postGraphQL(gateway(), MASK, variables, patient)).body.errors).toBeUndefined();
      const after = await postGraphQL<Own>(gateway(), OWN, {}, patient);
      expect(after.body.data?.me.documents.edges.find((edge) => edge.node.id === document?.id)?.node.masked).toBe(true);
    } finally {
      await postGraphQL(gateway(), UNMASK, variables, patient);
    }
  });

  it('gives no one else a record through me', async () => {
    const answer = await postGraphQL(gateway(), OWN, {}, await authAs('hopital-zzp00004', 'records:read'));
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(answer.body.data?.me ?? null).toBeNull();
  });
});
