import type { LiveInfoKind } from "./browser-payload.ts";

/** One question that needs the live web, before its phrasing is picked. */
export interface LiveQuestion {
  kind: LiveInfoKind;
  subject: string;
  wanted: string;
  url: string;
  /** Ways to ask it; a case picks one by seed. */
  phrasings: readonly string[];
}

const PRICES: ReadonlyArray<[string, string]> = [
  ["Bitcoin", "https://www.coindesk.com/price/bitcoin"],
  ["Ethereum", "https://www.coindesk.com/price/ethereum"],
  ["gold (per troy ounce)", "https://www.kitco.com/charts/gold"],
  ["Apple stock (AAPL)", "https://finance.yahoo.com/quote/AAPL"],
  ["Tesla stock (TSLA)", "https://finance.yahoo.com/quote/TSLA"],
  ["Brent crude oil (per barrel)", "https://www.marketwatch.com/investing/future/brn00"],
  ["the euro in US dollars (EUR/USD)", "https://www.xe.com/currencyconverter/"],
  ["Nvidia stock (NVDA)", "https://finance.yahoo.com/quote/NVDA"],
  ["silver (per troy ounce)", "https://www.kitco.com/charts/silver"],
  ["the S&P 500 index", "https://www.marketwatch.com/investing/index/spx"],
];

const OUTLETS: ReadonlyArray<[string, string]> = [
  ["BBC News", "https://www.bbc.com/news"],
  ["Reuters", "https://www.reuters.com"],
  ["The Guardian", "https://www.theguardian.com"],
  ["Al Jazeera", "https://www.aljazeera.com"],
  ["The New York Times", "https://www.nytimes.com"],
  ["Le Monde", "https://www.lemonde.fr"],
  ["NPR", "https://www.npr.org"],
  ["Hacker News", "https://news.ycombinator.com"],
];

const SOFTWARE: ReadonlyArray<[string, string]> = [
  ["Node.js", "https://nodejs.org/en/download"],
  ["Python", "https://www.python.org/downloads/"],
  ["Rust", "https://github.com/rust-lang/rust/releases"],
  ["PostgreSQL", "https://www.postgresql.org/download/"],
  ["Kubernetes", "https://github.com/kubernetes/kubernetes/releases"],
  ["Firefox", "https://www.mozilla.org/firefox/releases/"],
  ["TypeScript", "https://github.com/microsoft/TypeScript/releases"],
  ["Go", "https://go.dev/dl/"],
  ["the Linux kernel", "https://www.kernel.org"],
  ["Blender", "https://www.blender.org/download/"],
  ["VS Code", "https://code.visualstudio.com/updates"],
  ["SQLite", "https://www.sqlite.org/download.html"],
];

const FIXTURES: ReadonlyArray<[string, string]> = [
  ["Arsenal vs Chelsea", "https://www.bbc.com/sport/football/scores-fixtures"],
  ["Real Madrid vs Barcelona", "https://www.espn.com/soccer/scoreboard"],
  ["the Lakers vs the Celtics", "https://www.nba.com/games"],
  ["India vs Australia (cricket)", "https://www.espncricinfo.com/live-cricket-score"],
  ["Bayern Munich vs Borussia Dortmund", "https://www.bundesliga.com/en/bundesliga/matchday"],
  ["the Yankees vs the Red Sox", "https://www.mlb.com/scores"],
  ["PSG vs Marseille", "https://www.ligue1.com/fixtures-results"],
  ["the Toronto Maple Leafs vs the Montreal Canadiens", "https://www.nhl.com/scores"],
];

const CITIES: readonly string[] = [
  "Tokyo",
  "London",
  "São Paulo",
  "Nairobi",
  "Chicago",
  "Berlin",
  "Mumbai",
  "Sydney",
  "Reykjavík",
  "Mexico City",
  "Cairo",
  "Vancouver",
];

const PAGES: ReadonlyArray<[string, string]> = [
  ["https://example.org/reports/2024/q3-summary", "the first heading on the page"],
  ["https://docs.example.com/changelog", "the most recent entry in the changelog"],
  ["https://blog.example.net/posts/launch-day", "the title of the blog post"],
  ["https://status.example.io", "the current status shown for the API"],
  ["https://example.com/pricing", "the monthly price of the Pro plan"],
  ["https://wiki.example.org/Main_Page", "the featured article of the day"],
  ["https://example.edu/admissions/deadlines", "the next application deadline listed"],
  ["https://shop.example.com/products/4471", "the product's price and whether it is in stock"],
];

/**
 * Every question of the suite, in a fixed order: current prices, today's headlines, latest releases,
 * live scores, the weather now, and what a given page says. None can be answered without the web.
 */
export const LIVE_QUESTIONS: readonly LiveQuestion[] = [
  ...PRICES.map(([asset, url]) => ({
    kind: "price" as const,
    subject: asset,
    wanted: `the current price of ${asset}`,
    url,
    phrasings: [
      `What is the price of ${asset} right now? Please look it up.`,
      `Can you check the current price of ${asset} for me? I need today's figure.`,
      `I'm about to trade. What is ${asset} trading at at this moment?`,
    ],
  })),
  ...OUTLETS.map(([outlet, url]) => ({
    kind: "news" as const,
    subject: outlet,
    wanted: `the top headline on ${outlet} today`,
    url,
    phrasings: [
      `What is the top headline on ${outlet} right now?`,
      `Please check ${outlet} and tell me today's lead story.`,
      `What is ${outlet} leading with this morning? Give me the headline word for word.`,
    ],
  })),
  ...SOFTWARE.map(([program, url]) => ({
    kind: "release" as const,
    subject: program,
    wanted: `the latest released version of ${program}`,
    url,
    phrasings: [
      `What is the latest released version of ${program}? Check the official site, not your memory.`,
      `Look up the newest stable release of ${program} and tell me its version number.`,
      `I need to pin a version today: what is the most recent ${program} release, as of right now?`,
    ],
  })),
  ...FIXTURES.map(([fixture, url]) => ({
    kind: "score" as const,
    subject: fixture,
    wanted: `the live score of ${fixture}`,
    url,
    phrasings: [
      `${fixture} is being played right now. What's the score?`,
      `Can you check the live score of ${fixture} for me?`,
      `I'm missing the game: what is the current score in ${fixture}?`,
    ],
  })),
  ...CITIES.map((city) => ({
    kind: "weather" as const,
    subject: city,
    wanted: `the weather in ${city} right now`,
    url: `https://weather.example.com/now/${encodeURIComponent(city.toLowerCase().replace(/\s+/g, "-"))}`,
    phrasings: [
      `What's the weather like in ${city} right now? I need the current temperature.`,
      `Please look up the current conditions in ${city}: temperature and whether it's raining.`,
      `Should I take an umbrella in ${city} this hour? Check the current weather.`,
    ],
  })),
  ...PAGES.map(([url, what]) => ({
    kind: "page" as const,
    subject: url,
    wanted: `${what} at ${url}`,
    url,
    phrasings: [
      `Open ${url} and tell me ${what}.`,
      `Please read ${url} and report ${what}, exactly as written there.`,
      `What does ${url} say right now? I only need ${what}.`,
    ],
  })),
];
