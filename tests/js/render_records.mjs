// Render decision records as GitHub shows them: markdown-it, then mermaid 11, in headless
// Chromium. Reads a JSON request on stdin:
//   {"files": ["a.md", ...], "check": true}                 -> prints {"a.md": [errors...]}
//   {"files": [...], "screenshots": "DIR", "themes": ["light", "dark"]} -> DIR/a.light.png ...
// The browser is CHROMIUM (env) or /usr/bin/chromium.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import MarkdownIt from "markdown-it";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const mermaidJs = fs.readFileSync(require.resolve("mermaid/dist/mermaid.min.js"), "utf8");
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const md = new MarkdownIt({ html: true, linkify: false });

const CSS = {
  light: "body{background:#ffffff;color:#1f2328}a{color:#0969da}th,td{border:1px solid #d1d9e0}",
  dark: "body{background:#0d1117;color:#f0f6fc}a{color:#4493f8}th,td{border:1px solid #3d444d}",
};
const BASE = "body{font:14px -apple-system,'Segoe UI','Noto Sans CJK SC',sans-serif;" +
  "max-width:1012px;margin:24px auto;padding:0 24px;line-height:1.5}" +
  "table{border-collapse:collapse;display:block;overflow:auto;max-width:100%}" +
  "th,td{padding:4px 10px}code{font-size:85%}pre{overflow:auto}";

function page(body, theme, file) {
  // A base beside the record, so pictures it links (FILE.map.svg) load as GitHub shows them.
  const base = file ? `<base href="file://${path.dirname(path.resolve(file))}/">` : "";
  return `<!doctype html><html><head><meta charset="utf-8">${base}<style>${BASE}${CSS[theme]}` +
    `img{max-width:100%}</style></head><body>${body}</body></html>`;
}

function blocks(text) {
  return md.parse(text, {}).filter((t) => t.type === "fence" && t.info.trim() === "mermaid")
    .map((t) => t.content);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
async function checkAll(files) {
  // One page and one mermaid for every file: parse and draw each chart, collect the errors.
  const tab = await browser.newPage();
  await tab.setContent(page("", "light"));
  await tab.addScriptTag({ content: mermaidJs });
  const out = {};
  for (const file of files) {
    const codes = blocks(fs.readFileSync(file, "utf8"));
    out[file] = await tab.evaluate(async (codes) => {
      const mermaid = window.mermaid;
      mermaid.initialize({ startOnLoad: false });
      const found = [];
      for (let i = 0; i < codes.length; i++) {
        try {
          await mermaid.parse(codes[i]);
          const { svg } = await mermaid.render(`check${i}`, codes[i]);
          if (/Syntax error/i.test(svg)) found.push(`chart ${i + 1}: rendered as a syntax error`);
        } catch (e) {
          found.push(`chart ${i + 1}: ${String(e && e.message ? e.message : e).split("\n").slice(0, 3).join(" ")}`);
        }
      }
      return found;
    }, codes);
  }
  await tab.close();
  return out;
}

try {
  const out = request.check ? await checkAll(request.files) : {};
  for (const file of request.check ? [] : request.files) {
    const text = fs.readFileSync(file, "utf8");
    const themes = request.check ? ["light"] : request.themes || ["light", "dark"];
    for (const theme of themes) {
      const tab = await browser.newPage();
      await tab.setViewport({ width: 1060, height: 800 });
      const body = md.render(text.replace(/^---\n[\s\S]*?\n---\n/, ""));
      // Opened from a page beside the record, so the pictures it links load.
      const shown = path.join(path.dirname(path.resolve(file)), `.render-${process.pid}.html`);
      fs.writeFileSync(shown, page(body, theme, file));
      try {
        await tab.goto(`file://${shown}`, { waitUntil: "load" });
      } finally {
        fs.unlinkSync(shown);
      }
      await tab.addScriptTag({ content: mermaidJs });
      const errors = await tab.evaluate(async (codes, dark) => {
        const mermaid = window.mermaid;
        mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default" });
        const found = [];
        const fences = [...document.querySelectorAll("pre > code.language-mermaid")];
        for (let i = 0; i < codes.length; i++) {
          try {
            await mermaid.parse(codes[i]);
            const { svg } = await mermaid.render(`chart${i}`, codes[i]);
            if (/Syntax error/i.test(svg)) found.push(`chart ${i + 1}: rendered as a syntax error`);
            if (fences[i]) {
              const div = document.createElement("div");
              div.className = "mermaid-chart";
              div.innerHTML = svg;
              fences[i].parentElement.replaceWith(div);
            }
          } catch (e) {
            found.push(`chart ${i + 1}: ${String(e && e.message ? e.message : e).split("\n").slice(0, 3).join(" ")}`);
          }
        }
        return found;
      }, blocks(text), theme === "dark");
      if (request.check) out[file] = errors;
      if (request.screenshots) {
        for (const d of await tab.$$("details")) await d.evaluate((e, open) => { e.open = open; }, !!request.openDetails);
        const name = path.basename(file).replace(/\.md$/, "");
        await tab.screenshot({ path: path.join(request.screenshots, `${name}.${theme}.png`), fullPage: true });
        const charts = await tab.$$("div.mermaid-chart");
        for (let i = 0; i < charts.length; i++) {
          // The chart with the text around it (caption, legend), as a reader meets it.
          const box = await charts[i].evaluate((e) => {
            const r = e.getBoundingClientRect();
            const prev = e.previousElementSibling, next = e.nextElementSibling;
            const top = prev ? prev.getBoundingClientRect().top : r.top;
            const bottom = next ? Math.min(next.getBoundingClientRect().bottom, r.bottom + 300) : r.bottom;
            return { x: 0, y: top + window.scrollY - 8, width: 1060, height: bottom - top + 16 };
          });
          await tab.screenshot({ path: path.join(request.screenshots, `${name}.${theme}.chart${i + 1}.png`), clip: box, captureBeyondViewport: true });
        }
        out[file] = errors;
      }
      await tab.close();
    }
  }
  process.stdout.write(JSON.stringify(out));
} finally {
  await browser.close();
}
