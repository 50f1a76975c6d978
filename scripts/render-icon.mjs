#!/usr/bin/env node
// One-off: renders assets/icon.svg to assets/build/icon.png (512×512, transparent corners) with
// Debian's Chromium through playwright-core. electron-builder needs the PNG for Linux and derives
// the macOS .icns and Windows .ico from it. Re-run after editing the SVG, then commit the PNG.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = await readFile(path.join(root, 'assets/icon.svg'), 'utf8');
const size = 512;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
try {
  const page = await browser.newPage({
    viewport: { width: size, height: size },
    deviceScaleFactor: 1,
  });
  await page.setContent(
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style></head><body>${svg}</body></html>`,
  );
  const out = path.join(root, 'assets/build/icon.png');
  await page.screenshot({
    path: out,
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  console.log(`Wrote ${path.relative(root, out)} (${size}×${size})`);
} finally {
  await browser.close();
}
