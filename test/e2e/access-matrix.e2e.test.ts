import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRealm } from '@cmb/auth';
import { isInpe, scopeRequirementsFromSdl } from '@cmb/kit';
import { describe, expect, inject, it } from 'vitest';
import { accessMatrixRows, allows, apiSchemaOf, purposesOf } from '@cmb/composition';
import { postGraphQL } from '../support/graphql-client';
import { probeQuery, responsePath } from '../support/probe-query';
import { authAs } from '../support/tokens';

/**
 * The access matrix as a generated suite: for one client of each kind of the
 * realm, under each purpose it may hold (and with none), every root field and
 * every restricted field is probed through the gateway with a real token.
 * Expected: served exactly when the purpose opens every step of its path
 * (auth/ACCESS_MATRIX.md); refused with FORBIDDEN naming its path otherwise.
 */
const supergraph = readFileSync(join(__dirname, '../../gateway/supergraph/supergraph.graphql'), 'utf8');
const schema = apiSchemaOf(supergraph);
const rows = accessMatrixRows(schema, scopeRequirementsFromSdl(supergraph));
const clients = [...loadRealm().clients.values()].filter((client) => client.serviceAccount && client.secret);
const onePerKind = [...new Map(clients.map((client) => [`${client.claims.org_kind}:${purposesOf(client).length > 0}`, client])).values()];

interface Probe {
  purpose: string;
  refused: boolean;
}

describe.each(onePerKind.map((client) => [client.clientId, client] as const))('access matrix for %s', (_clientId, client) => {
  const purposes = purposesOf(client);
  it.each(rows.map((row) => [row.coordinate, row] as const))('%s', async (_coordinate, row) => {
    // A provider checks for itself: row-level rules are not what this suite tests.
    const org = client.claims.org ?? '';
    const query = probeQuery(schema, row, isInpe(org) ? { providerInpe: JSON.stringify(org) } : {});
    const probes: Probe[] = [];
    for (const purpose of purposes.length > 0 ? purposes : ['']) {
      const answer = await postGraphQL(inject('gatewayUrl'), query, {}, await authAs(client.clientId, purpose));
      // A purpose refusal (reason FORBIDDEN with refusedPaths), not a row-level one.
      const refused = (answer.body.errors ?? []).some(
        (error) =>
          error.extensions?.reason === 'FORBIDDEN' &&
          Array.isArray(error.extensions.refusedPaths) &&
          (error.extensions.refusedPaths as string[]).some((path) => responsePath(row).startsWith(path)),
      );
      probes.push({ purpose, refused });
    }
    const expected = probes.map(({ purpose }) => ({ purpose, refused: !allows(row, purpose) }));
    expect(probes, query).toEqual(expected);
  });
});
