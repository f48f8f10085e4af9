#!/usr/bin/env python3
"""Imports a `cloudcram export anki` file into a fresh Anki collection with Anki's own
library (`pip install anki`), the way File > Import does, and checks what Anki made of it.

    python3 scripts/anki_check.py EXPORT.txt [--notes N]

Checks, failing with a message on the first that does not hold:
- Anki reads the headers: tab separator, HTML, the Basic note type, guid, deck and tags
  columns.
- The first import adds one note per line (N with --notes: one per question), each with the
  file's guid, Front, Back, tags and deck; nothing is a duplicate or a conflict.
- A second import of the same file adds nothing: every note is found by its guid and left as
  it is (Anki logs an unchanged note as a "duplicate"; none is added as one).
- An import of the file with one note's Back changed updates that note and adds nothing.

Run by tests/anki_import.rs when `python3 -c 'import anki'` works.
"""

import argparse
import os
import shutil
import sys
import tempfile

from anki.collection import Collection, ImportCsvRequest


def fail(message):
    print(f"anki_check: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def read_export(path):
    """The file's header lines and its notes: guid -> (front, back, deck, tags)."""
    headers, notes = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line:
                continue
            if line.startswith("#"):
                key, _, value = line[1:].partition(":")
                headers[key] = value
                continue
            columns = line.split("\t")
            check(len(columns) == 5, f"a line with {len(columns)} columns, not 5: {line[:80]}")
            guid, front, back, deck, tags = columns
            check(guid not in notes, f"guid {guid} twice")
            notes[guid] = (front, back, deck, sorted(tags.split()))
    return headers, notes


def import_file(col, path):
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    return col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log, metadata


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export")
    parser.add_argument("--notes", type=int, help="the number of notes the file must give")
    args = parser.parse_args()

    headers, expected = read_export(args.export)
    for key, value in [("separator", "tab"), ("html", "true"), ("notetype", "Basic")]:
        check(headers.get(key) == value, f"header #{key} is {headers.get(key)!r}, not {value!r}")
    if args.notes is not None:
        check(len(expected) == args.notes, f"the file has {len(expected)} notes, not {args.notes}")

    work = tempfile.mkdtemp(prefix="cloudcram-anki-")
    try:
        col = Collection(os.path.join(work, "collection.anki2"))
        export = os.path.join(work, "export.txt")
        shutil.copy(args.export, export)

        log, metadata = import_file(col, export)
        check(metadata.delimiter == 0, f"Anki read the separator as {metadata.delimiter}, not tab (0)")
        check(metadata.is_html, "Anki did not read #html:true")
        check((metadata.guid_column, metadata.deck_column, metadata.tags_column) == (1, 4, 5),
              f"Anki read the guid, deck and tags columns as {metadata.guid_column}, "
              f"{metadata.deck_column}, {metadata.tags_column}")
        basic = col.models.by_name("Basic")
        check(basic is not None and metadata.global_notetype.id == basic["id"],
              "Anki did not take the Basic note type")
        check(list(metadata.global_notetype.field_columns) == [2, 3],
              f"Front and Back come from columns {list(metadata.global_notetype.field_columns)}, not [2, 3]")

        n = len(expected)
        check(len(log.new) == n, f"the first import added {len(log.new)} notes, not {n}")
        for name in ["updated", "duplicate", "conflicting", "first_field_match", "missing_notetype",
                     "missing_deck", "empty_first_field"]:
            check(len(getattr(log, name)) == 0, f"the first import logged {len(getattr(log, name))} as {name}")
        check(col.note_count() == n, f"the collection holds {col.note_count()} notes, not {n}")

        decks = set()
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            check(note.guid in expected, f"a note with guid {note.guid}, which is not in the file")
            front, back, deck, tags = expected[note.guid]
            check(note["Front"] == front, f"{note.guid}: Front differs:\n  file: {front[:200]}\n  anki: {note['Front'][:200]}")
            check(note["Back"] == back, f"{note.guid}: Back differs:\n  file: {back[:200]}\n  anki: {note['Back'][:200]}")
            check(sorted(note.tags) == tags, f"{note.guid}: tags {sorted(note.tags)}, not {tags}")
            for card in note.cards():
                got = col.decks.name(card.did)
                check(got == deck, f"{note.guid}: in deck {got!r}, not {deck!r}")
                decks.add(got)
        check(decks == {d for (_, _, d, _) in expected.values()}, f"decks {sorted(decks)}")

        log, _ = import_file(col, export)
        check(len(log.new) == 0, f"the second import added {len(log.new)} notes")
        check(len(log.updated) == 0, f"the second import updated {len(log.updated)} notes that had not changed")
        check(len(log.duplicate) == n, f"the second import found {len(log.duplicate)} of {n} notes unchanged")
        check(col.note_count() == n, f"after the second import the collection holds {col.note_count()} notes")

        # A later export with one note changed (new wording, new prices): an update.
        with open(export, encoding="utf-8") as f:
            lines = f.read().split("\n")
        first = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
        columns = lines[first].split("\t")
        columns[2] += "<p>changed</p>"
        lines[first] = "\t".join(columns)
        with open(export, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        log, _ = import_file(col, export)
        check((len(log.new), len(log.updated)) == (0, 1),
              f"a changed note: {len(log.new)} added and {len(log.updated)} updated, not 0 and 1")
        check(col.note_count() == n, f"after the update the collection holds {col.note_count()} notes")
        note = col.get_note(col.db.scalar("select id from notes where guid = ?", columns[0]))
        check(note["Back"] == columns[2], "the changed Back did not arrive")
        col.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"anki_check: {n} notes in {len(decks)} decks imported; re-import: 0 new, 0 updated, {n} unchanged; "
          "a changed note updated")


if __name__ == "__main__":
    main()
