#!/usr/bin/env bash
# Re-make the card pictures of docs/cards.md: plan the bundled example, print its cards and
# cut one page of each kind (sign, slips, roster).
# usage (from the repository root): bash docs/img/cards/render.sh
# needs: poppler-utils (pdftoppm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && rotation demo -o plan.xlsx --time-limit 5 --seed 1 --workers 1 --quiet \
  && rotation print plan.xlsx -o karten.pdf)
# The example has 6 tables: pages 1-6 signs, 7-11 slips (10 to a page), 12-17 rosters.
pdftoppm -r 40 -f 1 -l 1 -png -singlefile "$work/karten.pdf" "$here/sign"
pdftoppm -r 40 -f 7 -l 7 -png -singlefile "$work/karten.pdf" "$here/slips"
pdftoppm -r 40 -f 12 -l 12 -png -singlefile "$work/karten.pdf" "$here/roster"
