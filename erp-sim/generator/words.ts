/**
 * Word lists the product catalogue is built from. Names are Hungarian and look like
 * a wholesaler's item list ("Prémium őrölt kávé 250 g"); a few makers and names carry
 * `&`, quotes and `<` on purpose, so every layer's escaping gets exercised.
 */

export type Unit = "db" | "kg" | "l" | "csomag" | "doboz";

export interface ProductKind {
  noun: string;
  unit: Unit;
  /** Typical net unit price in HUF (2016 level) for the first size. */
  price: number;
  /** Pack sizes written into the name, with their price factor; none for goods sold by weight. */
  sizes: ReadonlyArray<readonly [label: string, priceFactor: number]>;
  /** Flavours/colours that fit this kind; the group's list when absent. */
  variants?: readonly string[];
}

export interface ProductGroup {
  name: string;
  /** Relative share of the catalogue. */
  share: number;
  kinds: readonly ProductKind[];
  qualifiers: readonly string[];
  variants: readonly string[];
  /** VAT rates other than 27 %, with their probability in this group. */
  reducedVat?: ReadonlyArray<readonly [rate: number, probability: number]>;
}

function kind(noun: string, unit: Unit, price: number, sizes = "", variants?: string): ProductKind {
  const parsed = sizes
    ? sizes.split("|").map((entry) => {
        const [label, factor] = entry.split("*");
        return [label ?? "", Number(factor ?? "1")] as const;
      })
    : [];
  return { noun, unit, price, sizes: parsed, variants: variants?.split("|") };
}

const FOOD_QUALIFIERS = ["Prémium", "Bio", "Classic", "Házi", "Családi", "Gold", "Natúr", "Extra", "Light", "\"Nagyi\""];

export const PRODUCT_GROUPS: readonly ProductGroup[] = [
  {
    name: "Élelmiszer",
    share: 16,
    qualifiers: FOOD_QUALIFIERS,
    variants: [""],
    reducedVat: [[5, 0.25], [18, 0.1]],
    kinds: [
      kind("őrölt kávé", "db", 1450, "250 g*1|500 g*1.9|1 kg*3.6", "||koffeinmentes|arabica|espresso"),
      kind("szemes kávé", "db", 2900, "500 g*1|1 kg*1.9", "||arabica|espresso|crema"),
      kind("zabpehely", "db", 390, "500 g*1|1 kg*1.8", "||finomszemű|gluténmentes|instant"),
      kind("basmati rizs", "db", 690, "500 g*1|1 kg*1.85", "||barna|főzőtasakos"),
      kind("finomliszt", "db", 210, "1 kg*1|2 kg*1.9", "||BL55|teljes kiőrlésű|rétesliszt"),
      kind("kristálycukor", "db", 290, "1 kg*1", "||nádcukor|porcukor"),
      kind("durum tészta", "db", 350, "500 g*1|1 kg*1.9", "||spagetti|penne|fusilli|orsó"),
      kind("paradicsompüré", "db", 180, "70 g*1|200 g*2.2", "||sűrített|bazsalikomos"),
      kind("napraforgóolaj", "db", 520, "1 l*1|2 l*1.9", "||hidegen sajtolt"),
      kind("akácméz", "db", 1290, "250 g*1|500 g*1.8", "||krémes|termelői"),
      kind("vörös lencse", "db", 560, "500 g*1", "||hántolt"),
      kind("csemegekukorica", "db", 330, "340 g*1", "||vákuumos|zöldborsóval"),
      kind("só & bors fűszerkeverék", "db", 420, "50 g*1|100 g*1.8", "||csípős|fokhagymás|grill"),
      kind("trappista sajt", "kg", 2190, "", "||füstölt|light"),
      kind("szalámi", "kg", 5400, "", "||téli|paprikás|csípős"),
      kind("vöröshagyma", "kg", 260, "", "|"),
      kind("burgonya", "kg", 190, "", "||sárga húsú|újburgonya"),
      kind("alma", "kg", 320, "", "||jonatán|golden|idared"),
    ],
  },
  {
    name: "Italok",
    share: 9,
    qualifiers: ["Prémium", "Classic", "Bio", "Zero", "Friss", "Gold"],
    variants: ["", "", "citrom", "narancs", "alma", "meggy", "barack", "menta"],
    kinds: [
      kind("ásványvíz szénsavas", "db", 95, "0,5 l*1|1,5 l*1.6"),
      kind("ásványvíz mentes", "db", 95, "0,5 l*1|1,5 l*1.6"),
      kind("gyümölcslé 100%", "db", 490, "1 l*1"),
      kind("szörp", "db", 890, "0,7 l*1"),
      kind("kóla", "db", 320, "0,5 l*1|1,75 l*1.9", "||cukormentes|cseresznye"),
      kind("energiaital", "db", 290, "250 ml*1|500 ml*1.7"),
      kind("jeges tea", "db", 280, "1,5 l*1"),
      kind("világos sör", "db", 260, "0,5 l*1", "||búza|alkoholmentes|IPA"),
      kind("száraz fehérbor", "db", 1450, "0,75 l*1", "||olaszrizling|cserszegi|irsai olivér"),
      kind("kimért vörösbor", "l", 990, "", "||kékfrankos|merlot"),
    ],
  },
  {
    name: "Édesség",
    share: 6,
    qualifiers: ["Prémium", "Classic", "Mini", "Maxi", "Bio", "Extra"],
    variants: ["", "mogyorós", "kókuszos", "epres", "vaníliás", "kakaós", "karamellás", "mazsolás"],
    reducedVat: [[18, 0.2]],
    kinds: [
      kind("étcsokoládé", "db", 390, "100 g*1|200 g*1.8"),
      kind("tejcsokoládé", "db", 350, "100 g*1|250 g*2.2"),
      kind("háztartási keksz", "db", 240, "200 g*1"),
      kind("nápolyi", "db", 310, "180 g*1"),
      kind("gumicukor", "db", 290, "100 g*1|200 g*1.8"),
      kind("szaloncukor", "doboz", 1390, "350 g*1|500 g*1.4"),
      kind("müzliszelet", "csomag", 590, "6 x 25 g*1"),
    ],
  },
  {
    name: "Tejtermék",
    share: 5,
    qualifiers: ["Bio", "Natúr", "Light", "Classic", "Házi", "Friss"],
    variants: ["", "", "natúr", "epres", "vaníliás", "laktózmentes", "zsírszegény"],
    reducedVat: [[18, 0.5], [5, 0.4]],
    kinds: [
      kind("tej 2,8%", "db", 220, "1 l*1", "||laktózmentes|ESL"),
      kind("joghurt", "db", 120, "150 g*1|400 g*2.3"),
      kind("tejföl 20%", "db", 290, "330 g*1", "||laktózmentes"),
      kind("vaj 82%", "db", 450, "100 g*1|250 g*2.2", "||sótlan|sós"),
      kind("tehéntúró", "db", 420, "250 g*1|500 g*1.9"),
      kind("kefir", "db", 190, "450 g*1"),
    ],
  },
  {
    name: "Kozmetikum",
    share: 7,
    qualifiers: ["Prémium", "Sensitive", "Natur", "Men", "Bio", "Kids", "Classic"],
    variants: ["", "levendula", "aloe vera", "citrus", "mandula", "kamilla", "óceán", "argán"],
    kinds: [
      kind("sampon", "db", 690, "250 ml*1|400 ml*1.4"),
      kind("tusfürdő", "db", 590, "250 ml*1|500 ml*1.7"),
      kind("kézkrém", "db", 490, "100 ml*1"),
      kind("fogkrém", "db", 450, "75 ml*1|125 ml*1.5"),
      kind("dezodor", "db", 790, "150 ml*1"),
      kind("arckrém", "db", 1890, "50 ml*1"),
      kind("folyékony szappan", "db", 420, "300 ml*1|1 l*2.5"),
    ],
  },
  {
    name: "Háztartás",
    share: 7,
    qualifiers: ["Eco", "Extra", "Classic", "Maxi", "Profi", "Household"],
    variants: ["", "", "fehér", "kék", "átlátszó", "erős", "illatosított"],
    kinds: [
      kind("mosogatószivacs", "csomag", 290, "5 db*1|10 db*1.8"),
      kind("alufólia", "db", 590, "10 m*1|30 m*2.4"),
      kind("háztartási fólia", "db", 490, "30 m*1"),
      kind("szemeteszsák", "csomag", 390, "35 l*1|60 l*1.4|120 l*2"),
      kind("teamécses", "csomag", 690, "50 db*1|100 db*1.8"),
      kind("befőttesüveg", "doboz", 1490, "6 x 720 ml*1"),
      kind("ruhacsipesz", "csomag", 450, "24 db*1"),
    ],
  },
  {
    name: "Tisztítószer",
    share: 6,
    qualifiers: ["Eco", "Profi", "Classic", "Sensitive", "Extra", "Power"],
    variants: ["", "citrom", "levendula", "friss", "óceán", "alma", "fenyő"],
    kinds: [
      kind("mosogatószer", "db", 390, "500 ml*1|1 l*1.7"),
      kind("ablaktisztító", "db", 490, "500 ml*1"),
      kind("fürdőszobai tisztító", "db", 690, "750 ml*1"),
      kind("padlótisztító", "db", 590, "1 l*1|2 l*1.8"),
      kind("mosópor", "db", 1890, "2 kg*1|5 kg*2.3"),
      kind("öblítő", "db", 890, "1 l*1|2 l*1.8"),
      kind("WC-tisztító gél", "db", 450, "750 ml*1"),
      kind("kimért folyékony mosószer", "l", 690, "", "||color|fehér ruhákhoz"),
    ],
  },
  {
    name: "Irodaszer",
    share: 6,
    qualifiers: ["Office", "Classic", "Profi", "Eco", "Color"],
    variants: ["", "kék", "fekete", "piros", "zöld", "vegyes színek"],
    reducedVat: [[0, 0.03]],
    kinds: [
      kind("golyóstoll", "db", 120),
      kind("spirálfüzet", "db", 390, "A5*1|A4*1.4"),
      kind("másolópapír", "csomag", 1490, "A4 500 lap*1"),
      kind("iratrendező", "db", 690, "5 cm*1|8 cm*1.1"),
      kind("tűzőgép", "db", 1890),
      kind("öntapadó jegyzettömb", "csomag", 390, "76x76 mm*1"),
      kind("ragasztóstift", "db", 290, "20 g*1|40 g*1.6"),
      kind("irodai tűzőkapocs", "doboz", 190, "1000 db*1"),
    ],
  },
  {
    name: "Barkács",
    share: 7,
    qualifiers: ["Profi", "Master", "Hobby", "Classic", "Heavy Duty"],
    variants: ["", "", "horganyzott", "rozsdamentes", "fehér", "szürke", "fekete"],
    kinds: [
      kind("facsavar készlet", "doboz", 1290, "100 db*1|200 db*1.8", "||horganyzott|rozsdamentes"),
      kind("műanyag tipli", "doboz", 690, "50 db*1|100 db*1.8"),
      kind("csiszolópapír", "csomag", 590, "P120*1|P240*1"),
      kind("beltéri falfesték", "db", 3490, "1 l*1|2,5 l*2.2|5 l*4"),
      kind("laposecset", "db", 490, "30 mm*1|50 mm*1.3"),
      kind("szigetelőszalag", "db", 290, "10 m*1|20 m*1.7"),
      kind("kábelkötegelő", "csomag", 490, "100 db*1"),
      kind("építési homok", "kg", 45, "", "||mosott|finom"),
      kind("szilikon tömítő", "db", 1190, "280 ml*1"),
    ],
  },
  {
    name: "Kertészet",
    share: 5,
    qualifiers: ["Garden", "Bio", "Profi", "Classic", "Eco"],
    variants: ["", "", "univerzális", "muskátli", "pázsit", "paradicsom"],
    kinds: [
      kind("virágföld", "db", 790, "20 l*1|50 l*2.1"),
      kind("műtrágya", "db", 1290, "1 kg*1|5 kg*4"),
      kind("fűmag kimérve", "kg", 2490, "", "||díszpázsit|sportpálya|árnyéktűrő"),
      kind("locsolótömlő", "db", 4990, "15 m*1|25 m*1.6"),
      kind("metszőolló", "db", 3490),
      kind("virágcserép", "db", 390, "14 cm*1|20 cm*1.8|30 cm*3"),
    ],
  },
  {
    name: "Elektronika",
    share: 5,
    qualifiers: ["Smart", "Power", "Classic", "Eco", "Pro"],
    variants: ["", "", "fehér", "fekete", "meleg fehér", "hideg fehér"],
    kinds: [
      kind("alkáli elem AA", "csomag", 990, "4 db*1|8 db*1.8", "|"),
      kind("alkáli elem AAA", "csomag", 990, "4 db*1", "|"),
      kind("LED izzó E27", "db", 690, "9 W*1|14 W*1.4"),
      kind("hosszabbító 3 aljzat", "db", 2490, "1,5 m*1|3 m*1.3|5 m*1.7"),
      kind("USB-C kábel", "db", 1490, "1 m*1|2 m*1.4"),
      kind("hálózati töltő", "db", 3990, "20 W*1|65 W*2.2"),
    ],
  },
  {
    name: "Játék",
    share: 4,
    qualifiers: ["Kids", "Classic", "Mini", "Maxi", "Edu"],
    variants: ["", "", "színes", "állatos", "járműves", "hercegnős"],
    kinds: [
      kind("társasjáték", "doboz", 5990),
      kind("kirakó", "doboz", 2490, "500 db*1|1000 db*1.4"),
      kind("építőkocka készlet", "doboz", 7990, "100 db*1|250 db*2"),
      kind("plüssmaci", "db", 3490, "25 cm*1|40 cm*1.8"),
      kind("gyurma", "csomag", 890, "6 szín*1|12 szín*1.7"),
    ],
  },
  {
    name: "Sport",
    share: 4,
    qualifiers: ["Sport", "Pro", "Active", "Classic", "Fit"],
    variants: ["", "", "kék", "fekete", "piros", "neon"],
    kinds: [
      kind("jógamatrac", "db", 4990),
      kind("kézisúlyzó", "db", 2490, "1 kg*1|2 kg*1.6|5 kg*3"),
      kind("kulacs", "db", 1990, "0,5 l*1|0,75 l*1.2"),
      kind("ugrálókötél", "db", 1490),
      kind("focilabda", "db", 3990, "4-es méret*1|5-ös méret*1.1"),
    ],
  },
  {
    name: "Állateledel",
    share: 5,
    qualifiers: ["Premium", "Classic", "Junior", "Senior", "Adult", "Bio"],
    variants: ["", "csirkés", "marhás", "halas", "bárányos", "pulykás"],
    kinds: [
      kind("száraz kutyatáp", "db", 2990, "3 kg*1|10 kg*2.8"),
      kind("alutasakos macskaeledel", "db", 160, "100 g*1"),
      kind("konzerv kutyaeledel", "db", 390, "415 g*1|1240 g*2.4"),
      kind("madáreleség kimérve", "kg", 590, "", "||napraforgós|téli"),
      kind("macskaalom", "db", 1990, "5 l*1|10 l*1.8"),
    ],
  },
  {
    name: "Papíráru",
    share: 4,
    qualifiers: ["Soft", "Classic", "Eco", "Extra", "Family"],
    variants: ["", "", "fehér", "illatosított", "3 rétegű", "2 rétegű"],
    kinds: [
      kind("toalettpapír", "csomag", 990, "8 tekercs*1|16 tekercs*1.9|24 tekercs*2.7"),
      kind("papírtörlő", "csomag", 590, "2 tekercs*1|4 tekercs*1.9"),
      kind("szalvéta", "csomag", 290, "100 db*1|250 db*2.2"),
      kind("papírzsebkendő", "doboz", 450, "10 x 10 db*1|100 db*1"),
    ],
  },
  {
    name: "Baba-mama",
    share: 4,
    qualifiers: ["Baby", "Sensitive", "Bio", "Classic", "Soft"],
    variants: ["", "", "illatmentes", "kamillás", "almás", "sárgarépás"],
    kinds: [
      kind("nadrágpelenka", "csomag", 3990, "1-es méret*1|3-as méret*1.1|5-ös méret*1.2"),
      kind("nedves törlőkendő", "csomag", 490, "64 db*1|3 x 64 db*2.6"),
      kind("bébiétel", "db", 390, "125 g*1|190 g*1.4"),
      kind("babasampon", "db", 1190, "200 ml*1"),
    ],
  },
];

/** ~40 makers; a few with characters that must survive two rounds of XML escaping. */
export const MAKERS: readonly string[] = [
  "Natur & Co",
  "\"Pannon\" Kft.",
  "Zöldház Kft.",
  "Alföldi Termék Zrt.",
  "Duna-Mix Bt.",
  "Mecsek Fűszer Kft.",
  "Tisza Trade Kft.",
  "Kovács & Társa Bt.",
  "Smart <Home> Kft.",
  "Balaton Ital Kft.",
  "Hajdú Tej Zrt.",
  "Bakony Bio Kft.",
  "Mátra Pack Kft.",
  "Rába Kereskedelmi Kft.",
  "Szeged Paprika Kft.",
  "Vértes Papír Kft.",
  "Kisalföld Barkács Bt.",
  "Eger Borház Kft.",
  "Tokaj & Vidéke Kft.",
  "Nyírség Gyümölcs Kft.",
  "Őrség Natúr Bt.",
  "Pilis Kozmetika Kft.",
  "Zemplén Trade Zrt.",
  "Alpha Office Kft.",
  "Nordic Clean Kft.",
  "Euro Garden Kft.",
  "Hungaro Toys Kft.",
  "Fit & Fun Kft.",
  "Kutyabarát Kft.",
  "Baba-Mama Világ Kft.",
  "Villany Pont Kft.",
  "\"Csillag\" Szövetkezet",
  "Somogy Malom Zrt.",
  "Cserhát Édes Kft.",
  "Gemenc Import Kft.",
  "Börzsöny Háztartás Bt.",
  "Kárpát Elektro Kft.",
  "Vác Vegyiáru Kft.",
  "Bükk Sport Kft.",
  "Ipoly Csomagoló Kft.",
];
