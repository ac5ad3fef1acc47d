/** Layer rules from docs/ARCHITECTURE.md: who may import whom. */
const tiers = require("./scripts/domain-tiers.cjs");

const modulesPattern = (list) => `^src/domain/(${list.join("|")})/`;

// A module of one tier may not import a module of a higher tier.
const tierRules = tiers.slice(0, -1).map(({ tier, modules }, i) => ({
  name: `domain-tier-${tier}`,
  comment: `${tier} modules import only their own tier or lower ones`,
  severity: "error",
  from: { path: modulesPattern(modules) },
  to: { path: modulesPattern(tiers.slice(i + 1).flatMap((t) => t.modules)) },
}));

module.exports = {
  forbidden: [
    ...tierRules,
    {
      name: "domain-module-in-a-tier",
      comment: "every folder of src/domain is listed in scripts/domain-tiers.cjs",
      severity: "error",
      from: { path: "^src/domain/[^/]+/", pathNot: modulesPattern(tiers.flatMap((t) => t.modules)) },
      to: {},
    },
    {
      name: "no-circular-in-domain",
      comment: "no runtime import cycle in the domain, including one through a module's own index.ts",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "only-queries-touch-the-database",
      comment: "only *.queries.ts files run SQL; others may use the transaction helper and database types",
      severity: "error",
      from: {
        path: "^src/domain/",
        pathNot: ["\\.queries\\.ts$", "\\.test\\.ts$"],
      },
      to: {
        path: ["^src/db/", "node_modules/(drizzle-orm|pg|@electric-sql)/"],
        pathNot: "^src/db/transaction\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "common-is-pure",
      severity: "error",
      from: { path: "^src/common/" },
      to: { path: "^src/(?!common/)" },
    },
    {
      name: "contract-imports-only-common",
      severity: "error",
      from: { path: "^src/contract/" },
      to: { path: "^src/(?!common/|contract/)" },
    },
    {
      name: "db-imports-only-common",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/(?!common/|db/)" },
    },
    {
      name: "domain-below-transports",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/(server|jobs|cli|web)/" },
    },
    {
      name: "web-talks-only-through-contract",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/(?!web/|contract/|common/)" },
    },
    {
      name: "transports-use-domain-index",
      comment: "server, jobs and cli reach a domain module only through its index.ts",
      severity: "error",
      from: { path: "^src/(server|jobs|cli)/" },
      to: { path: "^src/domain/[^/]+/(?!index\\.ts$)", pathNot: "^src/domain/context\\.ts$" },
    },
    {
      name: "domain-modules-use-each-others-index",
      severity: "error",
      from: { path: "^src/domain/([^/]+)/" },
      to: {
        path: "^src/domain/([^/]+)/",
        pathNot: ["^src/domain/$1/", "^src/domain/[^/]+/index\\.ts$", "^src/domain/(kernel/|context)"],
      },
    },
    {
      name: "jobs-below-server-and-cli",
      comment:
        "jobs are wired up by server and cli; they import domain, contract, common (and db to open it)",
      severity: "error",
      from: { path: "^src/jobs/" },
      to: { path: "^src/(server|cli|web)/" },
    },
    {
      name: "job-definitions-call-domain",
      comment:
        "a job definition calls a domain function; it uses db only for types (its handler gets the Db)",
      severity: "error",
      from: { path: "^src/jobs/definitions/" },
      to: { path: "^src/db/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "system-path-is-narrow",
      comment:
        "the system path (row-level security passed through) is for the places docs/ARCHITECTURE.md lists; everything else runs in a workspace transaction",
      severity: "error",
      from: {
        pathNot: [
          "^src/db/",
          "^src/server/(http|main)\\.ts$",
          "^src/server/routes/ingest\\.routes\\.ts$",
          "^src/server/routes/survey-pages\\.routes\\.ts$",
          "^src/server/routes/plan-pages\\.routes\\.ts$",
          "^src/server/inbound-smtp\\.ts$",
          "^src/jobs/runner\\.ts$",
          "^src/cli/(run|workspace-context|admin-session)\\.ts$",
          "^src/cli/commands/worker\\.ts$",
          "^src/server/app\\.ts$",
        ],
      },
      to: { path: "^src/db/system\\.ts$" },
    },
    {
      name: "no-circular-between-layers",
      severity: "error",
      from: { path: "^src/(common|contract|db)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "\\.test\\.ts$" },
  },
};
