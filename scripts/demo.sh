#!/usr/bin/env bash
# The main job: install Dossier into .venv, ingest the sample corpus into ./dossier.db, show what it found.
set -euo pipefail
source "$(dirname "$0")/_venv.sh" ""
export DOSSIER_DB="${DOSSIER_DB:-$root/dossier.db}"
dossier=".venv/bin/dossier"
echo "== ingest samples/articles into $DOSSIER_DB"
rc=0; "$dossier" ingest samples/articles || rc=$?
if [ "$rc" -gt 1 ]; then exit "$rc"; fi
echo; echo "== what the store holds"
"$dossier" stats
echo; "$dossier" docs
echo; echo "== the actors, resolved across documents (top 8)"
"$dossier" entities --limit 8
echo; echo "== search: \"al-Qaeda\" Taliban"
"$dossier" search '"al-Qaeda" Taliban' --limit 3
cat <<'TXT'

Next steps:
  .venv/bin/dossier show <id> --facts        cleaned text, metadata, entities, quotes, events, quantities
  .venv/bin/dossier show <id> --segments     why each input line was kept or dropped
  .venv/bin/dossier entity Khalilzad         aliases and merge reasons, roles, quotes, relations, timeline
  .venv/bin/dossier graph --entity Taliban   who is linked to whom, dated, with sources (--json, --as-of)
  .venv/bin/dossier ingest ~/my-articles/    your own files: text, HTML, WARC, RSS/Atom, JSONL, dirs, globs, -
  .venv/bin/dossier export --format jsonl    one JSON record per document (graphml: the actor graph for Gephi)
TXT
