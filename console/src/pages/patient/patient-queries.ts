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

/** A document of the person's record as the graph lists it (a pointer: title, type, day of care, author; never its content). */
export interface RecordDocument {
  id: string;
  title: string;
  /** Code of the versioned document-type list. */
  type: string;
  serviceDate: string;
  author: { name: string } | null;
  masked: boolean;
}

/** A kind of document, named in French and English (the versioned reference list). */
export interface DocumentKind {
  code: string;
  label: string;
  labelEn: string;
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

/** Most documents the page lists (newest care first). */
export const DOCUMENTS_SHOWN = 100;

/** The person's own documents, masked ones included and flagged (title, type, day of care, author's name). */
export const MY_DOCUMENTS = /* GraphQL */ `
  query ConsoleMyDocuments($first: Int) {
    me {
      documents(first: $first) {
        edges {
          node {
            id
            title
            type
            serviceDate
            author {
              name
            }
            masked
          }
        }
      }
    }
  }
`;

/** The names of the kinds of documents, asked apart: without them the page still lists the documents. */
export const DOCUMENT_KINDS = /* GraphQL */ `
  query ConsoleDocumentKinds {
    documentTypes {
      code
      label
      labelEn
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
