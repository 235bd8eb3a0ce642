import type { RealmClient } from '@cmb/auth';
import { purposesOf } from '@cmb/composition';

/**
 * The purposes the realm grants an organisation: those its clients may ask
 * for (their optional client scopes that are purposes), over every client
 * whose tokens carry that organisation (claim `org`). An OG extends a
 * national type only with fields readable under these.
 */
export function grantedPurposes(clients: Iterable<RealmClient>, org: string): Set<string> {
  const granted = new Set<string>();
  for (const client of clients) {
    if (client.claims.org !== org) continue;
    for (const purpose of purposesOf(client)) granted.add(purpose);
  }
  return granted;
}
