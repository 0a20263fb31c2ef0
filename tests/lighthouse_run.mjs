// Lighthouse (mobile profile) on pages of a site served on 127.0.0.1, in Debian's Chromium.
//
//   CHROME_PATH=/usr/bin/chromium node tests/lighthouse_run.mjs <base-url> <out-dir> <path>...
//
// Writes <out-dir>/<n>.json (the full report) per page and prints one JSON line per page:
// scores, page weight, requests, and the CPU calibration used.
//
// CPU calibration: the mobile profile slows the CPU 4× assuming a fast desktop host. On a slower
// or busy host that emulates a far slower phone than intended, so, as Lighthouse's documentation
// advises (its warning "slower CPU than Lighthouse expects" and its CPU throttling calculator),
// the multiplier is computed from the host's BenchmarkIndex, measured with Lighthouse's own
// benchmark right before each page. Everything else is the stock mobile profile.
// LH_CPU_MULTIPLIER=<n> in the environment fixes the multiplier instead.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import {pageFunctions} from 'lighthouse/core/lib/page-functions.js';
import puppeteer from 'puppeteer-core';

const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Lighthouse's CPU throttling calculator, piecewise linear in BenchmarkIndex.
export function multiplierFor(index) {
  if (index >= 1300) return 3 + (index - 1300) / 233;
  if (index >= 800) return 2 + (index - 800) / 500;
  if (index >= 150) return 1 + (index - 150) / 650;
  return 1;
}

async function benchmarkIndex(port) {
  const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${port}`});
  const page = await browser.newPage();
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await page.evaluate(pageFunctions.computeBenchmarkIndex));
  await page.close();
  await browser.disconnect();
  return runs.sort((a, b) => a - b)[1]; // median of three
}

const [base, outDir, ...paths] = process.argv.slice(2);
if (!base || !outDir || !paths.length) {
  console.error('usage: node tests/lighthouse_run.mjs <base-url> <out-dir> <path>...');
  process.exit(2);
}
mkdirSync(outDir, {recursive: true});
const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH || '/usr/bin/chromium', chromeFlags: FLAGS});
try {
  for (const [n, path] of paths.entries()) {
    const index = await benchmarkIndex(chrome.port);
    // LH_CPU_MULTIPLIER=4 reproduces the uncalibrated stock profile, for comparison.
    const forced = Number(process.env.LH_CPU_MULTIPLIER);
    const cpuSlowdownMultiplier = forced > 0 ? forced : Math.round(multiplierFor(index) * 100) / 100;
    const url = new URL(path, base).href;
    const result = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      throttling: {cpuSlowdownMultiplier},
      // The full-page screenshot only illustrates the HTML report's element previews; no audit
      // scores it (1.4 s a page).
      disableFullPageScreenshot: true,
    });
    const lhr = result.lhr;
    writeFileSync(join(outDir, `${n}.json`), result.report);
    const requests = lhr.audits['network-requests'].details.items;
    console.log(JSON.stringify({
      path, url, lighthouse: lhr.lighthouseVersion, formFactor: lhr.configSettings.formFactor,
      throttling: lhr.configSettings.throttling, benchmarkIndex: index,
      scores: Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score])),
      bytes: lhr.audits['total-byte-weight'].numericValue, requests: requests.length,
      hosts: [...new Set(requests.map(r => new URL(r.url).host).filter(Boolean))],
      metrics: Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
        'cumulative-layout-shift', 'speed-index'].map(k => [k, lhr.audits[k].displayValue])),
      failing: Object.entries(lhr.audits).filter(([, a]) => a.score !== null && a.score < 0.9
        && ['binary', 'numeric'].includes(a.scoreDisplayMode)).map(([k]) => k),
    }));
  }
} finally {
  await chrome.kill();
}
