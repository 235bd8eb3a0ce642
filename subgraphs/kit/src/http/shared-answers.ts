import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, type DocumentNode, type SelectionNode } from 'graphql';
import { servedPersonsOf } from '../persons/served-persons';

/**
 * The extension of an `_entities` answer that the gateway may share between
 * callers of the same organisation, purposes and language for a while
 * ({@link SharedAnswerNotice}). Only a subgraph's own declaration adds it.
 */
export const SHARED_ANSWER_EXTENSION = 'cmbSharedAnswer';

/**
 * Fields of an entity whose values depend on nothing but some fields of the
 * representation the gateway sends (`dependsOn`, the `@requires` ones):
 * neither the entity's key nor a person, as the INPE registry's facts about
 * a provider on a day of care. Declared by the subgraph that owns them.
 */
export interface SharedAnswerDeclaration {
  /** The entity type (`EligibilityDecision`). */
  typename: string;
  /** Its fields of which this holds. */
  fields: readonly string[];
  /** The representation fields the answer depends on. */
  dependsOn: readonly string[];
  /** How long an answer may be reused (the gateway caps it with its own bound). */
  maxAgeSeconds: number;
}

/** What an answer says of itself in {@link SHARED_ANSWER_EXTENSION}: of which type, on which fields it depends, for how long. */
export interface SharedAnswerNotice {
  typename: string;
  dependsOn: string[];
  maxAgeSeconds: number;
}

/** Whether a selection set and everything below it is free of directives and named fragments (what a variable or another document could change). */
function plainBelow(selections: readonly SelectionNode[]): boolean {
  return selections.every(
    (selection) =>
      selection.kind !== Kind.FRAGMENT_SPREAD &&
      !selection.directives?.length &&
      (selection.kind === Kind.FIELD
        ? !selection.arguments?.some((argument) => argument.value.kind === Kind.VARIABLE) &&
          plainBelow(selection.selectionSet?.selections ?? [])
        : plainBelow(selection.selectionSet.selections)),
  );
}

/** Whether selections ask only the declared fields (and `__typename`), unaliased, with nothing a variable could change below them. */
function asksOnly(selections: readonly SelectionNode[], fields: readonly string[]): boolean {
  return (
    plainBelow(selections) &&
    selections.every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        !selection.alias &&
        (selection.name.value === '__typename' || fields.includes(selection.name.value)),
    )
  );
}

/**
 * The declaration an operation falls under, or null: a query with one
 * `_entities` field whose selections are `__typename` and inline fragments
 * on one declared type asking only its declared fields, and one variable,
 * `$representations`. Anything else (a root field, a named fragment, an
 * alias, a directive or a variable at any depth, another field) is not
 * shared: the answer must be the same for every fetch of the same text.
 */
export function sharedAnswerOf(document: DocumentNode, declarations: readonly SharedAnswerDeclaration[]): SharedAnswerNotice | null {
  if (document.definitions.length !== 1) return null;
  const [operation] = document.definitions;
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query' || operation.directives?.length) return null;
  const variables = operation.variableDefinitions ?? [];
  if (variables.length !== 1 || variables[0]?.variable.name.value !== 'representations') return null;
  const [root, ...others] = operation.selectionSet.selections;
  if (others.length > 0 || root?.kind !== Kind.FIELD || root.alias || root.name.value !== '_entities' || root.directives?.length)
    return null;
  let declared: SharedAnswerDeclaration | null = null;
  for (const selection of root.selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias && !selection.directives?.length)
      continue;
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition || selection.directives?.length) return null;
    const typename = selection.typeCondition.name.value;
    const declaration = declarations.find((candidate) => candidate.typename === typename);
    if (!declaration || (declared && declared !== declaration)) return null;
    if (!asksOnly(selection.selectionSet.selections, declaration.fields)) return null;
    declared = declaration;
  }
  return declared && { typename: declared.typename, dependsOn: [...declared.dependsOn], maxAgeSeconds: declared.maxAgeSeconds };
}

/**
 * The kit's plugin that marks an answer as shareable ({@link SHARED_ANSWER_EXTENSION})
 * when its operation falls under one of the subgraph's declarations, it has
 * no error and it served no person.
 */
export function declareSharedAnswers<TContext extends BaseContext>(
  declarations: readonly SharedAnswerDeclaration[],
): ApolloServerPlugin<TContext> {
  // Apollo keeps one parsed document per operation text: each is judged once.
  const judged = new WeakMap<DocumentNode, SharedAnswerNotice | null>();
  const noticeFor = (document: DocumentNode) => {
    if (!judged.has(document)) judged.set(document, sharedAnswerOf(document, declarations));
    return judged.get(document) ?? null;
  };
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ document, contextValue, response }) {
          if (!document || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || servedPersonsOf(contextValue as object).length > 0) return;
          const notice = noticeFor(document);
          if (notice) result.extensions = { ...result.extensions, [SHARED_ANSWER_EXTENSION]: notice };
        },
      };
    },
  };
}
