import { describe, expect, it } from "vitest";
import { ZModelDefinition } from "../../contract/health.ts";
import { DEFAULT_MODELS } from "./default-models.ts";
import { dataShare, notEnoughData } from "./onboarding.rules.ts";

const highTouch = ZModelDefinition.parse(DEFAULT_MODELS[0]?.definition);

/** What a customer a few days in, who has never used the product, reads as in a workspace with usage. */
const unused = {
  "usage.mau": 0,
  "usage.wau": 0,
  "usage.utilization": 0,
  "usage.breadth": 0,
  "usage.active_users_trend": null,
  "usage.days_since_last_activity": null,
  "subscription.days_to_renewal": 360,
  "subscription.mrr_trend": null,
  "key_players.champion_present": 0,
  "key_players.active_share": null,
  "sentiment.rating": null,
};

describe("enough data", () => {
  it("weighs each measure with data by its group's share times its share in the group", () => {
    // Only the champion (relationship 25% × 40%) counts: usage zeros are not data before any use.
    expect(dataShare(highTouch, unused, false)).toBeCloseTo(0.1, 5);
    // Once the product is used, the usage figures are data: adoption 35% × (40 + 30)% + champion.
    expect(dataShare(highTouch, unused, true)).toBeCloseTo(0.35 * 0.7 + 0.1, 5);
    const all = { ...unused, "usage.active_users_trend": 0, "usage.days_since_last_activity": 1 };
    expect(
      dataShare(
        highTouch,
        { ...all, "subscription.mrr_trend": 0, "key_players.active_share": 1, "sentiment.rating": 4 },
        true,
      ),
    ).toBeCloseTo(1, 5);
  });

  it("within the window, says what is missing; past it, or with half the weight, scores", () => {
    const facts = { day: "2026-03-13", firstStart: "2026-03-01", usedProduct: false };
    const note = notEnoughData(highTouch, unused, facts, 30);
    expect(note).toMatch(/^Not enough data yet: no product usage in the first 12 days; no /);
    expect(note).toContain("CSM sentiment");
    expect(note).toContain("carry 10% of the model's weight; a score needs 50%");
    // Day 30 is past the window; a start in the future, or unknown, is no reason either.
    expect(notEnoughData(highTouch, unused, { ...facts, day: "2026-03-31" }, 30)).toBeNull();
    expect(notEnoughData(highTouch, unused, { ...facts, firstStart: null }, 30)).toBeNull();
    expect(notEnoughData(highTouch, unused, { ...facts, day: "2026-02-01" }, 30)).toBeNull();
    // 0 turns the window off.
    expect(notEnoughData(highTouch, unused, { ...facts, day: "2026-03-01" }, 0)).toBeNull();
    // Using the product: adoption, recency and key players carry more than half.
    const using = { ...unused, "usage.days_since_last_activity": 1, "key_players.active_share": 0.5 };
    expect(notEnoughData(highTouch, using, { ...facts, usedProduct: true }, 30)).toBeNull();
    // Without the key players, 47%: not yet, and nothing is said of usage any more.
    const partly = notEnoughData(
      highTouch,
      { ...using, "key_players.active_share": null },
      { ...facts, usedProduct: true },
      30,
    );
    expect(partly).toMatch(/^Not enough data yet: no active users trend, key players active, /);
  });
});
