"""Words that say what kind of state a country's official name designates.

"Republic", "Kingdom", "Federal", "People's", "State of"... in the main
languages and scripts, as an official name writes them ("Κράτος του
Κουβέιτ", "ממלכת מרוקו", "Танзания Біріккен Республикасы"). The table may
not hold a language's word, or hold it in too few names to know it is
common among countries; then the query's unmatched designator would weigh as
much as an unknown name and sink the match. A designator the query holds and
the name lacks weighs as little as a word common within a type (see
matcher._score_tokens); like such words, it never makes a name a candidate on
its own.

General linguistic knowledge, one language a line, normalized through the
service's own normalizer (so the set holds phonetic words, as names' tokens).
"""
from __future__ import annotations

from .normalize import name_forms

_WORDS = """
republic state states kingdom federal federative federated federation democratic people's peoples united union
    islamic arab socialist emirate emirates principality duchy sultanate commonwealth confederation independent
    plurinational cooperative
république état états royaume fédérale fédérative fédération démocratique populaire unis unie islamique arabe
    socialiste émirat émirats principauté duché sultanat confédération indépendant indépendante
república estado estados reino federativa federación democrática unidos unido unión islámica árabe socialista
    emirato emiratos principado ducado sultanato mancomunidad confederación independiente plurinacional
república estado estados federativa federação democrática unidos unido união islâmica emirado emirados
    sultanato comunidade confederação independente
repubblica stato stati regno federale democratica popolare uniti unito unione islamica araba emirati principato
    granducato confederazione indipendente
república estat estats regne democràtica units unió islàmica àrab principat
errepublika erresuma estatu estatuak federala demokratikoa batuak batua
republik staat staaten königreich bundesrepublik föderative demokratische volksrepublik vereinigte vereinigten
    islamische arabische sozialistische emirat emirate fürstentum großherzogtum sultanat unabhängige
republiek koninkrijk federale democratische volksrepubliek verenigde unie islamitische socialistische emiraat
    emiraten vorstendom groothertogdom sultanaat gemenebest
republikken republiken staten staterne kungariket konungariket kongeriket kongeriget förbundsrepubliken
    forbundsrepublikken demokratiska demokratiske folkrepubliken folkerepublikken förenade forente forenede
    islamiska islamske socialistiska furstendömet fyrstedømmet storhertigdömet storhertugdømmet sultanatet samväldet
lýðveldið konungsríkið ríki sambandslýðveldið sameinuðu furstadæmið stórhertogadæmið sjálfstætt
tasavalta valtio kuningaskunta liittotasavalta demokraattinen kansantasavalta yhdistyneet islamilainen
    sosialistinen ruhtinaskunta suurherttuakunta liittovaltio
vabariik kuningriik liitvabariik demokraatlik rahvavabariik ühendatud islamivabariik vürstiriik suurhertsogiriik
köztársaság állam államok királyság szövetségi demokratikus népköztársaság egyesült iszlám szocialista emírség
    emírségek hercegség nagyhercegség szultánság nemzetközösség független
republika państwo królestwo federalna federacyjna demokratyczna ludowa zjednoczone zjednoczona związek islamska
    arabska socjalistyczna emiraty księstwo sułtanat wspólnota konfederacja
republika stát státy království kráľovstvo spolková federativní federatívna demokratická lidová ľudová spojené
    spojené svaz zväz islámská islamská arabská socialistická emirát emiráty knížectví kniežatstvo
    velkovévodství veľkovojvodstvo sultanát společenství spoločenstvo
država države kraljevina kraljestvo zvezna demokratična ljudska združene združeno zveza socialistična kneževina
savezna federativna demokratska narodna sjedinjene ujedinjeno ujedinjeni unija savez arapska socijalistička
    zajednica nezavisna
republica republicii statul statele regatul federală federativă democrată democratică populară unite uniunea
    islamică arabă socialistă emiratul emiratele principatul sultanatul
respublika respublikos valstybė valstybės valstijos karalystė karalystės federacinė federacinės demokratinė
    liaudies jungtinės jungtinė jungtinių sąjunga islamo socialistinė kunigaikštystė sandrauga nepriklausomoji
republikas valsts valstis karaliste federatīvā demokrātiskā tautas apvienotā apvienotie savienotās savienība
    sociālistiskā firstiste lielhercogiste
republikës shteti shtetet mbretëria demokratike popullore bashkuara islamike principata
cumhuriyeti cumhuriyet devleti devletleri krallığı demokratik birleşik islam sosyalist emirliği prensliği
    sultanlığı
respublikası dövləti qırallığı federativ xalq birləşmiş islam ərəb
respublikasy döwleti patyşalygy federatiw birleşen
respublikasi davlati qirolligi birlashgan islom
poblacht ríocht stát cónaidhme daonlathach aontaithe comhlathas prionsacht neamhspleách
gweriniaeth teyrnas unedig
repubblika renju federali demokratika popolari magħquda iżlamika
jamhuri ufalme muungano shirikisho kidemokrasia
kerajaan negara federasi demokratik rakyat serikat bersatu persatuan kesultanan persemakmuran persekutuan
kaharian
respubliko ŝtato ŝtatoj reĝlando federacia demokratia popola unuiĝinta unuiĝintaj princlando
республика республики государство штаты королевство федеративная федерация демократическая народная
    соединённые соединенные соединённое соединенное союз исламская арабская социалистическая эмират эмираты
    княжество султанат содружество конфедерация независимое
республіка держава штати королівство федеративна демократична сполучені об'єднане ісламська соціалістична
    князівство співдружність незалежна
рэспубліка дзяржава каралеўства федэратыўная дэмакратычная злучаныя
република държава щати кралство федерална демократична съединени обединено обединени съюз ислямска арабска
    княжество общност
држава државе краљевина савезна демократска сједињене уједињено кнежевина
республикасы республикаһы мемлекеті штаттары корольдігі федеративтік демократиялық халық біріккен одағы
    достастығы тәуелсіз
мамлекети королдугу федеративдик демократиялык бириккен шериктештиги ынтымактыгы
дәүләте штатлары федератив демократик халык халыҡ берләшкән союзы
ҷумҳурии ҷумҳурияти давлати подшоҳии исломии
δημοκρατία κράτος βασίλειο ομοσπονδιακή ομόσπονδη ομόσπονδες ομοσπονδία δημοκρατική λαϊκή ηνωμένες ηνωμένο
    ηνωμένα ένωση ισλαμική αραβική σοσιαλιστική εμιράτο εμιράτα πριγκιπάτο δουκάτο σουλτανάτο κοινοπολιτεία
    συνομοσπονδία ανεξάρτητο ανεξάρτητη πολιτεία πολιτείες πολυεθνική
רפובליקה הרפובליקה רפובליקת מדינה מדינת המדינה ממלכה ממלכת הממלכה פדרלית הפדרלית פדרטיבית הפדרטיבית
    דמוקרטית הדמוקרטית העם עממית העממית מאוחדת המאוחדת המאוחדות איחוד האיחוד אסלאמית האסלאמית
    ערבית הערבית סוציאליסטית הסוציאליסטית אמירות נסיכות הנסיכות דוכסות הדוכסות סולטנות הסולטנות
    קונפדרציה עצמאית העצמאית
جمهورية الجمهورية جمهوريّة دولة مملكة المملكة الاتحادية الاتّحاديّة اتحادية الديمقراطية الديموقراطية الشعبية
    الشّعبيّة المتحدة المتّحدة اتحاد الإسلامية الإسلاميّة العربية العربيّة الاشتراكية الاشتراكيّة إمارة امارة
    الإمارات دوقية سلطنة كومنولث المستقلة
جمهوری دولت کشور پادشاهی فدرال دموکراتیک خلق متحده اتحادیه اسلامی سوسیالیستی امارت امارات سلطان‌نشین مستقل
    مشترک المنافع
جمہوریہ ریاست مملکت سلطنت وفاقی عوامی متحدہ
جمهوريت پاچاهي فدرالي اسلامي
کۆماری دەوڵەتی شانشینی فیدراڵی دیموکراتی گەلی
جۇمھۇرىيىتى دۆلىتى پادىشاھلىقى فېدېراتىپ دېموكراتىك خەلق قوشما بىرلەشمە ئىسلام ئەمىرلىكى كىنەزلىكى
    سۇلتانلىقى شىتاتلىرى
공화국 왕국 연방 민주주의 인민 합중국 연합 이슬람 사회주의 공국 대공국 술탄국 이슬람왕국 이슬람공화국 연방공화국
    인민공화국 민주공화국
共和国 共和國 王国 王國 联邦 聯邦 合众国 合眾國 酋长国 酋長國 公国 公國 大公国 大公國
"""

DESIGNATORS: frozenset[str] = frozenset(
    token for word in _WORDS.split() for token in name_forms(word).tokens)

# Designators are inflected forms of a few international words, and one stem is one meaning
# across languages (Демократическая, demokratische, democratic; Федеративная, federal).
# Greek names a republic Δημοκρατία ("democracy"): the one designator with another's stem
# and another meaning.
STEM_LETTERS = 5
_REPUBLIC_AS_DEMOCRACY = frozenset(t for w in ("Δημοκρατία", "Δημοκρατίας") for t in name_forms(w).tokens)


def designator_stem(token: str) -> str | None:
    """The stem one designator's forms share across languages, or None if too short to tell.

    >>> designator_stem(name_forms("Демократическая").tokens[0]) == designator_stem(name_forms("democratic").tokens[0])
    True
    >>> designator_stem(name_forms("Δημοκρατία").tokens[0]), designator_stem("arab")
    (None, None)
    """
    if len(token) < STEM_LETTERS or token in _REPUBLIC_AS_DEMOCRACY:
        return None
    return token[:STEM_LETTERS]

