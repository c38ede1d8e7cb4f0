// The end-to-end tests find the browser on Linux, macOS and Windows, or say what to do.
import { describe, expect, it } from 'vitest';
import { findChrome } from '../../tests/support/chrome-path';

const only = (file: string) => (candidate: string) => candidate === file;

describe('findChrome', () => {
  it('CHROME_PATH wins, and a wrong one is named', () => {
    expect(findChrome({ CHROME_PATH: '/opt/chrome' }, 'linux', only('/opt/chrome'))).toBe('/opt/chrome');
    expect(() => findChrome({ CHROME_PATH: '/nowhere' }, 'linux', () => false)).toThrow(/CHROME_PATH is \/nowhere/);
  });

  it('finds Chromium on Linux, Chrome on macOS, Edge on Windows', () => {
    expect(findChrome({}, 'linux', only('/usr/bin/google-chrome'))).toBe('/usr/bin/google-chrome');
    expect(findChrome({}, 'darwin', only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'))).toBe(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findChrome({ 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, 'win32', only(edge))).toBe(edge);
  });

  it('says how to fix it when there is none', () => {
    expect(() => findChrome({}, 'linux', () => false)).toThrow(/apt-get install chromium\) or set CHROME_PATH/);
  });
});
