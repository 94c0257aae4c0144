// launch.js - how the browser tests start Debian's Chromium (CHROMIUM
// overrides /usr/bin/chromium): headless, driven by playwright-core, with a
// throw-away profile and without the network chatter of a first run. opts
// adds context options (a11y.test.js: bypassCSP, to inject axe-core).
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

exports.launch = (opts = {}) => chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'ladder-pw-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  ...opts,
});
