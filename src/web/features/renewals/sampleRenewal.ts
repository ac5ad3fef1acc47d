import type { Renewal } from "../../../contract/index.ts";

/** For the renewals feature's tests: an id, and a renewal of $12,000 ARR with what a test changes. */
export const ID = "0190a4b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";

/** A USD renewal due 2026-05-01, not started, with a commit forecast. */
export const renewal = (over: Partial<Renewal> = {}): Renewal => ({
  subscriptionId: ID,
  accountId: ID,
  accountName: "Acme",
  product: "Platform",
  plan: null,
  dueDate: "2026-05-01",
  noticeDate: "2026-03-02",
  noticeDateSet: false,
  arrMinor: 1_200_000,
  currency: "USD",
  autoRenew: null,
  healthScore: 70,
  healthBand: "good",
  churnProbability: 0.1,
  successIndex: 60,
  owner: null,
  stage: "not_started",
  renewalProbability: 0.9,
  forecast: "commit",
  csmCall: null,
  callDiffers: false,
  outcome: null,
  reasonCode: null,
  arrAfterMinor: null,
  note: null,
  ...over,
});
