"""Text folding for search, so that what people type matches what agencies wrote.

`izmir`, `İZMİR` and `Izmir` all find İzmir; `saglik` finds Sağlık; Arabic matches with or
without diacritics, tatweel, hamza on alef, alef maksura or ta marbuta; Persian and Pashto
letters match the Arabic ones people type for them.

Stored search text is folded when a page is saved: after a change here, run
`manage.py update_index` so that pages saved before it match again.
"""

import re
import unicodedata

# Turkish case rules first: dotted capital İ lowers to i, dotless capital I to ı. Both then
# fold to i below, so every i-like letter ends up the same.
TURKISH_CASE = str.maketrans({"İ": "i", "I": "ı"})

LETTER_FOLDS = str.maketrans(
    {
        "ı": "i",
        # Arabic and Persian letters that people write interchangeably.
        "ٱ": "ا",  # alef wasla
        "ى": "ي",  # alef maksura
        "ی": "ي",  # Persian yeh
        "ے": "ي",  # yeh barree
        "ک": "ك",  # Persian keheh
        # Pashto letters that people on Persian or Arabic keyboards write with the nearest one.
        "ګ": "گ",  # gaf with ring
        "ې": "ي",  # e
        "ۍ": "ي",  # yeh with tail
        "ټ": "ت",  # retroflex t, d, r, n
        "ډ": "د",
        "ړ": "ر",
        "ڼ": "ن",
        "ښ": "ش",  # x̌in
        "ږ": "ژ",  # ǵe
        "ة": "ه",  # ta marbuta
        "ۀ": "ه",  # heh with yeh above
        "ـ": None,  # tatweel
        "\u200c": " ",  # zero-width non-joiner separates Persian word parts
        "\u200d": None,
        # Arabic-Indic and Persian digits to ASCII digits.
        **{chr(0x0660 + n): str(n) for n in range(10)},
        **{chr(0x06F0 + n): str(n) for n in range(10)},
    }
)

NON_WORD = re.compile(r"[^\w]+")


def fold_for_search(text):
    """Fold text for matching: lower case by Turkish rules, no accents or Arabic marks, one space
    between words, punctuation dropped."""
    if not text:
        return ""
    text = str(text).translate(TURKISH_CASE).lower()
    # Decompose, then drop combining marks: ş→s, ğ→g, ü→u, أ→ا, harakat and shadda vanish.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.translate(LETTER_FOLDS)
    folded = NON_WORD.sub(" ", folded).replace("_", " ")
    return " ".join(folded.split())


def join_paragraphs(lines):
    """Lines as paragraphs: runs of non-empty lines kept together, one blank line between runs,
    none before the first or after the last."""
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)
