import type { ComponentChildren } from 'preact';

/** A wide table's horizontal scroll box: a named region that the keyboard can reach and scroll (WCAG 2.1.1). */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
