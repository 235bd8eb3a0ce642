import type { AuditWriter, PseudonymKeyring } from '@cmb/audit-store';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context/gateway-context';
import { accessEvent, commitEvent } from './access-event';

/** A request refused at the edge before its operation ran: whom it named, the refusal's code, the operation it stood for. */
export interface EdgeRefusal {
  /** The national ids it named, as far as they could be read. */
  nationalIds: readonly string[];
  /** The person refs it named, as far as they could be read. */
  refs?: readonly string[];
  code: string;
  operationName: string | null;
  operationHash: string;
  /** The personal-data field it asked for, as the trail names fields (`eligibility`); absent when its operation was not read. */
  field?: string;
}

/** Records an edge refusal; resolves to true once its event is committed, false when the audit store failed. */
export type EdgeRefusalAudit = (context: GatewayContext, refused: EdgeRefusal) => Promise<boolean>;

/**
 * The audit of requests refused at the edge before the graph's operation
 * runs (the FHIR facade's reader of a CoverageEligibilityRequest; a
 * `/graphql` request whose variables nest past the bound): one event
 * `REFUSED`, nothing served, the field asked refused, naming the persons the
 * request named (pseudonymised), as `/graphql` records the same check refused
 * for invalid input. Probing through the edge is then in the trail, not only
 * in the metrics.
 */
export function edgeRefusalAudit(options: {
  writer: AuditWriter;
  keyring: PseudonymKeyring;
  logger: Logger;
  observeCommit?: (seconds: number, committed: boolean) => void;
}): EdgeRefusalAudit {
  return async (context, refused) => {
    const event = accessEvent(
      {
        context,
        operationName: refused.operationName,
        operationHash: refused.operationHash,
        fields: { served: [], refused: refused.field ? [refused.field] : [] },
        nationalIds: refused.nationalIds,
        refs: refused.refs ?? [],
        organisms: [],
        covered: [],
        stage: 'ACCESS',
        decision: 'REFUSED',
        code: refused.code,
      },
      options.keyring,
    );
    const failure = await commitEvent(options.writer, event, options.observeCommit);
    if (failure)
      options.logger.error({ requestId: context.requestId, err: failure.error }, 'audit store unavailable: edge refusal not recorded');
    return failure === null;
  };
}
