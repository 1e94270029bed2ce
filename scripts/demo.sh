#!/usr/bin/env bash
# The demo: import the bundled example list, screen the example people, show an explained match.
set -euo pipefail
OPSPOOR="$1"
export OPSPOOR_HOME="$2"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Import the example sanctions list (UN XML format; the six LYi.021-026 records are real)"
"$OPSPOOR" lists import examples/lists/un-demo.xml
"$OPSPOOR" lists show

step "2. Screen examples/people.csv (OFAC spellings, nicknames, common names)"
"$OPSPOOR" screen examples/people.csv --out "$OPSPOOR_HOME/results.csv"
"$OPSPOOR" alerts list

step "3. Why is 'KOSHLAF, Mohamed' a hit? (and 'Mohammed Al Amin' is not)"
"$OPSPOOR" match "KOSHLAF, Mohamed" --schema Person --birth-date 1985-12-12 --limit 1
"$OPSPOOR" match "Mohammed Al Amin" --schema Person --limit 1

if [ -d examples/documents ] && "$OPSPOOR" documents --help >/dev/null 2>&1; then
  step "4. Names, identifiers and relations in the example documents, screened against the list"
  "$OPSPOOR" documents add examples/documents
  "$OPSPOOR" documents hits
fi

printf '\nResults written to %s/results.csv. Store: %s\n' "$OPSPOOR_HOME" "$OPSPOOR_HOME"
