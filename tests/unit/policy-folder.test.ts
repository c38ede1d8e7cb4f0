// The policy suites write the machine policy where the browser they drive reads it, and say why
// they skip elsewhere.
import { describe, expect, it } from 'vitest';
import { policyFolderOf } from '../../tests/support/policy';

describe('policyFolderOf', () => {
  it('Linux: the folder of the browser that was found', () => {
    expect(policyFolderOf('/usr/bin/chromium', 'linux')).toEqual({ dir: '/etc/chromium/policies/managed' });
    expect(policyFolderOf('/snap/bin/chromium', 'linux')).toEqual({ dir: '/etc/chromium/policies/managed' });
    expect(policyFolderOf('/usr/bin/google-chrome-stable', 'linux')).toEqual({ dir: '/etc/opt/chrome/policies/managed' });
    expect(policyFolderOf('/opt/google/chrome/chrome', 'linux')).toEqual({ dir: '/etc/opt/chrome/policies/managed' });
    expect(policyFolderOf('/usr/bin/microsoft-edge-stable', 'linux')).toEqual({ dir: '/etc/opt/edge/policies/managed' });
    expect(policyFolderOf('/opt/microsoft/msedge/msedge', 'linux')).toEqual({ dir: '/etc/opt/edge/policies/managed' });
  });

  it('an unknown browser or another system: a reason to skip, never a guess', () => {
    expect(policyFolderOf('/opt/mybrowser/run', 'linux').reason).toMatch(/cannot tell which policy folder \/opt\/mybrowser\/run reads/);
    expect(policyFolderOf('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'darwin').reason).toMatch(/only Linux browsers read/);
    expect(policyFolderOf('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'win32').reason).toMatch(/registry/);
  });
});
