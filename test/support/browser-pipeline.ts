import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectReflow, launchChromium, newDutchContext } from './browser.js';
import { startTestPipeline, type TestPipeline } from './pipeline.js';

/**
 * What every browser test file starts with: the local pipeline on its emulators and a Chromium to drive
 * it, optionally one Dutch desktop page, optionally signed in as staff.
 */

export interface BrowserPipeline {
  readonly pipeline: TestPipeline;
  readonly browser: Browser;
  /** Closes the browser (and with it every context), then stops the pipeline. */
  stop(): Promise<void>;
}

export interface BrowserPipelinePage extends BrowserPipeline {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Data a file's tests need, put in the started pipeline before the browser opens. */
export type Prepare = (pipeline: TestPipeline) => Promise<void>;

/** The pipeline (after `prepare`) and Chromium; a failed start stops what had started. */
export async function startBrowserPipeline(prepare?: Prepare): Promise<BrowserPipeline> {
  const pipeline = await startTestPipeline();
  try {
    await prepare?.(pipeline);
    const browser = await launchChromium();
    return {
      pipeline,
      browser,
      stop: async () => {
        await browser.close();
        await pipeline.stop();
      },
    };
  } catch (error) {
    await pipeline.stop();
    throw error;
  }
}

/** `startBrowserPipeline` with one page in a fresh Dutch desktop context. */
export async function startBrowserPage(prepare?: Prepare): Promise<BrowserPipelinePage> {
  const started = await startBrowserPipeline(prepare);
  try {
    const context = await newDutchContext(started.browser);
    return { ...started, context, page: await context.newPage() };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

/** `startBrowserPage`, signed in as staff with the role whose label matches (see `signInAsStaff`). */
export async function startStaffBrowser(role: RegExp, prepare?: Prepare): Promise<BrowserPipelinePage> {
  const started = await startBrowserPage(prepare);
  try {
    await signInAsStaff(started.page, started.pipeline, role);
    return started;
  } catch (error) {
    await started.stop();
    throw error;
  }
}

/** Signs in on the sign-in page (the local stand-in of Cognito's) as staff with this role; back at the dashboard. Both pages are checked for reflow. */
export async function signInAsStaff(page: Page, pipeline: TestPipeline, role: RegExp): Promise<void> {
  await page.goto(`${pipeline.baseUrl}/staf/rondes`);
  await expectReflow(page, 'the sign-in page');
  await page.getByLabel(role).check();
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.waitForURL(`${pipeline.baseUrl}/staf/rondes`);
  await expectReflow(page, 'the dashboard after signing in');
}
