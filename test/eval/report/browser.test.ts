/**
 * Opens the HTML report in headless Chromium and finds the plot. Skipped with a message where
 * /usr/bin/chromium is missing, unless CONSILIUM_REQUIRE_BROWSER=1 (CI), which makes it mandatory.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/eval/report/html.js';
import { SAMPLE_TARGETS, sampleReport } from './sample.js';

const CHROMIUM = '/usr/bin/chromium';
const REQUIRED = process.env.CONSILIUM_REQUIRE_BROWSER === '1';

describe('the HTML report in a browser', () => {
  it('renders the cost-vs-accuracy plot with a point per target and loads nothing else', async (ctx) => {
    if (!existsSync(CHROMIUM)) {
      if (REQUIRED) throw new Error(`CONSILIUM_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: install chromium`);
      ctx.skip(`${CHROMIUM} is missing: browser check skipped (CI sets CONSILIUM_REQUIRE_BROWSER=1 and installs it)`);
    }
    const { chromium } = await import('playwright-core');
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-eval-html-'));
    const file = path.join(dir, 'report.html');
    await writeFile(file, renderHtml(sampleReport()));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(file).href);
      const plot = page.locator('svg#cost-accuracy-plot');
      await expect(plot.count()).resolves.toBe(1);
      const box = await plot.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(200);
      await expect(plot.locator('circle.point').count()).resolves.toBe(SAMPLE_TARGETS.length);
      const labels = await plot.locator('g.target').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-target')));
      expect(labels).toEqual(SAMPLE_TARGETS);
      // Every point sits inside the plot area.
      const area = plot.locator('rect.plot-area');
      const [x, y, width, height] = await Promise.all(['x', 'y', 'width', 'height'].map(async (a) => Number(await area.getAttribute(a))));
      const centres = await plot.locator('circle.point').evaluateAll((circles) => circles.map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]));
      for (const [cx, cy] of centres) {
        expect(cx).toBeGreaterThanOrEqual(x as number);
        expect(cx).toBeLessThanOrEqual((x as number) + (width as number));
        expect(cy).toBeGreaterThanOrEqual(y as number);
        expect(cy).toBeLessThanOrEqual((y as number) + (height as number));
      }
      await expect(page.locator('table#targets tr[data-target]').count()).resolves.toBe(SAMPLE_TARGETS.length);
      expect(requested).toEqual([pathToFileURL(file).href]);
    } finally {
      await browser.close();
    }
  });
});
