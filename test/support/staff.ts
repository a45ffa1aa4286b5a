import type { TestPipeline } from './pipeline.js';

/**
 * A staff member's browser against the staff pages: the sign-in cookie, `Sec-Fetch-Site: same-origin` on
 * posts (what a browser sends for our own forms), form posts answered with 303 (not followed, except the
 * 303 of a check step to its GET page, `?stap=…`, which a browser follows to show it), and a reader for the
 * hidden fields of the forms a page renders (the idempotency token in particular).
 */

export interface StaffAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly text: string;
}

export interface StaffBrowser {
  get(path: string): Promise<StaffAnswer>;
  /** Posts a form as our own page does; `site` overrides Sec-Fetch-Site (a forged post is `cross-site`). */
  post(path: string, fields: Record<string, string | string[]>, site?: string): Promise<StaffAnswer>;
}

async function answer(response: Response): Promise<StaffAnswer> {
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

function body(fields: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  return params;
}

/** A browser with these cookies (a staff member's `regietafel_staf=…`, a municipality's session, or none). */
export function browserWith(pipeline: TestPipeline, cookie: string | undefined): StaffBrowser {
  const credentials: Record<string, string> = cookie ? { cookie } : {};
  const get = async (path: string) =>
    answer(
      await fetch(`${pipeline.baseUrl}${path}`, {
        headers: { accept: 'text/html', ...credentials },
        redirect: 'manual',
      }),
    );
  return {
    get,
    post: async (path, fields, site = 'same-origin') => {
      const posted = await answer(
        await fetch(`${pipeline.baseUrl}${path}`, {
          method: 'POST',
          headers: {
            accept: 'text/html',
            'content-type': 'application/x-www-form-urlencoded',
            'sec-fetch-site': site,
            ...credentials,
          },
          body: body(fields),
          redirect: 'manual',
        }),
      );
      const step = posted.status === 303 && posted.location?.includes('?stap=');
      return step ? get(posted.location!) : posted;
    },
  };
}

/** A signed-in staff member with this role (and an address of their own: `<role>@test.example`). */
export async function staffBrowser(pipeline: TestPipeline, role: string): Promise<StaffBrowser> {
  const token = await pipeline.staffIssuer.mint({
    roles: [role],
    email: `${role.replace(':', '.')}@test.example`,
  });
  return browserWith(pipeline, `regietafel_staf=${token}`);
}

/**
 * The hidden fields of the form on a page that has a button with this `_action`, as that button posts
 * them (including `_action` itself and the form's `_verzoek` token).
 */
export function formFields(page: string, action: string): Record<string, string | string[]> {
  for (const form of page.match(/<form[\s\S]*?<\/form>/g) ?? []) {
    if (!form.includes(`name="_action" value="${action}"`)) continue;
    const fields: Record<string, string | string[]> = {};
    for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      const [name, value] = [match[1]!, decode(match[2]!)];
      const existing = fields[name];
      fields[name] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    return { ...fields, _action: action };
  }
  throw new Error(`No form with the action ${action} on the page:\n${text(page).slice(0, 500)}`);
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A page's text, without markup, for readable assertions. */
export function text(page: string): string {
  // <wbr> is a place a line may break, not a space.
  return decode(page.replace(/<wbr>/g, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
