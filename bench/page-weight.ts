/**
 * Bytes of a form page's first visit (issue 14, item 4): Chromium opens a municipality's invitation link
 * with an empty cache, is redirected to its form and loads what the page needs, through the local server,
 * which compresses as CloudFront does. Every response with its bytes on the wire (headers and encoded
 * body, as Chromium counts them), and then a second visit, which finds the stylesheet in its cache.
 *
 *   npm run bench:page-weight
 */
import './support/quiet.js';
import { launchChromium, newDutchContext } from '../test/support/browser.js';
import { startTestPipeline } from '../test/support/pipeline.js';
import { kb, machine, markdownTable } from './support/stats.js';

const pipeline = await startTestPipeline();
const browser = await launchChromium();
try {
  const token = await pipeline.tokenFor('GM0193');
  const link = `${pipeline.baseUrl}/uitnodiging?code=${token}`;
  const context = await newDutchContext(browser);
  const page = await context.newPage();
  const visit = async () => {
    const responses: { url: string; status: number; encoding: string; bytes: number }[] = [];
    const done: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      done.push(
        (async () => {
          const response = await request.response();
          const sizes = await request.sizes();
          responses.push({
            url: new URL(request.url()).pathname,
            status: response?.status() ?? 0,
            encoding: (await response?.allHeaders())?.['content-encoding'] ?? '',
            bytes: sizes.responseHeadersSize + sizes.responseBodySize,
          });
        })(),
      );
    });
    await page.goto(link, { waitUntil: 'load' });
    await Promise.all(done);
    page.removeAllListeners('requestfinished');
    return responses;
  };
  const first = await visit();
  const again = await visit();
  const total = (list: typeof first) => list.reduce((sum, response) => sum + response.bytes, 0);
  console.log(`A form page's first visit in Chromium (empty cache), ${await machine()}\n`);
  console.log(
    markdownTable(
      ['response', 'status', 'encoding', 'on the wire'],
      [
        ...first.map((response) => [
          response.url.replace(/\/formulieren\/.*/, '/formulieren/{form}/{ronde}/{gemeente}'),
          String(response.status),
          response.encoding || 'none',
          kb(response.bytes),
        ]),
        [
          'first visit in all',
          '',
          '',
          `${kb(total(first))} (target ≤ 50 KB ${total(first) <= 50_000 ? 'ok' : 'MISSED'})`,
        ],
        ['the same link again (stylesheet cached)', '', '', kb(total(again))],
      ],
      '---|---:|---|---:',
    ),
  );
} finally {
  await browser.close();
  await pipeline.stop();
}
