/** Layer rules from docs/ARCHITECTURE.md: who may import whom. */
module.exports = {
  forbidden: [
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
        pathNot: ["^src/domain/$1/", "^src/domain/[^/]+/index\\.ts$", "^src/domain/(shared|context)"],
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
