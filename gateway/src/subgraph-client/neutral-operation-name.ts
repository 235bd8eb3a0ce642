import { LRUCache } from 'lru-cache';
import { replaceNationalIdsInAnyCase } from '../personal-arguments';

/** What stands for a national id in an operation name sent to a subgraph. */
const IN_PLACE_OF_AN_ID = 'ID';
/** Operation names remembered (clients choose them, each at most `MAX_CLIENT_NAME_LENGTH` characters: the least recently used go first). */
const renamed = new LRUCache<string, string>({ max: 1_000 });

/** An operation name without the national ids it holds, in any case; the name itself when it holds none. */
function neutralName(name: string): string {
  let neutral = renamed.get(name);
  if (neutral === undefined) {
    neutral = replaceNationalIdsInAnyCase(name, () => IN_PLACE_OF_AN_ID);
    renamed.set(name, neutral);
  }
  return neutral;
}

/**
 * The operation a data source sends a subgraph, its name without the
 * national ids a client wrote in its own (`query CheckZZ000001` becomes
 * `CheckID__care_pathways__1` in the plan's fetch): the planner names each
 * fetch after the client's operation, and a subgraph that is never sent the
 * national id itself (care-pathways reads persons by ref, an insurer's
 * subgraph gets no national id of a signed-in person) must not read it
 * there. The rest of the text is unchanged.
 */
export function withNeutralOperationName(
  query: string,
  operationName: string | undefined,
): { query: string; operationName: string | undefined } {
  if (!operationName) return { query, operationName };
  const neutral = neutralName(operationName);
  if (neutral === operationName) return { query, operationName };
  const at = query.indexOf(operationName);
  return { query: at < 0 ? query : `${query.slice(0, at)}${neutral}${query.slice(at + operationName.length)}`, operationName: neutral };
}
