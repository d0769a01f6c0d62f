#!/usr/bin/env bash
# Re-make the tutorial's screenshots: plan the sample registration list with the tutorial's
# command, render the plan workbook as it prints (LibreOffice -> PDF) and cut three pictures.
# usage (from the repository root): bash docs/img/tutorial/render.sh
# needs: libreoffice-calc and poppler-utils (pdftoppm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/data/anmeldungen-werkstatttreffen-50.xlsx "$work/anmeldungen.xlsx"
(cd "$work" && rotation plan anmeldungen.xlsx -o plan.xlsx \
  --themes "Integration und Teilhabe" "Gleichstellung und Vielfalt" \
  --tables-per-theme 3 --table-size 10 --balance Geschlecht Funktion --lang en --quiet)
soffice --headless --convert-to pdf --outdir "$work" "$work/plan.xlsx" >/dev/null 2>&1
pdf="$work/plan.pdf"
# Page 1: Overview; page 2: the first phase sheet; page 6: the Participants sheet.
pdftoppm -r 90 -f 1 -l 1 -x 20 -y 30 -W 700 -H 690 -png -singlefile "$pdf" "$here/overview"
pdftoppm -r 90 -f 2 -l 2 -x 20 -y 30 -W 560 -H 560 -png -singlefile "$pdf" "$here/phase-1"
pdftoppm -r 90 -f 6 -l 6 -x 30 -y 30 -W 1000 -H 420 -png -singlefile "$pdf" "$here/participants"
