import {
  PUBLIC_DIRECTIVE_SDL,
  SCOPES_DIRECTIVE_SDL,
  SCOPES_SPEC_URL,
  SENSITIVITIES,
  scopeRequirementsFromSdl,
  type ScopeRequirements,
} from '@cmb/kit';
import {
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
  print,
  visit,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DirectiveDefinitionNode,
} from 'graphql';
import {
  declaredClassifications,
  PLUMBING_TYPES,
  type ClassificationProblem,
  type ClassifiedSubgraph,
  type DeclaredClassification,
} from './classification';
import { directiveArgument, stringArgument } from './sdl-reading';

/**
 * Whether the classification a subgraph writes reaches the supergraph.
 * Composition keeps a custom directive only when the subgraph imports it
 * through a spec `@link` and names it in `@composeDirective`; otherwise it
 * drops it silently, and a field the classification check read as
 * `@scopes(...)` is served by the gateway to any caller and left out of the
 * audit's personal data. Pure: SDL in, problems out.
 */

/** The classification directives, imported from {@link SCOPES_SPEC_URL} and composed into the supergraph. */
const CLASSIFICATION_DIRECTIVES = ['scopes', 'public'] as const;

/** Their definitions as the spec gives them (the kit's). */
const SPEC_DEFINITIONS: Record<(typeof CLASSIFICATION_DIRECTIVES)[number], string> = {
  scopes: SCOPES_DIRECTIVE_SDL,
  public: PUBLIC_DIRECTIVE_SDL,
};

/**
 * Federation's directives, and those the classification check reads by name
 * (`@key`, `@external`, `@inaccessible`): a subgraph imports them from the
 * federation `@link`, never defines them itself (a directive of its own with
 * that name is not federation's, yet the check would read it as one).
 */
const FEDERATION_DIRECTIVES = new Set([
  'link',
  'key',
  'external',
  'requires',
  'provides',
  'shareable',
  'inaccessible',
  'override',
  'extends',
  'tag',
  'interfaceObject',
  'composeDirective',
  'authenticated',
  'requiresScopes',
  'policy',
  'context',
  'fromContext',
  'cost',
  'listSize',
]);

/** How to import the classification directives, as every problem says. */
const HOW_TO_IMPORT =
  `import @scopes and @public through @link(url: "${SCOPES_SPEC_URL}", import: ["@scopes", "@public", "Sensitivity"]) ` +
  'with @composeDirective(name: "@scopes") and @composeDirective(name: "@public") (the kit\'s buildFederatedSchema prints them)';

/** The names a `@link` imports unaliased (`"@scopes"`, or `{ name: "@scopes" }` without another `as`). */
function unaliasedImports(link: ConstDirectiveNode): Set<string> {
  const value = directiveArgument(link, 'import');
  const names = new Set<string>();
  if (value?.kind !== Kind.LIST) return names;
  for (const item of value.values) {
    if (item.kind === Kind.STRING) names.add(item.value);
    if (item.kind !== Kind.OBJECT) continue;
    const field = (key: string) => {
      const found = item.fields.find((f) => f.name.value === key)?.value;
      return found?.kind === Kind.STRING ? found.value : null;
    };
    const name = field('name');
    const alias = field('as');
    if (name && (alias === null || alias === name)) names.add(name);
  }
  return names;
}

/** A directive definition as printed without descriptions, to compare it with the spec's. */
function normalised(definition: DirectiveDefinitionNode): string {
  return print(
    visit(definition, {
      enter(node) {
        return 'description' in node && node.description ? { ...node, description: undefined } : undefined;
      },
    }),
  );
}

const SPEC_PRINTED = Object.fromEntries(
  CLASSIFICATION_DIRECTIVES.map((name) => {
    const definition = parse(SPEC_DEFINITIONS[name]).definitions[0] as DirectiveDefinitionNode;
    return [name, normalised(definition)];
  }),
) as Record<(typeof CLASSIFICATION_DIRECTIVES)[number], string>;

/**
 * What keeps a subgraph's classification from reaching the supergraph, read
 * from its SDL alone: `@scopes` or `@public` written or defined without the
 * scopes spec's `@link` (importing them under their own names) and their
 * `@composeDirective`, or defined otherwise than the spec does (another
 * version, other arguments or locations); a `Sensitivity` enum other than
 * the spec's; and a federation directive (`@external`, `@inaccessible`,
 * `@key`, ...) the subgraph defines itself rather than imports. Problems are
 * named by the directive (`@scopes`), or the type (`Sensitivity`). An SDL
 * that does not parse has none here (the SDL check reports it).
 */
export function classificationLinkProblems(subgraph: ClassifiedSubgraph): ClassificationProblem[] {
  let definitions: readonly DefinitionNode[];
  try {
    definitions = parse(subgraph.sdl).definitions;
  } catch {
    return [];
  }
  const problems: ClassificationProblem[] = [];
  const report = (coordinate: string, message: string) => problems.push({ subgraph: subgraph.name, coordinate, message });

  const schemaDirectives = definitions.flatMap((d) =>
    d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION ? [...(d.directives ?? [])] : [],
  );
  const links = schemaDirectives.filter((d) => d.name.value === 'link');
  const specLink = links.find((link) => stringArgument(link, 'url') === SCOPES_SPEC_URL);
  const imported = specLink ? unaliasedImports(specLink) : new Set<string>();
  const composed = new Set(schemaDirectives.filter((d) => d.name.value === 'composeDirective').map((d) => stringArgument(d, 'name') ?? ''));
  for (const link of links) {
    const url = stringArgument(link, 'url') ?? '';
    if (url !== SCOPES_SPEC_URL && /^https?:\/\/specs\.cmb\.ma\/scopes\//.test(url)) {
      report('@link', `links the scopes spec at ${url}, not at ${SCOPES_SPEC_URL}: ${HOW_TO_IMPORT}`);
    }
  }

  const defined = new Map<string, DirectiveDefinitionNode>();
  let sensitivityValues: string[] | null = null;
  for (const definition of definitions) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) defined.set(definition.name.value, definition);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'Sensitivity') {
      sensitivityValues = (definition.values ?? []).map((v) => v.name.value);
    }
  }
  const applied = new Set<string>();
  visit(parse(subgraph.sdl), {
    Directive(node) {
      applied.add(node.name.value);
    },
  });

  for (const name of CLASSIFICATION_DIRECTIVES) {
    const definition = defined.get(name);
    if (!definition && !applied.has(name)) continue;
    const coordinate = `@${name}`;
    const missing: string[] = [];
    if (!imported.has(coordinate)) missing.push(`no @link to ${SCOPES_SPEC_URL} importing "${coordinate}"`);
    if (!composed.has(coordinate)) missing.push(`no @composeDirective(name: "${coordinate}")`);
    if (missing.length > 0) {
      report(
        coordinate,
        `${definition ? 'defines' : 'uses'} ${coordinate} with ${missing.join(' and ')}: composition would drop it from the supergraph, ` +
          `so the gateway would serve the fields it marks to any caller and the audit would not see them as personal data; ${HOW_TO_IMPORT}`,
      );
    }
    if (definition && normalised(definition) !== SPEC_PRINTED[name]) {
      report(coordinate, `defines ${coordinate} otherwise than the scopes spec (${SPEC_DEFINITIONS[name]}): ${HOW_TO_IMPORT}`);
    }
  }
  if (sensitivityValues && [...sensitivityValues].sort().join(' ') !== [...SENSITIVITIES].sort().join(' ')) {
    report('Sensitivity', `defines Sensitivity otherwise than the scopes spec (${SENSITIVITIES.join(', ')}): ${HOW_TO_IMPORT}`);
  }
  for (const name of [...defined.keys()].filter((n) => FEDERATION_DIRECTIVES.has(n)).sort()) {
    report(
      `@${name}`,
      `defines @${name} itself: a directive of its own is not federation's, yet the classification check would read it as one; ` +
        `import @${name} from the federation @link (https://specs.apollo.dev/federation/v2.5)`,
    );
  }
  for (const definition of definitions) {
    if (!(isTypeDefinitionNode(definition) || isTypeExtensionNode(definition)) || definition.kind === Kind.SCALAR_TYPE_DEFINITION) continue;
    const name = definition.name.value;
    if (!PLUMBING_TYPES.has(name)) continue;
    report(
      name,
      `defines the type ${name} itself: federation's own names are left out of the classification check, so its fields would be ` +
        'served to any caller; name the type otherwise',
    );
  }
  return problems;
}

/** `@scopes(anyOf: [...], sensitivity: X)`, `@public` or `nothing`, to name a classification in a message. */
function described(classification: DeclaredClassification | null): string {
  if (!classification) return 'no @scopes and no @public';
  const parts: string[] = [];
  if (classification.anyOf) {
    const sensitivity = classification.sensitivity ? `, sensitivity: ${classification.sensitivity}` : '';
    parts.push(`@scopes(anyOf: [${classification.anyOf.map((p) => JSON.stringify(p)).join(', ')}]${sensitivity})`);
  }
  if (classification.public) parts.push('@public');
  return parts.join(' ');
}

/** What the gateway and the audit read of a coordinate of the supergraph: the kit's requirements, and `@public`. */
function carriedBy(
  requirements: ScopeRequirements,
  publicOnes: ReadonlyMap<string, DeclaredClassification>,
  coordinate: string,
): DeclaredClassification | null {
  const isField = coordinate.includes('.');
  const anyOf = isField ? requirements.fields.get(coordinate) : requirements.types.get(coordinate);
  const sensitivity = isField ? requirements.sensitivity?.fields.get(coordinate) : requirements.sensitivity?.types.get(coordinate);
  const isPublic = publicOnes.get(coordinate)?.public ?? false;
  if (!anyOf && !isPublic) return null;
  return { anyOf: anyOf ? [...new Set(anyOf)].sort() : null, sensitivity: sensitivity ?? null, public: isPublic };
}

/** Whether what the supergraph carries keeps what the subgraph declared: the same purposes and class, its `@public`. */
function keeps(declared: DeclaredClassification, carried: DeclaredClassification | null): boolean {
  if (!carried) return false;
  if (declared.anyOf) {
    return carried.anyOf !== null && carried.anyOf.join(' ') === declared.anyOf.join(' ') && carried.sensitivity === declared.sensitivity;
  }
  // A @public field or type: open, unless another subgraph's @scopes restricts it further.
  return carried.public || carried.anyOf !== null;
}

/**
 * Every `@scopes` and `@public` the subgraphs declare (type-level and on
 * each field, as the classification check reads them) that the composed
 * supergraph does not carry as declared, as the gateway reads it (the kit's
 * `scopeRequirementsFromSdl`): dropped by composition, or composed into
 * other purposes or another class. Each problem names the subgraph and the
 * `Type.field` (or `Type`).
 */
export function lostClassificationProblems(subgraphs: readonly ClassifiedSubgraph[], supergraphSdl: string): ClassificationProblem[] {
  const requirements = scopeRequirementsFromSdl(supergraphSdl);
  const publicOnes = declaredClassifications(supergraphSdl);
  const problems: ClassificationProblem[] = [];
  for (const subgraph of subgraphs) {
    let declared: Map<string, DeclaredClassification>;
    try {
      declared = declaredClassifications(subgraph.sdl);
    } catch {
      continue;
    }
    for (const [coordinate, classification] of declared) {
      const carried = carriedBy(requirements, publicOnes, coordinate);
      if (keeps(classification, carried)) continue;
      const consequence = !classification.anyOf
        ? 'the supergraph would not say it is open'
        : carried?.anyOf
          ? 'the gateway would enforce and the audit would record other purposes or another class than declared'
          : 'the gateway would serve it to any caller and the audit would not see it as personal data';
      problems.push({
        subgraph: subgraph.name,
        coordinate,
        message:
          `${subgraph.name} declares ${described(classification)} on ${coordinate} but the composed supergraph carries ${described(carried)}: ` +
          `${consequence}; ${HOW_TO_IMPORT}`,
      });
    }
  }
  return problems;
}
