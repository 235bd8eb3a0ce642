import { appError } from '@cmb/kit';
import type { RegistryAttachments } from '../../providers/attachment-lookup';
import type { GraphQLStep } from '../steps';

/**
 * For the writes of an establishment or a professional, reads from the INPE
 * registry whom the caller acts for besides its own `org`, and sets it as
 * `caller.actsFor`: an establishment, its attached professionals; a
 * professional, the establishments it is attached to. The subgraphs hold a
 * write to what the writer keeps with it (medical-records: the custodian and
 * those attached to it), without reading the providers' tables. What the
 * registry says replaces anything the caller carried. When the registry
 * cannot be read, the write stops with `SUBGRAPH_UNAVAILABLE`: whom a writer
 * acts for is never guessed. Reads and other callers are left as they are.
 */
export function resolveActsFor(attachments: RegistryAttachments): GraphQLStep {
  return {
    async didResolveOperation({ operation, contextValue }) {
      const { caller, language, requestId } = contextValue;
      if (operation?.operation !== 'mutation' || !caller.org) return;
      const kind = caller.orgKind;
      if (kind !== 'ESTABLISHMENT' && kind !== 'PROFESSIONAL') return;
      let inpes: ReadonlySet<string>;
      try {
        inpes =
          kind === 'ESTABLISHMENT' ? await attachments(caller.org, requestId) : await attachments.establishmentsOf(caller.org, requestId);
      } catch {
        throw appError('SUBGRAPH_UNAVAILABLE', { subgraph: 'providers' }, { language, status: 200 });
      }
      const org = caller.org;
      // Completed in place: Apollo hands the steps a shallow copy of the request's context, and the caller context
      // is signed, at the first subgraph call, from the caller object both copies share.
      caller.actsFor = [...inpes].filter((inpe) => inpe !== org).sort();
    },
  };
}
