/** A step of a path into JSON: an element name or a list index. */
type Step = string | number;

/** The element at a path of FHIR JSON (`at(response, 'insurance', 0, 'inforce')`); undefined when a step is absent. */
export function at(value: unknown, ...path: Step[]): unknown {
  return path.reduce<unknown>(
    (current, step) => (typeof current === 'object' && current !== null ? (current as Record<Step, unknown>)[step] : undefined),
    value,
  );
}

/** The list at a path of FHIR JSON; empty when absent. */
export function listAt(value: unknown, ...path: Step[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}
