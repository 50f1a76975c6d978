/**
 * Opens a URL in a new tab when the Node side could not (browser mode). Returns whether a tab
 * came back: with `noopener` window.open always answers null, so the page could not tell an
 * opened tab from a blocked one; instead the new tab's handle on this one is cut by hand.
 */
export function openInNewTab(url: string): boolean {
  const opened = window.open(url, '_blank');
  if (!opened) return false;
  try {
    opened.opener = null;
  } catch {
    // Some browsers make it read-only once navigated; the tab is open either way.
  }
  return true;
}
