import { appError } from '@cmb/kit';
import { Kind, type ASTNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimits } from './enforce-limits';

/**
 * Most tokens of a document the parser reads (names, punctuation, values):
 * above any operation a client needs, input written in the document
 * included (a 1,000-row affiliation batch written inline is about 32,000; a
 * registry file is one string), so a larger one is refused while it is
 * read, before any validation rule walks it.
 */
export const MAX_DOCUMENT_TOKENS = 100_000;

/**
 * Longest name a client may give its operation or an alias: both travel on
 * (the plan's fetches to the subgraphs are named after the operation, the
 * audit keeps it) and are read for national ids; far above any name a client
 * needs.
 */
export const MAX_CLIENT_NAME_LENGTH = 1_024;

/** What a document holds as written, fragments counted once: deepest nesting, aliases, fields, the longest name a client chose. */
export interface WrittenSize {
  depth: number;
  aliases: number;
  fields: number;
  /** The longest operation name or alias. */
  longestName: number;
}

/**
 * Counts a document as written, without following fragment spreads, with
 * an explicit stack (no recursion): linear in the document and safe on any
 * nesting, so it can run before validation.
 */
export function writtenSize(root: ASTNode): WrittenSize {
  const size: WrittenSize = { depth: 0, aliases: 0, fields: 0, longestName: 0 };
  const stack: { node: ASTNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: ASTNode; depth: number };
    if (node.kind === Kind.DOCUMENT) {
      for (const definition of node.definitions) stack.push({ node: definition, depth: 0 });
    } else if (node.kind === Kind.OPERATION_DEFINITION || node.kind === Kind.FRAGMENT_DEFINITION || node.kind === Kind.INLINE_FRAGMENT) {
      if (node.kind === Kind.OPERATION_DEFINITION && node.name) size.longestName = Math.max(size.longestName, node.name.value.length);
      stack.push({ node: node.selectionSet, depth });
    } else if (node.kind === Kind.SELECTION_SET) {
      size.depth = Math.max(size.depth, depth + 1);
      for (const selection of node.selections) stack.push({ node: selection, depth: depth + 1 });
    } else if (node.kind === Kind.FIELD) {
      size.fields += 1;
      if (node.alias) {
        size.aliases += 1;
        size.longestName = Math.max(size.longestName, node.alias.value.length);
      }
      if (node.selectionSet) stack.push({ node: node.selectionSet, depth });
    }
  }
  return size;
}

/**
 * A validation rule that runs first, on the document as written, before
 * the other rules walk it (some, such as the check that fields can merge,
 * cost the square of the fields): a document deeper, more aliased or larger
 * than the limits allow, or naming itself or an alias at more than
 * {@link MAX_CLIENT_NAME_LENGTH} characters, is refused at once with `QUERY_TOO_COMPLEX` (a
 * document past {@link MAX_DOCUMENT_TOKENS} never reaches validation).
 */
export function boundDocumentSize(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => ({
    Document(node) {
      const size = writtenSize(node);
      const exceeded =
        size.depth > limits.maxDepth
          ? `depth ${size.depth} > ${limits.maxDepth}`
          : size.aliases > limits.maxAliases
            ? `aliases ${size.aliases} > ${limits.maxAliases}`
            : size.fields > limits.maxCost
              ? `fields ${size.fields} > ${limits.maxCost}`
              : size.longestName > MAX_CLIENT_NAME_LENGTH
                ? `a name of ${size.longestName} characters > ${MAX_CLIENT_NAME_LENGTH}`
                : null;
      if (exceeded) context.reportError(appError('QUERY_TOO_COMPLEX', { limit: exceeded }));
      return undefined;
    },
  });
}
