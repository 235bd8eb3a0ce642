import { appError, CARE_GIVER_KINDS, isInpe, refusal, type Language } from '@cmb/kit';
import { Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import type { AttachmentLookup } from '../../providers/attachment-lookup';
import type { GraphQLStep } from '../steps';

/** The root fields of an operation, through inline fragments and fragment spreads. */
function rootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, SelectionSetNode>,
  seen = new Set<string>(),
): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    return rootFields(fragment, fragments, seen);
  });
}

/** Reads `input.providerInpe` of each `eligibility` root field (fragments included), from literals or variables. */
export function askedProviders(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): string[] {
  const valueOf = (node: ValueNode | undefined): unknown => {
    if (!node) return undefined;
    if (node.kind === Kind.VARIABLE) return variables[node.name.value];
    if (node.kind === Kind.STRING) return node.value;
    if (node.kind === Kind.OBJECT) return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value)]));
    return undefined;
  };
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])),
  );
  return rootFields(operation.selectionSet, fragments).flatMap((selection) => {
    if (selection.name.value !== 'eligibility') return [];
    const input = valueOf(selection.arguments?.find((a) => a.name.value === 'input')?.value) as { providerInpe?: unknown } | undefined;
    return [typeof input?.providerInpe === 'string' ? input.providerInpe.trim().toUpperCase() : ''];
  });
}

/** The refusal of an eligibility check for a provider the caller may not act for. */
function bindingRefusal(language: Language) {
  return refusal('PROVIDER_BINDING', { paths: 'eligibility' }, { language, extensions: { refusedPaths: ['eligibility'] } });
}

/**
 * An establishment or a professional checks eligibility only for care given
 * by itself or by a professional attached to it in the providers registry:
 * no client can act as another provider. Other callers are not bound.
 */
export function bindProvider(lookup: AttachmentLookup): GraphQLStep {
  return {
    async didResolveOperation({ document, operation, contextValue }) {
      const { caller, language } = contextValue;
      if (!CARE_GIVER_KINDS.has(caller.orgKind ?? '') || operation?.operation !== 'query') return;
      const asked = askedProviders(document, operation, contextValue.variables ?? {});
      // A malformed INPE names no provider: the subgraph refuses it with BAD_USER_INPUT.
      const foreign = asked.filter((inpe) => isInpe(inpe) && inpe !== caller.org);
      if (foreign.length === 0) return;
      if (!caller.org || caller.orgKind !== 'ESTABLISHMENT') throw bindingRefusal(language);
      let attached: ReadonlySet<string>;
      try {
        attached = await lookup(caller.org, contextValue.requestId);
      } catch {
        // The registry could not be read: the check cannot be made (HTTP 200, as for any unavailable subgraph).
        throw appError('SUBGRAPH_UNAVAILABLE', { subgraph: 'providers' }, { language, status: 200 });
      }
      if (foreign.some((inpe) => !attached.has(inpe))) throw bindingRefusal(language);
    },
  };
}
