// Read a decision log with log4brains' own reader (@log4brains/core) and print what it sees:
// node read_log4brains.mjs WORKDIR  (WORKDIR holds .log4brains.yml)
import { Log4brains } from "@log4brains/core";

const l4b = Log4brains.create(process.argv[2]);
const adrs = await l4b.searchAdrs();
process.stdout.write(JSON.stringify(adrs.map((a) => ({
  slug: a.slug,
  title: a.title,
  status: a.status,
  deciders: a.deciders,
  publicationDate: a.publicationDate,
  supersededBy: a.supersededBy,
}))));
