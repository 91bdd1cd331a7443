/**
 * A data table that may be wider than a phone scrolls sideways inside its own region,
 * never the page (WCAG 1.4.10 allows this for tables); the region takes keyboard focus so
 * that it can be scrolled without a mouse, and is named for screen readers.
 */
import type { Child } from "hono/jsx";

export function TableScroll({ label, children }: { label: string; children: Child }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}
