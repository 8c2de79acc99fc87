#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`flashlint report` in a real browser.

For each sample build (linked by the html.sample.* fixtures) and for a hostile
build whose names are HTML and script injections, writes the HTML report, loads
it in headless Chromium over the DevTools protocol and asserts from the live DOM:
the partition bands, findings, sections and table rows are exactly those of
`flashlint check --format json` on the same build; every in-page link has a
target; the page logs no error or CSP violation, requests nothing but itself and
opens no dialog; injected names are text, never elements. The XIP sample is also
screenshotted with `chromium --screenshot` and the PNG must not be blank.
Prints 'N passed, N failed'.
"""

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

HOSTILE = [
    '<img src=x onerror=alert(1)>',
    '"><script>alert(1)</script>',
    '&amp;',
    "'quote\"",
    'sram<svg onload=alert(6)>',
    '<img src=x onerror=alert(5)>',
    '.text<img/src=x/onerror=alert(1)>',
    '.text."><script>alert(1)</script>',
    'lib"><script>alert(2)</script>.a',
    '<img/src=x/onerror=alert(3)>.o',
    'sym<svg/onload=alert&#x28;4&#x29;>',
    '.data&amp;',
    "'quote\"sym",
]
# The hostile build directory and its second image are named to be hostile too.
HOSTILE_DIR = 'b<img src=x onerror=alert(8)>"\'&amp;'
HOSTILE_IMAGE = '<img src=x onerror=alert(7)>&amp;'

# What the page says about itself, read in the browser.
PAGE_FACTS = r"""
(() => {
  const title = (g) => { const t = g.querySelector('title'); return t ? t.textContent.split('\n')[0] : ''; };
  const ids = new Set([...document.querySelectorAll('[id]')].map((e) => e.id));
  const links = [...document.querySelectorAll('a')]
    .map((a) => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
    .filter((h) => h.startsWith('#'));
  const onAttrs = [];
  for (const e of document.querySelectorAll('*'))
    for (const at of e.attributes)
      if (at.name.toLowerCase().startsWith('on')) onAttrs.push(e.tagName + ' ' + at.name);
  const tables = {};
  for (const t of document.querySelectorAll('.fltable'))
    tables[t.getAttribute('data-src')] = [Number(t.getAttribute('data-total')), t.querySelectorAll('tbody tr').length];
  return {
    ready: document.documentElement.getAttribute('data-ready'),
    csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || '',
    styleNonce: [...document.querySelectorAll('style')].map((s) => s.nonce),
    scripts: [...document.querySelectorAll('script')].map((s) => [s.type, s.nonce]),
    imgs: document.querySelectorAll('img, image, iframe, object, embed').length,
    partitions: [...document.querySelectorAll('g.band[id^="p-"]')].map(title),
    dtPartitions: [...document.querySelectorAll('g.band[id^="dp-"]')].map(title),
    sections: [...document.querySelectorAll('g.band[id^="s-"]')].length +
              [...document.querySelectorAll('li[id^="s-"]')].length,
    findings: [...document.querySelectorAll('li.finding')].map((li) => [li.getAttribute('data-rule'), li.className]),
    flagged: [...document.querySelectorAll('g.band.f-error[id]')].map(title),
    brokenLinks: links.filter((h) => !ids.has(decodeURIComponent(h.slice(1)))),
    links: links.length,
    onAttrs: onAttrs,
    graphNodes: document.querySelectorAll('.graph g.node').length,
    graphText: (document.querySelector('.graph svg') || {}).textContent || '',
    replacedGraphText: (document.querySelector('.graph details.replaced svg') || {}).textContent || '',
    changes: (document.querySelector('#changes') || {}).textContent || '',
    mainDevices: [...document.querySelectorAll('.graph > svg g.node title')].map((t) => t.textContent)
      .filter((t) => /device$/.test(t.trim())).length,
    changeRows: document.querySelectorAll('#changes table.delta tbody tr').length,
    redEdges: [...document.querySelectorAll('.graph g.edge')].map((g) => {
      const a = g.querySelector('a'); return a ? a.getAttribute('xlink:title') || '' : ''; }),
    loadOut: document.querySelectorAll('svg.strip g.load.out').length,
    overflow: document.querySelectorAll('g.band.k-over').length,
    tables: tables,
    text: document.body.textContent,
    views: document.querySelectorAll('figure.view').length,
    timing: performance.getEntriesByType('navigation')[0].loadEventEnd,
  };
})()
"""


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, cond, detail=''):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print('FAIL: %s%s' % (name, (': ' + str(detail)) if detail else ''))

    def eq(self, name, got, want):
        self.check(name, got == want, 'got %r, want %r' % (got, want))


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def expected(flashlint, build):
    """What `flashlint check --format json` finds in the same build."""
    p = run([flashlint, 'check', build, '--format', 'json'], env=dict(os.environ, NO_COLOR='1'))
    if p.returncode not in (0, 1):
        raise RuntimeError('flashlint check %s exited %d: %s' % (build, p.returncode, p.stderr))
    return json.loads(p.stdout)


def report(ck, flashlint, build, out, extra=()):
    p = run([flashlint, 'report', build, '-o', out] + list(extra))
    ck.eq('report %s: exit status' % build, p.returncode, 0)
    ck.eq('report %s: stdout' % build, p.stdout, 'wrote %s\n' % out)
    ck.eq('report %s: stderr' % build, p.stderr, '')


def common_checks(ck, name, b, url, facts, want):
    ck.eq(name + ': script ran', facts['ready'], '1')
    ck.eq(name + ': no console error, exception or CSP violation', b.problems(), [])
    ck.eq(name + ': requests', [u for u in b.requests() if not u.startswith('data:')], [url])
    ck.eq(name + ': dialogs', b.dialogs(), [])
    ck.eq(name + ': event-handler attributes', facts['onAttrs'], [])
    ck.eq(name + ': images, frames, objects', facts['imgs'], 0)
    ck.eq(name + ': broken in-page links', facts['brokenLinks'], [])
    csp = facts['csp']
    ck.check(name + ': CSP', csp.startswith("default-src 'none'; style-src 'nonce-"), csp)
    nonce = csp.split("'nonce-")[1].split("'")[0] if "'nonce-" in csp else None
    ck.eq(name + ': CSP nonces agree', csp.count("'nonce-%s'" % nonce), 2)
    ck.eq(name + ': style nonces', facts['styleNonce'], [nonce])
    code = [s for s in facts['scripts'] if s[0] != 'application/json']
    ck.eq(name + ': one executable script, with the nonce', code, [['', nonce]])
    data = [s for s in facts['scripts'] if s[0] == 'application/json']
    ck.eq(name + ': JSON data blocks', len(data), 3 * len(want['images']))

    parts = sorted(p['name'] for p in want['partitions'] if not p['static'])
    if not parts:
        parts = sorted(p['name'] for p in want['partitions'])
    ck.eq(name + ': partition bands', sorted(facts['partitions']), parts)
    ck.eq(name + ': section bands', facts['sections'],
          sum(len(i['sections']) for i in want['images']))
    ck.eq(name + ': findings', facts['findings'],
          [[d['id'], 'finding sev-' + d['severity']] for d in want['diagnostics']])
    for k, img in enumerate(want['images']):
        ck.eq('%s: sections table of image %d' % (name, k),
              facts['tables'].get('t-%d-sections' % k),
              [len(img['sections']), min(100, len(img['sections']))])
    ck.eq(name + ': graph nodes', facts['graphNodes'] > 0, True)


def png_stats(path):
    """(width, height, distinct colours, share of non-white pixels) of a PNG."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise RuntimeError('%s is not a PNG' % path)
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6):
        raise RuntimeError('unexpected PNG format (depth %d, colour type %d)' % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours, nonwhite = set(), 0
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ft == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ft == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif ft == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ft == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            px = bytes(line[x:x + 3])
            colours.add(px)
            if px != b'\xff\xff\xff':
                nonwhite += 1
        prev = line
    return w, h, len(colours), nonwhite / float(w * h)


def make_hostile(src, root):
    """The hostile inputs in a build directory with a hostile name, with a second
    image whose directory name is hostile too."""
    build = os.path.join(root, HOSTILE_DIR)
    shutil.copytree(src, build)
    shutil.copytree(os.path.join(build, 'zephyr'), os.path.join(build, HOSTILE_IMAGE, 'zephyr'))
    return build


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--flashlint', required=True)
    ap.add_argument('--samples', required=True, help='directory of the linked sample builds')
    ap.add_argument('--names', required=True, help='comma-separated sample names')
    ap.add_argument('--hostile', required=True, help='tests/html/hostile')
    ap.add_argument('--out', required=True, help='where the reports and the screenshot go')
    a = ap.parse_args()

    chromium = cdp.find_chromium()
    if not chromium:
        print('FAIL: no Chromium: install Debian\'s chromium (make deps does)')
        print('0 passed, 1 failed')
        return 1
    os.makedirs(a.out, exist_ok=True)
    ck = Checker()
    tmp = tempfile.mkdtemp(prefix='flashlint-html-')
    try:
        builds = [(n, os.path.join(a.samples, n)) for n in a.names.split(',')]
        builds.append(('hostile', make_hostile(a.hostile, tmp)))
        with cdp.Browser() as b:
            for name, build in builds:
                if not os.path.isdir(build):
                    ck.check(name + ': sample build exists', False, build)
                    continue
                out = os.path.join(a.out, name + '.html')
                report(ck, a.flashlint, build, out)
                want = expected(a.flashlint, build)
                url = 'file://' + urllib.parse.quote(os.path.abspath(out))
                wall = b.load(url)
                facts = b.eval(PAGE_FACTS)
                print('%s: %d bytes, loaded in %.0f ms (load event at %.0f ms)' %
                      (name, os.path.getsize(out), wall * 1000, facts['timing']))
                common_checks(ck, name, b, url, facts, want)

                if name == 'nrf5340-xip-relocation':
                    ck.eq(name + ': 17 partition bands', len(facts['partitions']), 17)
                    ck.eq(name + ': findings IMG001, SEC001', sorted(f[0] for f in facts['findings']),
                          ['IMG001', 'SEC001'])
                    # SEC001 points at the relocated section, IMG001 at the slot.
                    ck.eq(name + ': flagged bands', sorted(facts['flagged']),
                          ['.extflash_text_reloc', 'mcuboot_primary'])
                    ck.eq(name + ': loaded ranges outside the slot memory', facts['loadOut'], 1)
                    ck.eq(name + ': red edges naming SEC001',
                          sum('SEC001' in t for t in facts['redEdges']), 2)
                    shot = os.path.join(a.out, 'xip.png')
                    p = run([chromium, '--headless', '--no-sandbox', '--disable-gpu',
                             '--disable-background-networking', '--no-first-run',
                             '--hide-scrollbars', '--window-size=1400,1000',
                             '--user-data-dir=' + os.path.join(tmp, 'shot-profile'),
                             '--screenshot=' + shot, url], timeout=120)
                    ck.check(name + ': screenshot written', os.path.isfile(shot), p.stderr[-500:])
                    if os.path.isfile(shot):
                        w, h, ncol, share = png_stats(shot)
                        print('%s: screenshot %dx%d, %d colours, %.1f%% not white' %
                              (name, w, h, ncol, 100 * share))
                        ck.eq(name + ': screenshot size', (w, h), (1400, 1000))
                        ck.check(name + ': screenshot has colours', ncol >= 50, ncol)
                        ck.check(name + ': screenshot not blank', share >= 0.05, share)
                elif name == 'dt-image-too-big-for-slot1':
                    # Devicetree partitions (not in the JSON report): one band each,
                    # the slot IMG001 is about flagged.
                    ck.eq(name + ': devicetree partition bands', sorted(facts['dtPartitions']),
                          ['boot_partition', 'slot0_partition', 'slot1_partition',
                           'storage_partition'])
                    ck.check(name + ': slot1_partition flagged', 'slot1_partition' in facts['flagged'],
                             facts['flagged'])
                elif name == 'ext-secondary-fixed':
                    # Partition Manager's layout only, the chip once and by its node;
                    # the devicetree partitions it replaces behind a toggle.
                    main = facts['graphText']
                    ck.check(name + ': no raw chosen macro', 'DT_CHOSEN' not in main, main)
                    ck.eq(name + ': two devices, the SoC flash and the external chip, each once',
                          facts['mainDevices'], 2)
                    ck.check(name + ': the chip by its label', 'mx25r64' in main, main)
                    ck.check(name + ': no devicetree slot in the main diagram',
                             'slot1_partition' not in main, main)
                    ck.check(name + ': the replaced layout behind a toggle',
                             'slot1_partition' in facts['replacedGraphText'],
                             facts['replacedGraphText'])
                elif name == 'image-too-big':
                    ck.eq(name + ': overflow band', facts['overflow'], 1)
                elif name == 'clean':
                    ck.eq(name + ': no findings', facts['findings'], [])
                    ck.check(name + ': says so', 'No findings' in facts['text'])
                elif name == 'hostile':
                    for s in HOSTILE + [HOSTILE_IMAGE, os.path.basename(build)]:
                        ck.check(name + ': shown as text: ' + s, s in facts['text'])
                    for s in ('<img src=x onerror=alert(1)>', '"><script>alert(1)</script>',
                              '&amp;', "'quote\"", HOSTILE_IMAGE):
                        ck.check(name + ': in the diagram as text: ' + s, s in facts['graphText'])
                    ck.check(name + ': symbol table has the injected name',
                             b.eval("[...document.querySelectorAll('.fltable tbody')].some("
                                    "(t) => t.textContent.includes('sym<svg/onload=alert&#x28;4&#x29;>'))"))

            # `report --baseline`: the changes since another build, first on the page.
            for name, base, new, words in (
                    ('baseline-fixed', 'ext-secondary-no-driver-in-mcuboot', 'ext-secondary-fixed',
                     ['0 new findings, 1 fixed', 'fixed error XFL001', 'mcuboot FLASH: 5388 -> 5972 (+584)']),
                    ('baseline-relocated', 'clean', 'nrf5340-xip-relocation',
                     ['2 new findings, 0 fixed', 'new error IMG001', 'new error SEC001',
                      'breaks updates of devices in the field'])):
                build, base_build = os.path.join(a.samples, new), os.path.join(a.samples, base)
                if not (os.path.isdir(build) and os.path.isdir(base_build)):
                    ck.check(name + ': sample builds exist', False, build)
                    continue
                out = os.path.join(a.out, name + '.html')
                report(ck, a.flashlint, build, out, ['--baseline', base_build])
                url = 'file://' + urllib.parse.quote(os.path.abspath(out))
                b.load(url)
                facts = b.eval(PAGE_FACTS)
                common_checks(ck, name, b, url, facts, expected(a.flashlint, build))
                for w in words:
                    ck.check(name + ': the changes say ' + w, w in facts['changes'], facts['changes'][:600])
                ck.eq(name + ': image rows', facts['changeRows'] > 0, True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('%d passed, %d failed' % (ck.passed, ck.failed))
    return 0 if ck.failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
