/**
 * The fields a form page would post as it is, read from its HTML the way a browser without JavaScript
 * does: every input with its value, each select's chosen option, each checked radio, each textarea.
 */
export function pageFields(page: string): [string, string][] {
  const decodeHtml = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const inputs = [
    ...page.matchAll(/<input(?![^>]*type="radio")[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g),
  ].map((match) => [match[1]!, decodeHtml(match[2]!)] as [string, string]);
  const selects = [...page.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g)].map(
    (match) => [match[1]!, /<option value="([^"]*)" selected>/.exec(match[0])?.[1] ?? ''] as [string, string],
  );
  const radios = [...page.matchAll(/<input type="radio"[^>]*name="([^"]+)" value="([^"]+)" checked>/g)].map(
    (match) => [match[1]!, match[2]!] as [string, string],
  );
  const textareas = [...page.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)].map(
    (match) => [match[1]!, decodeHtml(match[2]!)] as [string, string],
  );
  return [...inputs, ...selects, ...radios, ...textareas];
}
