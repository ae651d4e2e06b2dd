#!/usr/bin/env python3
"""The page as a site for any static host: dist/newslens-site-VERSION.zip, from the built
www/ (`make site` builds first).

    python3 scripts/site.py

The zip holds one folder, newslens/, with the page, its scripts, the wasm, a `_headers`
file (the Content-Security-Policy and the wasm's MIME type, as Netlify and Cloudflare
Pages read it) and HOSTING.txt for hosts without such a file. Every URL in the page is
relative, so the folder works at a site's root or in any sub-folder.
"""

import os
import re
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WWW = os.path.join(ROOT, "www")
FILES = ["index.html", "app.js", "lens.js", "worker.js", "example.js", "style.css", "icon.svg",
         "manifest.webmanifest", "sw.js", "pkg/newslens.js", "pkg/newslens_bg.wasm"]


def main():
    with open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8") as f:
        version = re.search(r'^version = "([^"]*)"', f.read(), re.M).group(1)
    with open(os.path.join(WWW, "index.html"), encoding="utf-8") as f:
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', f.read()).group(1)
    headers = (f"/*\n  Content-Security-Policy: {csp}\n  X-Content-Type-Options: nosniff\n"
               "  Referrer-Policy: no-referrer\n/*.wasm\n  Content-Type: application/wasm\n")
    hosting = f"""newslens {version}: the page, for any static host

Put this folder anywhere on a static web server: at the site's root or in a sub-folder
(https://example.org/tools/newslens/); every URL in the page is relative. Nothing is
fetched from anywhere else, and once visited the page works offline.

What the server must do:
- serve .wasm files as application/wasm (most servers do);
- nothing else. The Content-Security-Policy is in the page's own <meta> tag, so hosts
  that set no headers are fine. Hosts that read a `_headers` file (Netlify, Cloudflare
  Pages) also send it, with the wasm's type, as a header; on others (nginx, Apache,
  GitHub Pages) it can be added by hand:
  Content-Security-Policy: {csp}
"""
    os.makedirs(os.path.join(ROOT, "dist"), exist_ok=True)
    out = os.path.join(ROOT, "dist", f"newslens-site-{version}.zip")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in FILES:
            z.write(os.path.join(WWW, name), f"newslens/{name}")
        z.writestr("newslens/_headers", headers)
        z.writestr("newslens/HOSTING.txt", hosting)
    print(f"{os.path.relpath(out, ROOT)}: {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
