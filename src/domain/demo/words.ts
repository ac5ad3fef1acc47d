/** Word lists the demo data and factories compose names, titles and places from. */

// biome-ignore format: a word list reads better packed
export const COMPANY_PREFIXES = [
  "Harbor", "Bluepeak", "Cedar", "Summit", "Ironwood", "Brightwater", "Silverline", "Northgate", "Redstone",
  "Granite", "Lakeshore", "Westfield", "Evergreen", "Copperleaf", "Stonebridge", "Clearview", "Highland",
  "Riverbend", "Oakridge", "Pinecrest", "Sunburst", "Tidewater", "Wildflower", "Foxglove", "Blackbird",
  "Kestrel", "Meridian", "Orchard", "Lighthouse", "Juniper", "Alder", "Bramble", "Canyon", "Driftwood",
  "Ember", "Falcon", "Glacier", "Hawthorn", "Indigo", "Jasper", "Keystone", "Larkspur", "Maple", "Nimbus",
  "Obsidian", "Parkway", "Quarry", "Rosewood", "Sparrow", "Thistle", "Upland", "Vantage", "Willow",
  "Yellowstone", "Zephyr", "Atlas", "Beacon", "Crescent", "Dovetail", "Everest", "Fairway", "Goldcrest",
  "Horizon", "Islander", "Lumen", "Mosaic", "Nova", "Octave", "Pioneer", "Quantum", "Radiant", "Sterling",
  "Trailhead", "Unity", "Vertex", "Wayfarer", "Aurora", "Bluebird", "Cobalt", "Delta", "Elmstead",
] as const;

export const INDUSTRIES = [
  ["Software", 22, ["Labs", "Software", "Systems", "Cloud", "Data", "Technologies", "Networks", "Digital"]],
  ["Financial Services", 14, ["Capital", "Financial", "Bank", "Insurance", "Payments", "Wealth", "Lending"]],
  ["Healthcare", 12, ["Health", "Medical", "Clinics", "Care", "Diagnostics", "Therapeutics", "Biosciences"]],
  ["Retail", 10, ["Outfitters", "Market", "Goods", "Home", "Apparel", "Brands", "Provisions"]],
  ["Manufacturing", 10, ["Industries", "Manufacturing", "Components", "Materials", "Fabrication", "Works"]],
  ["Education", 7, ["Learning", "Academy", "Education", "Schools", "Tutoring", "Campus"]],
  ["Logistics", 8, ["Logistics", "Freight", "Shipping", "Transport", "Supply", "Fleet"]],
  ["Media", 6, ["Media", "Studios", "Publishing", "Broadcasting", "Entertainment"]],
  ["Hospitality", 4, ["Hotels", "Hospitality", "Travel", "Resorts"]],
  ["Energy", 4, ["Energy", "Power", "Solar", "Utilities", "Renewables"]],
  ["Professional Services", 3, ["Consulting", "Partners", "Advisory", "Group"]],
] as const;

export type Industry = (typeof INDUSTRIES)[number][0];

/** Region → [country, relative weight, currency the customer is billed in (when not USD)]. */
export const REGIONS = [
  [
    "North America",
    50,
    [
      ["United States", 85, null],
      ["Canada", 15, null],
    ],
  ],
  [
    "EMEA",
    30,
    [
      ["United Kingdom", 30, "GBP"],
      ["Germany", 22, "EUR"],
      ["France", 14, "EUR"],
      ["Netherlands", 10, "EUR"],
      ["Sweden", 6, null],
      ["Spain", 8, "EUR"],
      ["Ireland", 6, "EUR"],
      ["United Arab Emirates", 4, null],
    ],
  ],
  [
    "APAC",
    12,
    [
      ["Australia", 40, null],
      ["Japan", 20, null],
      ["Singapore", 25, null],
      ["India", 15, null],
    ],
  ],
  [
    "LATAM",
    8,
    [
      ["Brazil", 40, null],
      ["Mexico", 35, null],
      ["Chile", 12, null],
      ["Colombia", 13, null],
    ],
  ],
] as const;

/** How subsidiaries are named after their parent ("Harbor Analytics UK Ltd") and their subdomain. */
export const SUBSIDIARIES: Record<string, { suffix: string; code: string }> = {
  "United States": { suffix: "US Inc.", code: "us" },
  Canada: { suffix: "Canada Inc.", code: "ca" },
  "United Kingdom": { suffix: "UK Ltd", code: "uk" },
  Germany: { suffix: "Deutschland GmbH", code: "de" },
  France: { suffix: "France SAS", code: "fr" },
  Netherlands: { suffix: "Nederland B.V.", code: "nl" },
  Sweden: { suffix: "Sverige AB", code: "se" },
  Spain: { suffix: "España S.L.", code: "es" },
  Ireland: { suffix: "Ireland Ltd", code: "ie" },
  "United Arab Emirates": { suffix: "Middle East FZ-LLC", code: "ae" },
  Australia: { suffix: "Australia Pty Ltd", code: "au" },
  Japan: { suffix: "Japan K.K.", code: "jp" },
  Singapore: { suffix: "Asia Pte Ltd", code: "sg" },
  India: { suffix: "India Pvt Ltd", code: "in" },
  Brazil: { suffix: "Brasil Ltda", code: "br" },
  Mexico: { suffix: "México S.A. de C.V.", code: "mx" },
  Chile: { suffix: "Chile SpA", code: "cl" },
  Colombia: { suffix: "Colombia S.A.S.", code: "co" },
};

// biome-ignore format: a word list reads better packed
export const FIRST_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Lucas", "Mia", "Amir",
  "Charlotte", "James", "Amelia", "Benjamin", "Harper", "Elijah", "Evelyn", "Mateo", "Aisha", "Daniel",
  "Chloe", "Henry", "Zoe", "Samuel", "Nora", "David", "Leah", "Joseph", "Grace", "Carlos", "Priya", "Wei",
  "Yuki", "Hiroshi", "Fatima", "Omar", "Ingrid", "Lars", "Sanne", "Pieter", "Camille", "Julien", "Lucia",
  "Diego", "Valentina", "Rafael", "Ana", "Thiago", "Chen", "Mei", "Arjun", "Ananya", "Kofi", "Amara", "Sean",
  "Siobhan", "Hugo", "Elise", "Felix", "Clara", "Jonas", "Freya", "Oscar", "Maya", "Rohan", "Kenji", "Hana",
  "Tariq", "Leila", "Marco", "Giulia", "Andrea", "Nina", "Paul", "Rachel", "Victor", "Sara", "Tom", "Laura",
] as const;

// biome-ignore format: a word list reads better packed
export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Lopez",
  "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
  "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker",
  "Nguyen", "Patel", "Shah", "Kim", "Park", "Chen", "Wang", "Tanaka", "Sato", "Müller", "Schmidt", "Fischer",
  "Weber", "Dubois", "Laurent", "Moreau", "de Vries", "Jansen", "Bakker", "Andersson", "Johansson",
  "Fernández", "Santos", "Oliveira", "Silva", "Costa", "Rossi", "Russo", "Ferrari", "O'Brien", "Murphy",
  "Kelly", "Walsh", "Okoye", "Mensah", "Haddad", "Khan", "Hussain", "Singh", "Iyer", "Reddy", "Cohen",
  "Novak", "Kowalski", "Horvath", "Ivanova", "Lindberg", "Brennan", "Hughes", "Foster", "Reyes", "Ramos",
] as const;

/** Titles by seniority, one list per area of the customer's business. */
// biome-ignore format: a word list reads better packed
export const TITLES = {
  executive: [
    "Chief Operating Officer", "Chief Technology Officer", "Chief Financial Officer", "Chief Revenue Officer",
    "Chief Information Officer", "Chief Data Officer", "Chief Executive Officer", "Chief Customer Officer",
  ],
  vp: [
    "VP of Operations", "VP of Engineering", "VP of Customer Experience", "VP of Finance", "VP of Revenue Operations",
    "VP of Data & Analytics", "VP of IT", "VP of Supply Chain",
  ],
  director: [
    "Director of Operations", "Director of IT", "Director of Analytics", "Head of Revenue Operations",
    "Director of Business Systems", "Head of Customer Support", "Director of Finance Systems", "Head of Data",
  ],
  manager: [
    "Operations Manager", "IT Manager", "Analytics Manager", "Program Manager", "Support Manager",
    "Business Systems Manager", "Project Manager", "Finance Operations Manager",
  ],
  individual_contributor: [
    "Data Analyst", "Operations Specialist", "Systems Administrator", "Business Analyst", "Solutions Engineer",
    "Support Specialist", "Financial Analyst", "Software Engineer",
  ],
} as const;
