/**
 * Query strings for the API fuzz suite (api-fuzz.test.ts): deterministic from
 * a seed, per route a mix of valid values of the route's own parameters,
 * near-misses of them, and hostile values (SQL, huge numbers, impossible
 * dates, unicode, NUL bytes, lone surrogates, 10k+ character strings,
 * repeated keys and `key[]=` arrays, prototype keys, percent-encoding garbage,
 * empty values). The output is the text after `?`, exactly as it is sent.
 */

export const FUZZ_ROUTES = [
  "sales",
  "products",
  "inventory",
  "movements",
  "freshness",
  "admin/coverage",
  "admin/status",
  "admin/syncs",
  "health",
] as const;
export type FuzzRoute = (typeof FUZZ_ROUTES)[number];

// --- a small seeded PRNG (mulberry32): the same seed gives the same corpus everywhere ---

export interface Random {
  /** [0, 1) */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, chance: (p) => next() < p, pick: (items) => items[int(0, items.length - 1)]! };
}

// --- values ---

/** A value put into the query string verbatim (already "encoded", possibly invalidly). */
interface Raw {
  raw: string;
}
type Value = string | Raw;
const raw = (text: string): Raw => ({ raw: text });

/** Percent-encodes a value; strings that cannot be encoded (lone surrogates) go in as they are, for the URL parser to deal with. */
function encode(value: Value): string {
  if (typeof value !== "string") return value.raw;
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoDay = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const daysIn = (year: number, month: number) => new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();

export const SQL_INJECTIONS = [
  "' or 1=1--",
  "' OR '1'='1",
  "'; drop table sales_invoice_lines;--",
  "'; delete from sync_metadata;--",
  "'; update sync_runs set status='error';--",
  "'; truncate products cascade;--",
  "1; insert into hydrations(id) values (gen_random_uuid());--",
  "1) or (1=1",
  "\" or \"\"=\"",
  "' union select null,version(),null--",
  "admin'--",
  "1' and pg_sleep(5)--",
  "'; select pg_terminate_backend(pg_backend_pid());--",
  "$$; drop table products; $$",
  "E'\\x27'",
  "%' or sku like '%",
  "\\'; --",
  "sku desc; drop table inventory_snapshot",
  "total_available desc nulls last, (select 1 from pg_sleep(1))",
  "day'::date; --",
  "month'); drop table sales_daily;--",
  "1 year'::interval; --",
  "2024-01-01'; drop table warehouse_movements;--",
  "keszlet'; drop table sync_metadata;--",
];

export const HUGE_NUMBERS = [
  "1e308",
  "1e309",
  "-1e308",
  "99999999999999999999",
  "9007199254740993",
  "18446744073709551616",
  "-9223372036854775809",
  "2147483648",
  "-0",
  "+0",
  "0",
  "-1",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "0b101",
  "0o17",
  "1e3",
  "1e4",
  "1e-7",
  "1.5",
  "1.0",
  "10.0000000000000001",
  " 12 ",
  "1_000",
  "１０",
  "½",
  "٣",
  "1,000",
  "1 000",
  "--1",
  "+-1",
  ".5",
  "5.",
  "e",
  "true",
  "null",
  "[]",
  "{}",
];

export const INVALID_DATES = [
  "2023-02-30",
  "2023-02-29",
  "2024-02-30",
  "2023-04-31",
  "0000-00-00",
  "0000-01-01",
  "0099-12-31",
  "2023-13-01",
  "2023-00-10",
  "2023-01-00",
  "2023-01-32",
  "10000-01-01",
  "99999-12-31",
  "-2024-01-01",
  "+2024-01-01",
  "2024-01-01T00:00:00Z",
  "2024-01-01 00:00",
  "2024-01-01Z",
  "20240101",
  "2024/01/01",
  "01/02/2024",
  "2024-1-1",
  "24-01-01",
  "2024-01",
  "2024",
  "２０２４-０１-０１",
  "2024‐01‐01",
  " 2024-01-01",
  "2024-01-01 ",
  "2024-01-01\n",
  "2024-01-01\u0000",
  "now",
  "today",
  "NaN",
  "null",
  "undefined",
  "Invalid Date",
  "1e308",
  "-0",
];

/**
 * Real calendar days far outside the data: they parse, so the route must answer them (2xx) without falling over.
 * Nothing earlier than year 0101: a year-over-year sales read of year 0100 asks to sync months of year 0099,
 * which the ERP client refuses (isCalendarDay() in lib/tharanis/query.ts takes years 0–99 for 1900–1999), so
 * every such read records a failed sync run – a write, which the suite's "database unchanged" check would see.
 */
export const EXTREME_VALID_DATES = ["9999-12-31", "9999-12-01", "9999-01-01", "1000-01-01", "0101-01-01", "0101-03-01", "1899-12-31", "1900-01-01", "1970-01-01", "1999-12-31", "2015-12-31", "2016-01-01", "2016-05-31", "2016-06-01", "2024-02-29", "2000-02-29"];

const LONG_STRINGS = (): string[] => [
  "a".repeat(10_000),
  "'".repeat(10_240),
  "%".repeat(10_001),
  "C1".repeat(6_000),
  "😀".repeat(5_000),
  "é".repeat(12_000),
  "' or 1=1--".repeat(1_100),
  "2024-01-01,".repeat(1_000),
];

export const UNICODE = [
  "😀",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "\u202Eevil\u202C",
  "\u200F\u05E9\u05DC\u05D5\u05DD",
  "مرحبا",
  "\u200B",
  "\uFEFF",
  "\uFFFD",
  "\uFFFF",
  "\uD800",
  "\uDFFF",
  "a\uD83Db",
  "Z̴̢̛̰͓͙a̷̧̛̜l̶̢̛̜g̸̨̛o̵",
  "İıŞşĞğ",
  "ß",
  "ﬀ",
  "Ⅻ",
  "kávé",
  "KÁVÉ",
  "őrölt",
  "Termék",
  "\t",
  "\r\n",
  "\u0000",
  "a\u0000b",
  "\u0007",
  "\u001b[31m",
];

export const PERCENT_GARBAGE: Raw[] = [
  "%",
  "%%",
  "%zz",
  "%2",
  "%g0",
  "%00",
  "a%00b",
  "%ED%A0%80",
  "%ED%BF%BF",
  "%F0%9F%98",
  "%C0%AE%C0%AE",
  "%C0%80",
  "%FF%FE",
  "%E2%80%AE",
  "%25",
  "%2525",
  "%252e%252e%252f",
  "%26",
  "%3D",
  "%23",
  "+",
  "++",
  "%2B",
  "%20",
  "%0A%0D",
  "%u0041",
  "&",
  "=",
  "==",
  "#frag",
  "?",
  "..%2F..%2Fetc%2Fpasswd",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "[object Object]",
].map(raw);

const EMPTY: Value[] = ["", " ", "  \t ", raw("+"), raw("%20"), ",", ",,,", raw("%2C")];

/** Keys that are no parameter of any route, some of them prototype names (searchParamsInput builds a plain object). */
export const UNKNOWN_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "length",
  "then",
  "x",
  "callback",
  "_",
  "debug",
  "sql",
  "where",
  "order",
  "format",
  "limit",
  "offset",
  "select",
  "utf8",
  "😀",
  "",
];

const ENTITY_NAMES = ["keszlet", "kimeno_szamla", "raktari_mozgas", "cikk"];
const GRANULARITIES = ["day", "week", "month"];
const METRICS = ["gross", "net", "quantity", "avg_gross_price"];
const INVENTORY_SORTS = ["sku", "name", "total", "warehouse_1", "warehouse_2", "warehouse_3", "warehouse_4", "warehouse_5", "warehouse_6"];
const RUN_STATUSES = ["running", "success", "error", "abandoned"];
const TRIGGERS = ["read", "cron", "hydrate", "manual"];
const SEARCH_WORDS = ["kávé", "kave", "Termék", "termek 1", "alap", "C100", "C10001", "c1000", "Élelmiszer", "Kft", "Zöldház", "natur & co", "l", "db", "1", "ár", "ÁR ÉRTÉK", "12", "termék 9 – alap", "zz-no-such-product"];

/** Catalog SKUs C10001…C16800 (and a few well-formed ones the ERP does not know). */
function sku(random: Random): string {
  if (random.chance(0.1)) return random.pick(["C99999", "c10001", "X-1", "A.B_C/D-9", "0", "Z".repeat(64)]);
  return `C1${pad(random.int(1, 6800), 4)}`;
}

// --- per-value generators: valid / near-valid / hostile ---

function validDate(random: Random, yearMin = 2014, yearMax = 2027): string {
  if (random.chance(0.04)) return random.pick(EXTREME_VALID_DATES);
  const year = random.int(yearMin, yearMax);
  const month = random.int(1, 12);
  return isoDay(year, month, random.int(1, daysIn(year, month)));
}

function addDaysIso(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  const iso = date.toISOString();
  return iso.length === 24 ? iso.slice(0, 10) : day;
}

/** A valid from ≤ to pair: mostly short ranges, now and then a long one, rarely the 20-year maximum. */
function validRange(random: Random): [string, string] {
  const from = validDate(random);
  const roll = random.next();
  let span: number;
  // Far outside the data: short ranges only (each month a valid query touches is synced before the fuzz).
  if (EXTREME_VALID_DATES.includes(from)) span = random.int(0, 62);
  else if (roll < 0.25) span = 0;
  else if (roll < 0.55) span = random.int(1, 31);
  else if (roll < 0.8) span = random.int(32, 370);
  else if (roll < 0.96) span = random.int(371, 365 * 5);
  else span = random.int(365 * 5, 365 * 20);
  let to = addDaysIso(from, span);
  // Keep within the 20-year limit (from's day + 20 years) so most long ranges are accepted,
  // and mostly short of 2029: every month a valid query reaches is synced before the fuzz.
  const limit = `${pad(Number(from.slice(0, 4)) + 20, 4)}${from.slice(4)}`;
  if (to > limit) to = limit;
  if (to > "2028-12-31" && from <= "2028-12-31" && !random.chance(0.05)) to = "2028-12-31";
  return [from, to];
}

function nearDate(random: Random, base: string): string {
  const [y, m, d] = base.split("-");
  const variants = [
    `${y}-${Number(m)}-${Number(d)}`,
    `${y}/${m}/${d}`,
    `${y}${m}${d}`,
    `${d}.${m}.${y}`,
    `${y}.${m}.${d}`,
    `${y}-${m}`,
    `${y}-${m}-${d}T00:00:00`,
    `${y}-${m}-${pad(Number(d) + 31)}`,
    `${y}-${pad(Number(m) + 12)}-${d}`,
    `${Number(y) + 10000}-${m}-${d}`,
    `${y}-${m}-${d} `,
    `${y}-${m}-${d},${y}-${m}-${d}`,
    base.toUpperCase().replace(/-/g, "_"),
  ];
  return random.pick(variants);
}

function hostile(random: Random): Value {
  const roll = random.next();
  if (roll < 0.2) return random.pick(SQL_INJECTIONS);
  if (roll < 0.35) return random.pick(HUGE_NUMBERS);
  if (roll < 0.5) return random.pick(INVALID_DATES);
  if (roll < 0.62) return random.pick(UNICODE);
  if (roll < 0.74) return random.pick(PERCENT_GARBAGE);
  if (roll < 0.8) return random.pick(EMPTY);
  if (roll < 0.85) return random.pick(LONG_STRINGS());
  if (roll < 0.93) {
    // A mixture: a valid-looking prefix with a hostile tail.
    return `${random.pick(["2024-01-01", "C10001", "month", "sku", "1", "kimeno_szamla"])}${random.pick([...SQL_INJECTIONS, ...UNICODE])}`;
  }
  // Random bytes, percent-encoded (often invalid UTF-8).
  const length = random.int(1, 40);
  let text = "";
  for (let i = 0; i < length; i += 1) text += `%${random.int(0, 255).toString(16).padStart(2, "0").toUpperCase()}`;
  return raw(text);
}

function nearEnum(random: Random, options: readonly string[]): string {
  const base = random.pick(options);
  return random.pick([base.toUpperCase(), ` ${base}`, `${base} `, base.slice(0, -1), `${base}s`, `${base},${random.pick(options)}`, `${base}\u0000`, base.replace(/_/g, "-"), `"${base}"`]);
}

function nearNumber(random: Random, min: number, max: number): string {
  return String(random.pick([min - 1, max + 1, min, max, 0, -min, max * 10, min + 0.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]));
}

type Pairs = Array<[Value, Value]>;

/** One parameter: a generator of its valid values; the mix decides between valid, near-valid, hostile and absent. */
interface ParamSpec {
  valid(random: Random): string;
  near(random: Random): string;
}

const enumParam = (options: readonly string[]): ParamSpec => ({ valid: (r) => r.pick(options), near: (r) => nearEnum(r, options) });
const intParam = (min: number, max: number): ParamSpec => ({
  valid: (r) => String(r.chance(0.7) ? r.int(min, Math.min(max, min + 20)) : r.int(min, max)),
  near: (r) => nearNumber(r, min, max),
});
const textParam: ParamSpec = {
  valid: (r) => r.pick(SEARCH_WORDS),
  near: (r) => r.pick([" ", "%", "_", "\\", "x".repeat(100), "x".repeat(101), `${r.pick(SEARCH_WORDS)}%`, `${r.pick(SEARCH_WORDS)}_`, "[a-z]", "(a|b)*c", ".*", "a{1,1000}", "^$", "\\d+", "(?i)", "[[:alpha:]]", "\\m", "a\\", "ÁÉÍÓÖŐÚÜŰ", "   trimmed   "]),
};
const skuParam: ParamSpec = {
  valid: (r) => sku(r),
  near: (r) => r.pick([" C10001", "C10001 ", "-C10001", ".C1", "C1 0001", "C10001;", "c".repeat(65), "C10001,C10002", "C10001,,C10002", "/", "C1%", "C1*", "C10001\u0000"]),
};

interface RouteSpec {
  params: Record<string, ParamSpec>;
  /** Parameters that come as a pair (from/to) and get a valid range together. */
  range?: boolean;
  /** Parameters that may repeat, and how many valid values at most. */
  lists?: Record<string, number>;
}

const dateParam: ParamSpec = { valid: (r) => validDate(r), near: (r) => nearDate(r, validDate(r)) };

const ROUTES: Record<FuzzRoute, RouteSpec> = {
  sales: {
    params: { from: dateParam, to: dateParam, sku: skuParam, granularity: enumParam(GRANULARITIES), metric: enumParam(METRICS), compare: enumParam(["none", "yoy"]) },
    range: true,
    lists: { sku: 5 },
  },
  movements: { params: { from: dateParam, to: dateParam, sku: skuParam, granularity: enumParam(GRANULARITIES) }, range: true, lists: { sku: 1 } },
  inventory: {
    params: { q: textParam, sort: enumParam(INVENTORY_SORTS), dir: enumParam(["asc", "desc"]), low: enumParam(["all", "low", "out"]), page: intParam(1, 10_000), pageSize: intParam(10, 500) },
  },
  products: { params: { q: textParam, limit: intParam(1, 50) } },
  freshness: { params: { entity: enumParam(ENTITY_NAMES), from: dateParam, to: dateParam }, range: true, lists: { entity: 4 } },
  "admin/coverage": { params: {} },
  "admin/status": { params: {} },
  "admin/syncs": {
    params: { entity: enumParam(ENTITY_NAMES), status: enumParam(RUN_STATUSES), trigger: enumParam(TRIGGERS), page: intParam(1, 100_000), pageSize: intParam(10, 200) },
  },
  health: { params: {} },
};

/** Every parameter name of every route: routes without parameters are sent the others' (they must ignore them). */
const ALL_PARAMETER_NAMES = [...new Set(Object.values(ROUTES).flatMap((spec) => Object.keys(spec.params)))];

/** A query string built from key/value pairs. */
function join(pairs: Pairs): string {
  return pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&");
}

function generateOne(route: FuzzRoute, random: Random): string {
  const spec = ROUTES[route];
  const names = Object.keys(spec.params);
  const pairs: Pairs = [];
  // How hostile this query is: some all valid (they must answer 2xx with data), most mixed.
  const mode = random.next();
  const hostility = mode < 0.3 ? 0 : mode < 0.75 ? 0.25 : 0.7;
  const range = spec.range && random.chance(0.85) ? validRange(random) : undefined;

  for (const name of names) {
    const param = spec.params[name]!;
    const roll = random.next();
    if (roll < hostility * 0.6) {
      pairs.push([name, hostile(random)]);
      continue;
    }
    if (roll < hostility) {
      pairs.push([name, param.near(random)]);
      continue;
    }
    // Valid, or absent (required ones then give a 400, optional ones their default).
    const absent = name === "from" || name === "to" ? random.chance(0.03) : random.chance(0.35);
    if (absent) continue;
    const max = spec.lists?.[name];
    if (max !== undefined) {
      const count = random.int(1, max + (random.chance(0.1) ? 2 : 0));
      const values = Array.from({ length: count }, () => param.valid(random));
      if (random.chance(0.5)) pairs.push([name, values.join(random.pick([",", ", ", ",,"]))]);
      else for (const value of values) pairs.push([name, value]);
      continue;
    }
    pairs.push([name, name === "from" && range ? range[0] : name === "to" && range ? range[1] : param.valid(random)]);
  }

  // Structural mutations of the query as a whole.
  const targets = names.length > 0 ? names : ALL_PARAMETER_NAMES;
  if (names.length === 0 || random.chance(0.35)) {
    const count = random.int(1, 4);
    for (let i = 0; i < count; i += 1) {
      const kind = random.int(0, 8);
      const target = random.pick(targets);
      switch (kind) {
        case 0: // repeated parameter
          pairs.push([target, random.chance(0.5) ? spec.params[target]?.valid(random) ?? "x" : hostile(random)]);
          break;
        case 1: // array syntax
          pairs.push([raw(`${target}[]`), spec.params[target]?.valid(random) ?? "x"]);
          if (random.chance(0.5)) pairs.push([raw(`${target}[0]`), hostile(random)]);
          break;
        case 2: // unknown parameter
          pairs.push([random.pick(UNKNOWN_KEYS), random.chance(0.5) ? hostile(random) : "1"]);
          break;
        case 3: // other casing / encoded key
          pairs.push([raw(random.pick([target.toUpperCase(), `${target[0]!.toUpperCase()}${target.slice(1)}`, target.split("").map((c) => `%${c.charCodeAt(0).toString(16)}`).join("")])), spec.params[target]?.valid(random) ?? "x"]);
          break;
        case 4: // empty value / bare key
          pairs.push([target, random.pick(EMPTY)]);
          break;
        case 5: // hostile value for any parameter name
          pairs.push([target, hostile(random)]);
          break;
        case 6: // many repetitions
          for (let n = random.int(6, 300), value = spec.params[target]?.valid(random) ?? "1"; n > 0; n -= 1) pairs.push([target, value]);
          break;
        case 7: // garbage key
          pairs.push([random.pick([raw("%"), raw("%zz"), raw("%00"), raw("[]"), raw("a[b][c]"), raw("&&"), raw(""), "😀", raw("%ED%A0%80")]), hostile(random)]);
          break;
        default: // duplicated, shuffled
          if (pairs.length > 0) pairs.push(random.pick(pairs));
      }
    }
  }
  if (random.chance(0.1)) shuffle(pairs, random);

  let query = join(pairs);
  // Damage to the string itself: stray separators, a bare key, a fragment.
  if (random.chance(0.06)) query = random.pick([`&${query}`, `${query}&`, `${query}&&`, `?${query}`, `${query}&${random.pick(targets)}`, `${query}#${random.pick(targets)}=x`, query.replace(/=/, "==")]);
  return query;
}

function shuffle<T>(items: T[], random: Random): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** Always in the corpus, whatever the seed: the classic cases, spelled out. */
function fixedCases(route: FuzzRoute): string[] {
  const names = Object.keys(ROUTES[route].params);
  const targets = names.length > 0 ? names : ALL_PARAMETER_NAMES;
  const range = "from=2024-01-01&to=2024-03-31";
  const cases = ["", "&", "=", "?", "%", "%zz", "%00", "a=%ED%A0%80", "__proto__[x]=1", "__proto__=1", "constructor=1&toString=2&valueOf=3&hasOwnProperty=4", `${range}&__proto__=x&__proto__=y`];
  for (const name of targets) {
    for (const value of [
      "' or 1=1--",
      "'; drop table sales_invoice_lines;--",
      "1e308",
      "99999999999999999999",
      "-0",
      "NaN",
      "Infinity",
      "2023-02-30",
      "0000-00-00",
      "2023-13-01",
      "9999-12-31",
      "2015-01-01",
      "😀",
      "\u202Eabc",
      "a".repeat(10_000),
    ]) {
      cases.push(`${name}=${encodeURIComponent(value)}`);
    }
    cases.push(`${name}=%00`, `${name}=%ED%A0%80`, `${name}=%`, `${name}=%zz`, `${name}=`, `${name}`, `${name}[]=x`, `${name}=a&${name}=b`, `${name}[]=1&${name}[]=2`);
    if (ROUTES[route].range) cases.push(`${range}&${name}=%00`, `${range}&${name}=a&${name}=b`, `${range}&${name}[]=x`);
  }
  if (route === "sales") {
    cases.push(
      "from=2024-01-01&to=2024-12-31",
      "from=2024-01-01&to=2024-12-31&sku=C10001&sku=C10002&compare=yoy&granularity=week",
      "from=2004-01-01&to=2024-01-01&granularity=day&compare=yoy&metric=avg_gross_price",
      "from=9999-12-31&to=9999-12-31",
      "from=9999-12-01&to=9999-12-31&granularity=day",
      "from=9999-12-31&to=9999-12-31&granularity=week&compare=yoy",
      "from=0101-01-01&to=0101-12-31&compare=yoy",
      "from=0101-03-01&to=0101-03-01&compare=yoy&granularity=week",
      "from=0100-01-01&to=0100-12-31",
      "from=2015-01-01&to=2016-12-31&sku=C10001,C10002,C10003,C10004,C10005",
      "from=2024-02-29&to=2024-02-29&compare=yoy&granularity=day",
      "from=2024-01-01&to=2024-01-31&sku=a&sku=b&sku=c&sku=d&sku=e&sku=f",
      "from=2024-01-01&to=2024-01-31&granularity=month&granularity=day",
    );
  }
  if (route === "movements") {
    cases.push(
      "from=2024-01-01&to=2024-12-31",
      "from=2004-01-01&to=2024-01-01&granularity=day",
      "from=9999-12-31&to=9999-12-31&granularity=week",
      "from=2024-01-01&to=2024-01-31&sku=C10001",
      "from=2024-01-01&to=2024-01-31&sku=C10001&sku=C10002",
    );
  }
  if (route === "inventory") cases.push("page=10000&pageSize=500", "q=%25&sort=total&dir=desc&low=out", "q=%5C&pageSize=10", "sort=sku%20desc%3B%20drop%20table%20products", "q=" + "x".repeat(100), "q=" + "x".repeat(101));
  if (route === "products") cases.push("q=C10001", "q=k%C3%A1v%C3%A9&limit=50", "q=%5C", "q=(((((a*)*)*)*)*", "q=" + "a ".repeat(50), "q=" + "x".repeat(101), "q=%20%20", "limit=5");
  if (route === "freshness") cases.push("entity=kimeno_szamla", "entity=raktari_mozgas,keszlet", "entity=cikk&entity=kimeno_szamla&to=%0D%0A", "entity=kimeno_szamla&from=2024-01-01&to=2024-12-31", "entity=keszlet,cikk", "entity=kimeno_szamla&from=2024-01-01", "entity=kimeno_szamla&entity=raktari_mozgas&from=9999-12-31&to=9999-12-31");
  if (route === "admin/syncs") cases.push("page=100000&pageSize=200", "entity=cikk&status=success&trigger=hydrate", "status=error&trigger=read&page=2&pageSize=10");
  return cases;
}

export interface GeneratedQuery {
  route: FuzzRoute;
  /** The query string as sent, without the leading `?`. */
  query: string;
}

/**
 * `count` distinct query strings for `route` (at least; the fixed cases come on top
 * if there are more of them), deterministic for a seed.
 */
export function generateQueries(route: FuzzRoute, count: number, seed: number): string[] {
  // Each route its own stream, so adding a route does not change the others' corpus.
  const random = createRandom(seed ^ hash(route));
  const queries = new Set(fixedCases(route));
  let attempts = 0;
  while (queries.size < count && attempts < count * 50) {
    queries.add(generateOne(route, random));
    attempts += 1;
  }
  return [...queries];
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16_777_619);
  return h >>> 0;
}
