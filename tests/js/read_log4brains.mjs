// Read a decision log with log4brains' own reader (@log4brains/core) and print what it sees:
//   node read_log4brains.mjs WORKDIR [--html]   (WORKDIR holds .log4brains.yml)
// With --html, each record's page body as log4brains 1.1's site renders it: the markdown its
// reader hands the site (header list and title taken out), compiled by markdown-to-jsx, the
// markdown reader of log4brains' web package, to static HTML.
import { Log4brains } from "@log4brains/core";

const [folder, flag] = process.argv.slice(2);
const l4b = Log4brains.create(folder);
const adrs = await l4b.searchAdrs();
let render = null;
if (flag === "--html") {
  const React = (await import("react")).default;
  const { renderToStaticMarkup } = (await import("react-dom/server.js")).default;
  const { compiler } = await import("markdown-to-jsx");
  render = (text) => renderToStaticMarkup(React.createElement("div", null, compiler(text)));
}
process.stdout.write(JSON.stringify(adrs.map((a) => ({
  slug: a.slug,
  title: a.title,
  status: a.status,
  deciders: a.deciders,
  publicationDate: a.publicationDate,
  supersededBy: a.supersededBy,
  ...(render ? { html: render(a.body.enhancedMdx) } : {}),
}))));
