/** One access to the signed-in person's data, as the gateway tells it to them. */
export interface AccessEntry {
  eventId: string;
  occurredAt: string;
  organisation: { code: string; name: string; kind: string } | null;
  purposes: string[];
  decision: 'ALLOWED' | 'REFUSED' | 'BREAK_GLASS';
  breakGlass: boolean;
}

/** The person's consent: blocked providers and masked documents. */
export interface ConsentSettings {
  blockedProviders: { inpe: string; since: string }[];
  maskedDocuments: string[];
}

/** A document of the person's record (a pointer: title, type, date, author; never its content). */
export interface RecordDocument {
  id: string;
  title: string;
  type: string;
  date: string;
  author: string;
  masked: boolean;
}

/** Who accessed my data, newest first. */
export const MY_ACCESS_HISTORY = /* GraphQL */ `
  query ConsoleMyAccessHistory($first: Int) {
    myAccessHistory(first: $first) {
      edges {
        node {
          eventId
          occurredAt
          organisation {
            code
            name
            kind
          }
          purposes
          decision
          breakGlass
        }
      }
    }
  }
`;

/** What the person hands to medical-records to manage their consent. */
export const ME_CONSENT = /* GraphQL */ `
  query ConsoleMe {
    me {
      ref
      consentCapability
    }
  }
`;

const SETTINGS = 'blockedProviders { inpe since } maskedDocuments';

/** The consent set on the record. */
export const CONSENT_SETTINGS = /* GraphQL */ `
  query ConsoleConsent($personRef: ID!, $capability: String!) { consentSettings(personRef: $personRef, capability: $capability) { ${SETTINGS} } }
`;

/** Blocks a provider from the record. */
export const BLOCK_PROVIDER = /* GraphQL */ `
  mutation ConsoleBlock($personRef: ID!, $capability: String!, $inpe: String!) { blockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) { ${SETTINGS} } }
`;

/** Lifts a block. */
export const UNBLOCK_PROVIDER = /* GraphQL */ `
  mutation ConsoleUnblock($personRef: ID!, $capability: String!, $inpe: String!) { unblockProvider(personRef: $personRef, capability: $capability, inpe: $inpe) { ${SETTINGS} } }
`;

/** The person's documents (title, type, date, author, whether masked). */
export const MY_DOCUMENTS = /* GraphQL */ `
  query ConsoleMyDocuments {
    me {
      documents {
        id
        title
        type
        date
        author
        masked
      }
    }
  }
`;

/** Hides a document from every reader. */
export const MASK_DOCUMENT = /* GraphQL */ `
  mutation ConsoleMask($personRef: ID!, $capability: String!, $id: ID!) { maskDocument(personRef: $personRef, capability: $capability, id: $id) { ${SETTINGS} } }
`;

/** Shows a masked document again. */
export const UNMASK_DOCUMENT = /* GraphQL */ `
  mutation ConsoleUnmask($personRef: ID!, $capability: String!, $id: ID!) { unmaskDocument(personRef: $personRef, capability: $capability, id: $id) { ${SETTINGS} } }
`;

/** Organisation kinds a person may block: establishments and professionals (INPE). */
export const BLOCKABLE_KINDS = new Set(['ESTABLISHMENT', 'PROFESSIONAL', 'PROVIDER']);
