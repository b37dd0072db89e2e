#!/usr/bin/env bash
# The main job: install Dossier into .venv, ingest the sample corpus into ./dossier.db, show what it found.
set -euo pipefail
source "$(dirname "$0")/_venv.sh" ""
export DOSSIER_DB="${DOSSIER_DB:-$root/dossier.db}"
dossier=".venv/bin/dossier"
echo "== ingest samples/ into $DOSSIER_DB"
rc=0; "$dossier" ingest samples/ || rc=$?
if [ "$rc" -gt 1 ]; then exit "$rc"; fi
echo; echo "== what the store holds"
"$dossier" stats
echo; "$dossier" docs
echo; echo "== search: \"al-Qaeda\" Taliban"
"$dossier" search '"al-Qaeda" Taliban' --limit 3
cat <<'TXT'

Next steps:
  .venv/bin/dossier show <id> --segments     cleaned text, metadata, and why each line was kept or dropped
  .venv/bin/dossier ingest ~/my-articles/    your own files: text, HTML, WARC, RSS/Atom, JSONL, dirs, globs, -
  .venv/bin/dossier export --format jsonl    one JSON record per document
TXT
