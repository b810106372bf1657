"""Data tables for the normalizer: script maps, particles, titles, folding rules.

Kept apart from the code that applies them (``normalize.py``) so a linguist can
review the tables without reading the pipeline.
"""

# Arabic script, romanized so that it meets common Latin spellings halfway.
# Short vowels are not written in Arabic, so the matcher also compares
# consonant skeletons; these values only need to land near the Latin forms.
ARABIC_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h",
    # Persian and Urdu letters
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ٹ": "t", "ڈ": "d",
    "ڑ": "r", "ں": "n", "ھ": "h", "ڤ": "v", "ہ": "h",
    # Pashto (ګ g, ځ dz, څ ts, ښ sh, ټ ډ ړ ڼ retroflex), Punjabi and Saraiki ݨ (retroflex n),
    # Kurdish ڵ ڕ and Uyghur ڭ ۋ: letters unidecode drops or reads as other sounds.
    "ګ": "g", "ځ": "dz", "څ": "ts", "ښ": "sh", "ټ": "t", "ډ": "d", "ړ": "r", "ڼ": "n", "ݨ": "n",
    "ڵ": "l", "ڕ": "r", "ڭ": "ng", "ۋ": "v",
}
# Vowel letters of Kurdish, Uyghur and Pashto, which write every vowel (Kurdish ۆ o, ێ ê;
# Uyghur ۇ u, ۆ o, ۈ ü, ې e, ە e; Pashto ې e): unidecode reads ۆ as oe, ۈ as yu, ې as nothing.
ARABIC_VOWEL_LETTERS = {"ۇ": "u", "ۆ": "o", "ۈ": "u", "ێ": "e", "ە": "e"}
# Uyghur writes every vowel: in a word with its vowel letters, ى is i (بۇرۇندى Burundi), not
# Arabic's final alef, and a hamza only opens a syllable that begins with a vowel (پاپۇئا Papua).
UYGHUR_VOWELS = set("ۇۆۈېە")
# Urdu's do-chashmi he marks an aspirate, which Latin spellings write as a
# digraph with the consonant before it (تھ th, بھ bh: Thane, Bhopal).
ARABIC_ASPIRATE = "ھ"
# Final he after a consonant is the vowel Latin spellings end in (Persian and
# Urdu سوکره Sucre, سہرسہ Saharsa).
ARABIC_FINAL_HEH = set("هہ")
# ʿayn and the hamza carriers are glottal sounds Latin spellings drop; the
# hamza on a yeh seat is read as the i it mostly stands for (نائلس Niles).
ARABIC_SILENT = set("عءؤ")
ARABIC_HAMZA_YEH = "ئ"
ARABIC_ALEF = set("اأإآٱ")  # alef with or without hamza/madda: a long or initial vowel
ARABIC_WAW = "و"
ARABIC_YEH = set("يیىےې")
ARABIC_TEH_MARBUTA = set("ةۃ")
# Harakat, when a text does write short vowels.
ARABIC_VOWEL_MARKS = {"\u064e": "a", "\u0650": "i", "\u064f": "u"}
ARABIC_ARTICLE = "ال"

HEBREW_LETTERS = {
    "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ז": "z", "ח": "kh", "ט": "t",
    "כ": "k", "ך": "k", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n",
    "ס": "s", "פ": "p", "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r",
    "ש": "sh", "ת": "t",
    # Alef inside a foreign name marks an a (ראבאט = Rabat, סאנוק = Sanok).
    "א": "a",
}
HEBREW_SILENT = set("ע")
HEBREW_VAV = "ו"
HEBREW_YOD = "י"
HEBREW_ALEF = "א"
HEBREW_BET = "ב"
# Geresh after a letter writes a sound Hebrew lacks (ג׳ורג׳ George, צ׳ילה Chile, ז׳נבה Geneva,
# ת׳ and ד׳ for English th, ע׳ and ר׳ for Arabic gh); keyboards type it as an apostrophe.
HEBREW_GERESH = "\u05f3"
HEBREW_WITH_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ץ": "ch", "ת": "th", "ד": "dh", "ח": "kh",
                      "ע": "gh", "ר": "gh"}
HEBREW_APOSTROPHES = "'’`´"

# Letters whose plain-ASCII form loses a sound Latin spellings keep:
# Turkish ş/ç, Czech-style š/č/ž, and the ʿayn/hamza half rings (dropped).
LATIN_BEFORE_ASCII = {
    "ş": "sh", "Ş": "sh", "š": "sh", "Š": "sh", "ç": "ch", "Ç": "ch",
    "č": "ch", "Č": "ch", "ž": "zh", "Ž": "zh", "ẖ": "kh", "ḫ": "kh",
    "ʿ": "", "ʾ": "", "ʻ": "", "ʼ": "", "ˀ": "", "ˁ": "", "‘": "", "’": "",
    "'": "", "`": "", "´": "", "ʹ": "", "′": "",
    # Letters and marks that unidecode writes as punctuation, which would
    # split the word: stress, length and tone marks, glottal stops and clicks vanish;
    # the schwas (Azerbaijani Gəncə = Ganja, Kazakh and Tatar ә) read as a.
    "ˈ": "", "ˌ": "", "ː": "", "ˑ": "", "ˆ": "", "ˉ": "", "ˊ": "", "ˋ": "", "ˍ": "", "ˎ": "", "ˏ": "",
    "ʺ": "", "ˮ": "", "ʔ": "", "ʕ": "", "ʡ": "", "ʢ": "", "ˤ": "", "ǀ": "", "ǁ": "", "ǂ": "", "ǃ": "",
    "ҍ": "", "Ҍ": "",
    # Catalan l·l (NFKC turns ŀ into l·): one word, not two.
    "l·l": "ll", "L·L": "LL",
    "ə": "a", "Ə": "A", "ǝ": "a", "ɚ": "a", "ә": "a", "Ә": "A", "ӛ": "a", "Ӛ": "A", "ʌ": "a", "Ʌ": "A",
    # The katakana long-vowel mark lengthens the vowel before it; unidecode
    # writes it as a hyphen, which would split the word (ルーマニア = Rumania).
    "ー": "",
    # Greek writes foreign d, b, g as digraphs (Βλαντιμίρ = Vladimir).
    "β": "v", "Β": "V", "ντ": "d", "Ντ": "D", "ΝΤ": "D", "μπ": "b", "Μπ": "B", "ΜΠ": "B", "γκ": "g", "Γκ": "G", "ΓΚ": "G",
    # Russian writes Mandarin zh as чж (Palladius: Чжэнчжоу = Zhengzhou), not a ch and a zh.
    "чж": "ж", "Чж": "Ж", "ЧЖ": "Ж",
    # Serbian and Macedonian Cyrillic ј is the y of English spellings (Тајшет = Tayshet), not a j.
    "ј": "y", "Ј": "Y",
    # Esperanto's circumflexed letters are the ch, j, zh, sh and kh of English spellings
    # (Ĝamu = Jammu, Ipsviĉo = Ipswich); unidecode drops the circumflex, and ĝ became a hard g.
    "ĉ": "ch", "Ĉ": "Ch", "ĝ": "dj", "Ĝ": "Dj", "ĵ": "zh", "Ĵ": "Zh", "ŝ": "sh", "Ŝ": "Sh", "ĥ": "kh", "Ĥ": "Kh",
}

# Particles: articles and kinship words that spellings add or drop freely.
# They never carry a match on their own (see normalize.tokens).
PARTICLES = frozenset(
    "al el ul il an ad ash as at ath az ar adh ed es et ez er en "
    "bin ibn bint ben abu abou abo ebu abd ibnu "
    "von van der den de du di da del des la le "
    "tes tou ton".split()
)

# Leading titles and honorifics dropped from a name ("President al-Sharaa").
TITLES = frozenset(
    "president pres sheikh shaykh sheik cheikh scheich shaikh mr mrs ms miss "
    "dr sir general gen colonel col major brigadier emir king queen prince "
    "minister prime ayatollah grand imam sayyid sayyed mullah mufti "
    "marshal admiral lieutenant lt captain capt commander chairman senator "
    "secretary "
    "the".split()   # English's article before a name ("the Islamic State", "The Hague") says no more
)
# Titles that also begin place names (Grand Island, General Santos, Prince George, King City,
# Queen Creek, Major Isidoro): dropped only when two content words or more follow, as in a
# person's name ("General Qassem Soleimani", "Grand Ayatollah Ali Sistani").
PLACE_TITLES = frozenset("grand general gen prince king queen major marshal admiral captain capt commander".split())

# Latin spelling conventions folded onto one key, applied in order to each
# token. English, French, German, Turkish and Russian-derived spellings of
# the same sound land on the same letters.
PHONETIC_RULES = (
    (r"dsch", "j"),
    (r"shch|tsch|sch|tch", "sh"),
    (r"ch", "sh"),
    (r"dzh|dj|zh|dsh", "j"),
    (r"kh", "h"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"dh", "d"),
    (r"gh", "g"),
    (r"q|ck", "k"),
    (r"ts|tz", "s"),
    (r"z", "s"),  # voiced or not, one letter to most spellings (Paz/Пас, Zug/Цуг)
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"x", "ks"),
    (r"ou|oo", "u"),
    (r"ee", "i"),
    (r"[ao]w(?=[^aeiouy]|$)", "u"),  # aw/ow before a consonant: a long u (Zawr/Zor)
    (r"[ae][iy](?=[^aeiou]|$)", "i"),  # ay/ai/ei/ey before a consonant: a long i (Dayr/Deir)
    (r"(?<=[^aeiouy])e$", ""),  # French silent final e (Poutine)
    (r"w", "v"),
    (r"y", "i"),
    (r"e", "a"),  # e/a alternate freely in romanized Arabic (Mohammed/Mohammad)
    (r"o", "u"),
    (r"(?<=a)t$", ""),  # ta marbuta read in construct state (Hayat/Hay'a)
    (r"(?<=[aiu])h$", ""),  # final h after a vowel: ta marbuta (Hamah/Hama)
    (r"(\D)\1+", r"\1"),  # doubled letters; not digits (Route 66 is not Route 6)
)

# Consonant classes for skeleton keys, used where one side is written
# without short vowels (Arabic, Hebrew): vowels vanish, close consonants merge.
# Labials all merge: Arabic writes Latin v and p as ف and ب, Hebrew ב is b or v.
SKELETON_FOLD = str.maketrans({
    "a": None, "e": None, "i": None, "o": None, "u": None, "y": None,
    "v": "b", "w": "b", "p": "b", "f": "b", "g": "j", "z": "s", "q": "k", "c": "k",
})

# Chinese (and Japanese kanji) writes a name without spaces, and unidecode
# writes each character as its own pinyin syllable: 亚美尼亚 would be four
# common words (ya mei ni ya) instead of one name. A run of Han characters is
# therefore one word, except for these designators of states, regions and
# places, which become words of their own so that 亚美尼亚共和国 (Republic of
# Armenia) still has 亚美尼亚 as a word. Simplified, traditional and Japanese
# forms; longest first is applied by the normalizer.
HAN_DESIGNATORS = (
    "共和国 共和國 王国 王國 联邦 聯邦 連邦 人民 民主 社会主义 社會主義 伊斯兰 伊斯蘭 "
    "合众国 合衆国 合眾國 大公国 大公國 公国 公國 酋长国 酋長國 联合 聯合 自由 多民族 "
    "特别行政区 特別行政區 特別行政区 自治区 自治區 群岛 群島 羣島 诸岛 諸島 独立国 獨立國".split()
)
# ... and one-character suffixes of place names (city, district, county, town),
# split off only after a name of two or more characters.
HAN_PLACE_SUFFIXES = "市区區县縣镇鎮"

# Kana, read as Hepburn romaji: unidecode reads each kana alone, so シュ would
# be shiyu rather than shu and ファ fua rather than fa. The small kana that
# modify the kana before them:
KANA_SMALL_Y = frozenset("ャュョゃゅょ")      # palatal: キャ kya, シャ sha
KANA_SMALL_VOWELS = frozenset("ァィゥェォぁぃぅぇぉ")  # foreign sounds: ファ fa, ティ ti, ウィ wi
KANA_SILENT = frozenset("ッっゝゞヽヾ")       # the geminating small tsu, iteration marks
# Where unidecode's reading is not Hepburn's (hu, zi, di, du).
KANA_HEPBURN = {"フ": "fu", "ふ": "fu", "ジ": "ji", "じ": "ji", "ヂ": "ji", "ぢ": "ji", "ヅ": "zu", "づ": "zu"}

# Hangul initials and vowels as unidecode writes them, but ㄲ ㄸ ㅃ as Revised Romanization
# (kk tt pp) and finals as below; ㅊ stays c, not RR's ch: Korean writes a foreign
# ts with it as often as a ch (비아리츠 Biarritz, 첼레 Celje), and c reads as either.
HANGUL_INITIALS = "g kk n d tt r m b pp s ss _ j jj c k t p h".split()
HANGUL_INITIALS[11] = ""    # ㅇ opens a syllable silently
HANGUL_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
# A final consonant (by its index 1..27) as RR writes it at the end or before a consonant:
# stops unreleased, k t p; ㅅ ㅆ ㅈ ㅊ ㅌ ㅎ all t ...
HANGUL_FINALS = dict(zip(map(chr, range(1, 28)),
                         "k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()))
# ... and before a vowel, where it opens the next syllable (한국어 hangugeo).
HANGUL_LIAISON = dict(zip(map(chr, range(1, 28)),
                          "g kk ks n nj nh d r lg lm lb ls lt lp lh m b bs s ss ng j c k t p h".split()))
