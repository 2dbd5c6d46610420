import { describe, expect, it } from 'vitest';
import { denyPermissions, externalUrlAllowed, rendererDevUrl, safeSaveName, type PermissionSession } from './electron-policy';

describe('Electron shell policy', () => {
  it('opens only https links to allowlisted hosts', () => {
    expect(externalUrlAllowed('https://doi.org/10.1107/S0021889887087090')).toBe(true);
    expect(externalUrlAllowed('https://github.com/reductionlab')).toBe(true);
    for (const bad of ['http://doi.org/x', 'https://evil.example/doi.org', 'https://doi.org.evil.example/', 'file:///etc/passwd', 'https://user:pw@doi.org/', 'javascript:alert(1)', 'not a url', 'smb://doi.org/share']) {
      expect(externalUrlAllowed(bad), bad).toBe(false);
    }
  });

  it('honours the dev-server URL only unpackaged and only on loopback', () => {
    expect(rendererDevUrl(false, 'http://localhost:5173/')).toBe('http://localhost:5173/');
    expect(rendererDevUrl(false, 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(rendererDevUrl(true, 'http://localhost:5173/')).toBeUndefined();
    expect(rendererDevUrl(false, 'https://attacker.example/')).toBeUndefined();
    expect(rendererDevUrl(false, 'file:///tmp/index.html')).toBeUndefined();
    expect(rendererDevUrl(false, undefined)).toBeUndefined();
    expect(rendererDevUrl(false, '::::')).toBeUndefined();
  });

  it('reduces suggested save names to a plain base name', () => {
    expect(safeSaveName('conversion_89mm.svg')).toBe('conversion_89mm.svg');
    expect(safeSaveName('../../.ssh/authorized_keys')).toBe('authorized_keys');
    expect(safeSaveName('C:\\Windows\\System32\\drivers\\etc\\hosts')).toBe('hosts');
    expect(safeSaveName('a<b>c:"d|e?*f.csv')).toBe('a_b_c__d_e__f.csv');
    expect(safeSaveName('bad\u0000\u001fname.csv')).toBe('bad__name.csv');
    expect(safeSaveName('..')).toBe('export');
    expect(safeSaveName('  .hidden.csv  ')).toBe('hidden.csv');
    expect(safeSaveName('CON.csv')).toBe('_CON.csv');
    const long = safeSaveName(`${'x'.repeat(300)}.csv`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.csv')).toBe(true);
  });

  it('denies every permission request and check, device choosers and screen capture', () => {
    const calls: string[] = [];
    const handlers: Record<string, (...a: never[]) => unknown> = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => (handlers.request = h as never),
      setPermissionCheckHandler: (h) => (handlers.check = h as never),
      setDevicePermissionHandler: (h) => (handlers.device = h as never),
      setDisplayMediaRequestHandler: (h) => (handlers.display = h as never),
      on: (event, listener) => (handlers[event] = listener as never),
    };
    denyPermissions(session, (m) => calls.push(m));
    const granted: boolean[] = [];
    (handlers.request as unknown as (w: unknown, p: string, cb: (g: boolean) => void) => void)(null, 'media', (g) => granted.push(g));
    expect(granted).toEqual([false]);
    expect((handlers.check as unknown as (w: unknown, p: string) => boolean)(null, 'clipboard-read')).toBe(false);
    expect((handlers.device as unknown as (d: unknown) => boolean)({ deviceType: 'usb' })).toBe(false);
    const streams: unknown[] = [];
    (handlers.display as unknown as (r: unknown, cb: (s: unknown) => void) => void)({}, (s) => streams.push(s));
    expect(streams).toEqual([{}]);
    for (const event of ['select-hid-device', 'select-serial-port', 'select-usb-device']) {
      let prevented = false;
      const picked: unknown[] = [];
      (handlers[event] as unknown as (e: { preventDefault(): void }, d: unknown, cb: (id: string) => void) => void)({ preventDefault: () => (prevented = true) }, {}, (id) => picked.push(id));
      expect(prevented, event).toBe(true);
      expect(picked, event).toEqual(['']);
    }
    expect(calls).toContain('permission request denied: media');
  });
});
